import { markdownToHtml, safeUrl } from "./markdown-html";

const render = (markdown: string): string => markdownToHtml(markdown);
// Anything that could run script or load active content, in any case.
const DANGEROUS = /<script|<style|<iframe|<object|<embed|<svg|<math|<form|<input|<meta|<link|<base|\son\w+\s*=|javascript:|vbscript:|data:|style=|srcdoc/i;

describe("markdownToHtml: safe by construction", () => {
  it.each([
    ["a script block", "Before\n\n<script>alert(1)</script>\n\nAfter"],
    ["an inline script", "Text <script>alert(1)</script> more"],
    ["an event handler on raw HTML", 'Look <img src="x.png" onerror="alert(1)"> here'],
    ["an event handler on a block", '<div onclick="alert(1)">Click</div>'],
    ["a javascript: link", "[click](javascript:alert(1))"],
    ["a javascript: link in mixed case with spaces", "[click](<JaVaScRiPt :alert(1)>)"],
    ["a javascript: link with a tab in the scheme", "[click](java\tscript:alert(1))"],
    ["an entity-encoded javascript: link in raw HTML", '<a href="&#106;avascript:alert(1)">x</a>'],
    ["a javascript: reference link", "[click][r]\n\n[r]: javascript:alert(1)"],
    ["a vbscript: link", "[x](vbscript:msgbox)"],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a data: image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
    ["a style block", "<style>body { display: none }</style>\n\nText"],
    ["a style attribute", '<p style="position:fixed">x</p>'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["an iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ["an SVG with onload", "<svg onload=alert(1)><circle r=1 /></svg>"],
    ["an inline SVG in a paragraph", "Icon <svg><script>alert(1)</script></svg> here"],
    ["MathML", "<math><mtext><script>alert(1)</script></mtext></math>"],
    ["an object/embed", '<object data="x.swf"></object><embed src="x.swf">'],
    ["a form", '<form action="https://evil.example"><input name="p"></form>'],
    ["a meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ["a task list checkbox", "- [x] done\n- [ ] to do"],
    ["raw HTML in a table cell", "| a |\n| - |\n| <img src=x onerror=alert(1)> |"],
    ["raw HTML in a list item", "- item <iframe src=x></iframe>\n- two"],
    ["raw HTML in a heading", "## Heading <script>alert(1)</script>"],
  ])("removes %s", (_name, markdown) => {
    expect(render(markdown)).not.toMatch(DANGEROUS);
  });

  it("keeps ordinary Markdown: headings, emphasis, lists, tables, code, safe links and images", () => {
    const html = render("## Booking\n\nBook **annual leave** in _MyHR_.\n\n- one\n- two\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n```js\nx < 1 && y\n```\n\n[policy](https://intranet.example/p?a=1&b=2) ![logo](/img/logo.png)\n");
    expect(html).toContain("<h2>Booking</h2>");
    expect(html).toContain("<strong>annual leave</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<td>1</td>");
    expect(html).toContain("<pre><code>x &lt; 1 &amp;&amp; y\n</code></pre>");
    expect(html).toContain('<a href="https://intranet.example/p?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">policy</a>');
    expect(html).toContain('<img src="/img/logo.png" alt="logo" />');
  });

  it("keeps the text of a dropped link, and safe raw HTML (abbr, links) through the sanitiser", () => {
    expect(render("[click here](javascript:alert(1))")).toContain("click here");
    const html = render('Use <abbr title="Long term support">LTS</abbr> or <a href="mailto:a@b.example">mail us</a>.');
    expect(html).toContain("<abbr>LTS</abbr>");
    expect(html).toContain('<a href="mailto:a@b.example" rel="noopener noreferrer" target="_blank">mail us</a>');
  });

  it("keeps quotes in an image's alt text or a link's title inside the attribute", () => {
    expect(render('![a" onerror="alert(1)](x.png)')).toContain('<img src="x.png" alt="a&quot; onerror=&quot;alert(1)" />');
    expect(render('[a](https://x.example "t\\" onmouseover=\\"alert(1)")')).toContain('title="t&quot; onmouseover=&quot;alert(1)" rel=');
  });

  it("escapes text that looks like markup", () => {
    expect(render("Use the &lt;b&gt; tag, and 5 > 3 & 2 < 4")).not.toMatch(/<b>/);
  });
});

describe("safeUrl", () => {
  it.each(["https://a.example", "HTTP://A.EXAMPLE", "http://a.example", "mailto:x@y.example", "tel:+441234", "/relative/path", "../up/one", "./here", "page.md#anchor", "#top", "?q=1", "//cdn.example/x"])("allows %j", (url) => {
    expect(safeUrl(url)).toBeDefined();
  });

  it.each(["javascript:alert(1)", "JAVASCRIPT:x", " javascript:x", "java\nscript:x", "java\u0000script:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd"])("refuses %j", (url) => {
    expect(safeUrl(url)).toBeUndefined();
  });

  it("escapes what it keeps for a double-quoted attribute", () => {
    expect(safeUrl('https://a.example/?q="x"&y=<z>')).toBe("https://a.example/?q=%22x%22&amp;y=%3Cz%3E");
  });
});

describe("markdownToHtml: raw HTML carried across blocks", () => {
  it("never lets an unclosed inline tag from one paragraph unescape the next one's markup", () => {
    // marked keeps an unclosed <kbd> open into the next paragraph and writes that paragraph's text unescaped.
    for (const tag of ["kbd", "code", "pre", "script"]) {
      const html = render(`Press <${tag}>Ctrl\n\nThen <img src=x onerror=alert(1)// and <a href="javascript:alert(1)" style="position:fixed">x</a>`);
      expect(html).not.toMatch(/onerror|javascript:|style=|<script/i);
    }
  });
});

describe("markdownToHtml: sanitised block by block", () => {
  it("lets a <script> written in prose cost its own paragraph, not the rest of the page", () => {
    const html = render("Put the <script> tag in the head.\n\n## Next section\n\nThis paragraph stays.");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("<h2>Next section</h2>");
    expect(html).toContain("This paragraph stays.");
  });
});
