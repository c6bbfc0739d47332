import type { GuidancePage } from "./page";
import { RenderedPages } from "./rendered-pages";
import { contentHash, isSupportedDocument, parseDocument, type SourceDocument } from "./parse-document";

/** A page's body as the page API serves it (rendered and sanitised). */
const readable = (page: GuidancePage): Promise<string> => new RenderedPages().htmlOf(page);

const NOW = new Date("2025-04-01T09:00:00Z");
const parse = (id: string, content: string, extra: Partial<SourceDocument> = {}) => parseDocument({ id, content, ...extra }, "test-origin", NOW);

describe("parseDocument: Markdown", () => {
  it("makes a lone surrogate (half an emoji) a replacement character, as SQLite would store it once, not thrice", () => {
    const page = parse("hr/emoji.md", "# Team \ud83d news\n\n## Wins \udc4d\n\nWell done \ud83d\udc4d and \ud83d.\n");
    expect(page.title).toBe("Team \ufffd news");
    expect(page.headings).toEqual(["Wins \ufffd"]);
    expect(page.text).toContain("Well done \ud83d\udc4d and \ufffd.");
  });

  it("takes the title from front matter, and the url too", () => {
    const page = parse("hr/leave.md", "---\ntitle: Annual leave\nurl: https://intranet.example/leave\n---\n# Holidays\n\nBook it early.\n");
    expect(page.title).toBe("Annual leave");
    expect(page.url).toBe("https://intranet.example/leave");
    expect(page.headings).toEqual(["Holidays"]);
    expect(page.text).toContain("Book it early.");
  });

  it("reads front matter keywords (a comma-separated string or a list), tags and description", () => {
    const page = parse("hr/ppl.md", '---\ntitle: PPL\nkeywords: "parental, parent,parental leave, Parent"\ntags:\n  - maternity\n  - 12\ndescription: "  Paid time off\n  for a new child "\n---\nBody.\n');
    expect(page.keywords).toEqual(["parental", "parent", "parental leave", "maternity", "12"]);
    expect(page.description).toBe("Paid time off for a new child");
  });

  it("leaves keywords and description out when the front matter has none (or nonsense)", () => {
    const page = parse("a.md", "---\ntitle: T\nkeywords: {nested: true}\ndescription: 42\n---\nBody.\n");
    expect(page).not.toHaveProperty("keywords");
    expect(page).not.toHaveProperty("description");
  });

  it("bounds keywords: at most 50, each at most 100 characters", () => {
    const many = Array.from({ length: 80 }, (_, i) => `k${i}`).join(", ");
    const page = parse("a.md", `---\nkeywords: "${many}, ${"x".repeat(300)}"\n---\nBody.\n`);
    expect(page.keywords).toHaveLength(50);
    expect(page.keywords?.every((k) => k.length <= 100)).toBe(true);
  });

  it("falls back to the first H1 when there is no front matter title", () => {
    expect(parse("hr/leave.md", "Intro line.\n\n# Sickness absence\n\n## Reporting\n").title).toBe("Sickness absence");
  });

  it("falls back to the file name when there is no title or H1", () => {
    expect(parse("hr/annual_leave-policy.md", "Just a paragraph.\n\n## A section\n").title).toBe("Annual leave policy");
  });

  it("collects headings in order, leaving out the title", () => {
    const page = parse("it/vpn.md", "# Remote access\n\n## Before you start\n\ntext\n\n### Install the client\n\n## Getting help\n");
    expect(page.headings).toEqual(["Before you start", "Install the client", "Getting help"]);
  });

  it("strips links, emphasis and code marks from the text but keeps their words", async () => {
    const page = parse("a.md", "# T\n\nRead [the policy](https://x.example/p) and **claim** _now_, using `form A`.\n");
    expect(page.text).toContain("Read the policy and claim now, using form A.");
    expect(page.text).not.toMatch(/https|\*\*|_now_|`/);
    // The HTML keeps the link, made safe to open.
    expect(await readable(page)).toContain('href="https://x.example/p"');
    expect(await readable(page)).toContain('rel="noopener noreferrer"');
  });

  it("keeps list and table text", () => {
    const page = parse("a.md", "# T\n\n- first item\n- second item\n\n| Grade | Days |\n| --- | --- |\n| A | 25 |\n");
    expect(page.text).toContain("first item");
    expect(page.text).toContain("Grade Days");
    expect(page.text).toContain("A 25");
  });

  it("still ingests a page whose YAML front matter is broken", () => {
    const page = parse("hr/broken.md", "---\ntitle: [unclosed\n  : : nonsense\n---\n# Flexible working\n\nAsk your manager.\n");
    expect(page.title).toBe("Flexible working");
    expect(page.text).toContain("Ask your manager.");
    expect(page.text).not.toContain("unclosed");
  });

  it("removes scripts and event handlers from raw HTML in Markdown, and never indexes script text", async () => {
    const page = parse("a.md", '# T\n\n<script>stealCookies()</script>\n\n<p onclick="evil()">Visible words</p>\n');
    expect(await readable(page)).not.toMatch(/script|onclick|stealCookies|evil/);
    expect(page.text).toContain("Visible words");
    expect(page.text).not.toContain("stealCookies");
  });
});

describe("parseDocument: HTML", () => {
  const html = `<!doctype html><html><head><title>Remote access (VPN)</title><link rel="canonical" href="https://intranet.example/vpn">
    <style>p { color: red }</style></head>
    <body><nav>Home Menu Search</nav>
    <main><h1>Remote access (VPN)</h1><h2>Connecting</h2><p onclick="track()">Open the <a href="javascript:alert(1)">VPN client</a> and sign in.</p>
    <script>alert("hi")</script><iframe src="https://evil.example"></iframe><ul><li>Use MFA</li></ul></main>
    <footer>Footer text</footer></body></html>`;
  const page = parse("it/vpn.html", html);

  it("takes the title from <title> and the url from the canonical link", () => {
    expect(page.title).toBe("Remote access (VPN)");
    expect(page.url).toBe("https://intranet.example/vpn");
  });

  it("indexes only <main>, not navigation or footer", () => {
    expect(page.text).toContain("Open the VPN client and sign in.");
    expect(page.text).toContain("Use MFA");
    expect(page.text).not.toMatch(/Menu|Footer text/);
    expect(page.headings).toEqual(["Connecting"]);
  });

  it("sanitises the HTML: no scripts, styles, iframes, event handlers or javascript: links", async () => {
    expect(await readable(page)).not.toMatch(/<script|<style|<iframe|onclick|javascript:|alert/);
    expect(await readable(page)).toContain("<li>Use MFA</li>");
    expect(page.text).not.toContain("alert");
  });

  it("reads meta keywords and description from the head", () => {
    const withMeta = parse("x.html", '<head><title>Pay</title><meta name="keywords" content="salary; payslip, pay day"><meta name="description" content="When and how you are paid."></head><main><p>Monthly.</p></main>');
    expect(withMeta.keywords).toEqual(["salary", "payslip", "pay day"]);
    expect(withMeta.description).toBe("When and how you are paid.");
    expect(page).not.toHaveProperty("keywords");
  });

  it("falls back to the first <h1> without a <title>", () => {
    expect(parse("x.htm", "<body><h1>Pay dates</h1><p>Monthly.</p></body>").title).toBe("Pay dates");
  });
});

describe("parseDocument: identity of a page", () => {
  it("hashes the source bytes, so the same input gives the same page", () => {
    const a = parse("a.md", "# Same\n");
    expect(a.contentHash).toBe(contentHash("# Same\n"));
    expect(parse("a.md", "# Same\n")).toEqual(a);
    expect(parse("a.md", "# Different\n").contentHash).not.toBe(a.contentHash);
  });

  it("uses the file's modified time when known, otherwise now", () => {
    const modifiedAt = new Date("2024-12-25T00:00:00Z");
    expect(parse("a.md", "x", { modifiedAt }).updatedAt).toEqual(modifiedAt);
    expect(parse("a.md", "x").updatedAt).toEqual(NOW);
  });

  it("records the origin and id it was given", () => {
    const page = parse("hr/leave.md", "# T\n");
    expect(page.id).toBe("hr/leave.md");
    expect(page.origin).toBe("test-origin");
  });
});

describe("isSupportedDocument", () => {
  it.each(["a.md", "b.MARKDOWN", "c.html", "d.HTM"])("accepts %s", (name) => expect(isSupportedDocument(name)).toBe(true));
  it.each(["a.txt", "b.pdf", "README", "c.md.bak"])("ignores %s", (name) => expect(isSupportedDocument(name)).toBe(false));
});

describe("parseDocument: an HTML page with thousands of unclosed elements", () => {
  it("is read without a DOM, keeping its title, text and a sanitised body, in linear time", async () => {
    // node-html-parser took 33 s on 4,000 unclosed <div>s with text (a line break) between them; this page has 5,000.
    // The bound is a hang guard, not a speed target (jest cannot time out synchronous code).
    const html = `<html><head><title>Old intranet export</title></head><body>${"<div>\n".repeat(5_000)}<p>Staff parking permits</p><script>evil()</script><img src=x onerror=alert(1)></body></html>`;
    const started = Date.now();
    const page = parse("legacy/export.html", html);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(page.title).toBe("Old intranet export");
    expect(page.text).toBe("Staff parking permits");
    expect(await readable(page)).toContain("Staff parking permits");
    expect(await readable(page)).not.toMatch(/<script|onerror|evil/);
  });

  it("keeps using the DOM for an ordinary page with a few elements left open", () => {
    const page = parse("it/vpn.html", `<title>VPN</title><main><h2>Connect</h2><div><div><p>Use the smartcard.</p></main>`);
    expect(page).toMatchObject({ title: "VPN", headings: ["Connect"] });
  });
});
