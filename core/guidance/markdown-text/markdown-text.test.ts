import { markdownToHtml } from "../markdown-html";
import { htmlText } from "../plain-text";
import { scanWords } from "../ranking/analyzer";
import { markdownText } from "./markdown-text";

const text = (markdown: string): string => markdownText(markdown).text;

/** The words a full CommonMark + GFM parse puts on the rendered page (marked, as the tab shows it). */
function renderedWords(markdown: string): string[] {
  const words: string[] = [];
  scanWords(htmlText(markdownToHtml(markdown)), 0, (surface) => void words.push(surface));
  return words;
}

function scannedWords(markdown: string): string[] {
  const words: string[] = [];
  scanWords(text(markdown), 0, (surface) => void words.push(surface));
  return words;
}

describe("markdownText: block structure", () => {
  it("finds ATX and setext headings, the first level-1 heading, and keeps heading lines in the text", () => {
    const result = markdownText("# Annual leave #\n\nIntro.\n\nCarry over\n----------\n\nSecond title\n===\n\n### Bank holidays ###\n");
    expect(result.h1).toBe("Annual leave");
    expect(result.headings).toEqual(["Annual leave", "Carry over", "Second title", "Bank holidays"]);
    expect(result.text).toBe("Annual leave\nIntro.\nCarry over\nSecond title\nBank holidays");
  });

  it("does not read '#hashtag' or '#5' as headings", () => {
    expect(markdownText("#5 bus to the depot\n\n#wellbeing week").headings).toEqual([]);
  });

  it("keeps fenced and indented code as written, and nothing in it is a heading or markup", () => {
    const result = markdownText("Run:\n\n```sh\n# not a heading\nnpm run *build*\n```\n\nThen\n\n    indented_code [x](y)\n\nDone.");
    expect(result.headings).toEqual([]);
    expect(result.text).toBe("Run:\n# not a heading\nnpm run *build*\nThen\nindented_code [x](y)\nDone.");
  });

  it("treats an unclosed fence as code to the end, as CommonMark does", () => {
    expect(markdownText("Before\n~~~\n## inside\n").headings).toEqual([]);
  });

  it("drops list markers and task boxes, keeps nested items, and does not let '2019.' start a list mid-paragraph", () => {
    expect(text("- [ ] Book leave\n- [x] Tell your manager\n  1. In person\n  2. By email\n\nWe changed it in\n2019. It still applies.")).toBe(
      "Book leave\nTell your manager\nIn person\nBy email\nWe changed it in\n2019. It still applies.",
    );
  });

  it("reads a list item's paragraph followed by a margin '---' as a thematic break, not a heading", () => {
    expect(markdownText("- Item one\n---\nAfter").headings).toEqual([]);
  });

  it("gives a GFM table a line per row, cells joined, the delimiter row dropped, escaped pipes kept", () => {
    expect(text("| Leave | Days |\n|:--|--:|\n| Annual | 27 |\n| Carer `a\\|b` | 5 |\n\nAfter")).toBe("Leave Days\nAnnual 27\nCarer a|b 5\nAfter");
  });

  it("takes the text of HTML blocks, never scripts or styles", () => {
    expect(text('<div class="note">\n<p>Call <b>HR</b> &amp; IT</p>\n<script>steal()</script><style>p{}</style>\n</div>\n\nAfter')).toBe("Call HR & IT\nAfter");
  });

  it("drops link reference definitions (destination on the same line or the next) but keeps footnote-like text", () => {
    expect(text("See [the policy][p].\n\n[p]: https://x.example/p \"Policy\"\n[q]:\n  https://x.example/q\n\n[^1]: Only people in HR can open it.")).toBe(
      "See the policy.\n[^1]: Only people in HR can open it.",
    );
  });

  it("ends a fence or HTML block when the quote or list item holding it ends, as CommonMark does", () => {
    expect(markdownText("> ```\n> code\n\n# Mileage\n\nSee [form](https://f.example/a_b).").headings).toEqual(["Mileage"]);
    expect(text("> ```\n> code\n\n# Mileage\n\nSee [form](https://f.example/a_b).")).toBe("code\nMileage\nSee form.");
    expect(markdownText("> <div>\n> Note\n>\n> # Quoted heading\n\nAfter").headings).toEqual(["Quoted heading"]);
    expect(markdownText("- item\n  ```\n  code\n  ```\n# After the list").headings).toEqual(["After the list"]);
    expect(markdownText("- ```\n  code\n# Heading after").headings).toEqual(["Heading after"]);
    // A fence back at the margin after a list item is a fence of its own, not the item's.
    expect(text("- item\n```\ncode line\nmore code\n```\nAfter")).toBe("item\ncode line\nmore code\nAfter");
  });

  it("strips block quote markers", () => {
    expect(text("> Quoted *advice*\n> > nested")).toBe("Quoted advice\nnested");
  });

  it("handles CRLF line endings", () => {
    expect(markdownText("# Title\r\n\r\nBody line\r\n").text).toBe("Title\nBody line");
  });
});

