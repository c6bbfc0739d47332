import { truncate } from "./card-limits";
import { escapeMarkdown, snippetToMarkdown, snippetToPlainText } from "./card-text";

describe("card text helpers", () => {
  it("escapes Markdown specials", () => {
    expect(escapeMarkdown("a*b_c[d]`e`\\f<g>")).toBe("a\\*b\\_c\\[d\\]\\`e\\`\\\\f\\<g\\>");
  });

  it("keeps the snippet's bold markers but escapes what lies between them", () => {
    expect(snippetToMarkdown("the **leave** year_start *x*")).toBe("the **leave** year\\_start \\*x\\*");
  });

  it("drops bold markers for speech", () => {
    expect(snippetToPlainText("the **leave** year")).toBe("the leave year");
  });

  it("truncates by code point with an ellipsis", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("😀😀😀😀", 3)).toBe("😀😀…");
  });
});

describe("snippetToMarkdown with a cut snippet", () => {
  it("drops an unpaired bold marker", () => {
    expect(snippetToMarkdown("the **leave** year **ann")).toBe("the **leave** year ann");
    expect(snippetToMarkdown("**a** and **b**")).toBe("**a** and **b**");
    expect(snippetToMarkdown("no markers")).toBe("no markers");
  });
});
