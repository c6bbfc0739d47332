import { RENDERED_PAGE_CACHE_SIZE, RenderedPages, textAsHtml, type MarkdownRenderer } from "./rendered-pages";

function countingRenderer(result: (markdown: string) => string | undefined): MarkdownRenderer & { calls: string[] } {
  const calls: string[] = [];
  return { calls, render: async (markdown) => (calls.push(markdown), result(markdown)) };
}

const page = (id: string, markdown: string, contentHash = `h-${id}`) => ({ id, body: { markdown }, text: `Text of ${id}\n<second> line`, contentHash });

describe("RenderedPages", () => {
  it("returns an HTML page's stored (sanitised) HTML without rendering", async () => {
    const renderer = countingRenderer(() => "x");
    const html = await new RenderedPages(renderer).htmlOf({ id: "a.html", body: { html: "<p>Stored</p>" }, text: "Stored", contentHash: "h" });
    expect(html).toBe("<p>Stored</p>");
    expect(renderer.calls).toEqual([]);
  });

  it("renders a Markdown page once per version and serves later reads from its cache", async () => {
    const renderer = countingRenderer((md) => `<p>${md}</p>`);
    const pages = new RenderedPages(renderer);
    expect(await pages.htmlOf(page("a.md", "one"))).toBe("<p>one</p>");
    expect(await pages.htmlOf(page("a.md", "one"))).toBe("<p>one</p>");
    expect(await pages.htmlOf(page("a.md", "two", "h-a2"))).toBe("<p>two</p>");
    expect(renderer.calls).toEqual(["one", "two"]);
  });

  it("shows a page that cannot be rendered in time as its plain text, escaped, and does not try again on every read", async () => {
    const renderer = countingRenderer(() => undefined);
    const pages = new RenderedPages(renderer);
    expect(await pages.htmlOf(page("slow.md", "[a]("))).toBe("<p>Text of slow.md</p>\n<p>&lt;second&gt; line</p>");
    await pages.htmlOf(page("slow.md", "[a]("));
    expect(renderer.calls).toHaveLength(1);
    expect(textAsHtml("a & b")).toBe("<p>a &amp; b</p>");
  });

  it("keeps at most RENDERED_PAGE_CACHE_SIZE pages, dropping the least recently read", async () => {
    const renderer = countingRenderer((md) => md);
    const pages = new RenderedPages(renderer);
    for (let i = 0; i <= RENDERED_PAGE_CACHE_SIZE; i++) {
      await pages.htmlOf(page(`p${i}.md`, `m${i}`));
      if (i === 0) continue;
      await pages.htmlOf(page("p0.md", "m0")); // read again: stays
    }
    renderer.calls.length = 0;
    await pages.htmlOf(page("p0.md", "m0"));
    await pages.htmlOf(page("p1.md", "m1"));
    expect(renderer.calls).toEqual(["m1"]);
  });
});