describe("markdownText: inline text", () => {
  it("keeps link text and drops destinations and images; autolinks keep their address", () => {
    expect(text("Use [MyView](https://myview.example/ \"HR\") or <https://hr.example/leave>. ![A chart of leave](chart.png)")).toBe(
      "Use MyView or https://hr.example/leave.",
    );
  });

  it("removes emphasis and strikethrough marks but keeps snake_case, 2*3 and a lone asterisk", () => {
    expect(text("**Do** _not_ ~~email~~ the file_name_here; 2*3 = 6 and a * b")).toBe("Do not email the file_name_here; 2*3 = 6 and a * b");
  });

  it("decodes escapes and character references, and removes inline tags (a <br> breaks the line)", () => {
    expect(text("Fish \\& chips &amp; peas &pound;5 &#8211; &#x2014; caf&eacute;<br>next <span>line</span> \\*literal\\*")).toBe(
      "Fish & chips & peas £5 – — caf&eacute;\nnext line *literal*",
    );
  });

  it("keeps brackets that are not links, and resolves collapsed and shortcut references", () => {
    expect(text("Press [Enter] or see [MyView][] and [HR].\n\n[myview]: https://m.example\n[hr]: https://hr.example")).toBe("Press [Enter] or see MyView and HR.");
  });

  it("keeps code spans' contents as written", () => {
    expect(text("Set `NODE_ENV=production` and ``a ` b``.")).toBe("Set NODE_ENV=production and a ` b.");
  });
});

describe("markdownText agrees with the rendered page", () => {
  // Search must index the words a reader sees. Each document mixes the constructs guidance pages use; the scan must
  // give the same words, in the same order, as rendering the page with marked and reading its text.
  const documents = [
    "# Lone working\n\nStaff who work alone must:\n\n1. tell a colleague where they are;\n2. carry a **charged** phone;\n3. check in via [the app][app].\n\n[app]: https://app.example\n\n> If you feel unsafe, leave.\n\n| Risk | Action |\n|---|---|\n| Visit | Use the buddy system |\n",
    "Setext title\n============\n\nSome `code` and *emphasis*, a [link](https://x.example/a_(b)) and an image ![alt](i.png).\n\n```js\nconst x = 1; // # not heading\n```\n\n    indented code\n\n* item one\n* item two\n    continued\n\n<details>\n<summary>More</summary>\nHidden text.\n</details>\n\nLast line with &copy; 2026 and \\*stars\\*.",
    "Intro paragraph\nwith a soft break and trailing spaces  \nhard break.\n\n- a\n  - nested *b*\n    - deeper `c`\n\n---\n\n## Closing\n\nThanks, <b>HR</b> team. Email <hr@council.example> or call 01234 567890.",
  ];
  it.each(documents.map((doc, i) => [i, doc] as const))("document %i", (_i, doc) => {
    expect(scannedWords(doc)).toEqual(renderedWords(doc));
  });
});

describe("markdownText on hostile input", () => {
  // Each of these once took seconds to minutes, because a construct was searched for again from every position
  // (time quadratic in the input), or a DOM parser met thousands of unclosed elements. Read in one pass they take
  // milliseconds. A page like this must not stall an ingest. The bound is a hang guard, not a speed target: it is
  // hundreds of times what a linear read takes, and far below what the quadratic reads took (jest cannot time out
  // synchronous code, so the test measures).
  const HANG_GUARD_MS = 10_000;
  const n = 100_000;
  it.each([
    ["unmatched brackets", "[".repeat(n)],
    ["unmatched image openers", "![x".repeat(n / 3)],
    ["brackets nested deep", "[".repeat(n / 2) + "]".repeat(n / 2)],
    ["links without a closing parenthesis", "[a](".repeat(n / 4)],
    ["angle-bracket destinations never closed", "[a](<".repeat(n / 5)],
    ["tags with an unclosed quote", '<a b="'.repeat(n / 6)],
    ["comments never closed", "Text " + "<!--".repeat(n / 4)],
    ["unclosed HTML elements", "<div>\n".repeat(n / 5)],
    ["list items nested deep on one line", "- ".repeat(n / 2) + "x"],
    ["a raw-HTML block full of scripts", "<div>\n" + "<div><script></script>".repeat(n / 2)],
  ])("%s", (_name, input) => {
    const started = Date.now();
    expect(markdownText(`${input}\n\nFinal words.`).text).toMatch(/Final words\.$/);
    expect(Date.now() - started).toBeLessThan(HANG_GUARD_MS);
  });

  it("still reads the words after thousands of unclosed elements", () => {
    expect(markdownText(`${"<div>\n".repeat(20_000)}Staff parking\n\nFinal words.`).text).toBe("Staff parking\nFinal words.");
  });
});
