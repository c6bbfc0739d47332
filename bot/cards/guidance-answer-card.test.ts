import type { SearchHit } from "../../core";
import { cardActions, cardElements, cardTexts } from "../../tests/bot/support/walk-card";
import { FEEDBACK_ACTION, cardSubmitSchema } from "./card-submit-data";
import { guidanceAnswerCard, MAX_ANSWER_RESULTS } from "./guidance-answer-card";
import { PINNED_LABEL } from "./pinned-badge";

const results: SearchHit[] = [
  { id: "hr/annual leave.md", title: "Annual leave", snippet: "How to book **annual** **leave**…", score: 9, url: "https://intranet.example/al" },
  { id: "hr/sickness.md", title: "Sickness absence", snippet: "Sick **leave** needs a fit note", score: 5 },
  { id: "hr/parental.md", title: "Parental leave", snippet: "Unpaid parental **leave**", score: 4 },
  { id: "hr/extra.md", title: "Extra", snippet: "Not shown", score: 1 },
];

describe("guidanceAnswerCard", () => {
  const card = guidanceAnswerCard({ query: "annual leave", results, publicUrl: "https://hub.example.gov.uk/" });

  it("shows at most three results, titles as headings, snippets with bold matches", () => {
    const headings = cardElements(card).filter((e) => e.type === "TextBlock" && e.style === "heading");
    expect(headings.map((h) => (h.type === "TextBlock" ? h.text : ""))).toEqual(["Annual leave", "Sickness absence", "Parental leave"]);
    expect(MAX_ANSWER_RESULTS).toBe(3);
    expect(cardTexts(card)).toContain("How to book **annual** **leave**…");
    expect(JSON.stringify(card)).not.toContain("Not shown");
  });

  it("links each result to the guidance tab, preferring it to the page's own URL", () => {
    const links = cardActions(card).filter((a) => a.type === "Action.OpenUrl");
    expect(links).toHaveLength(3);
    expect(links[0]).toMatchObject({ title: "Open page", url: "https://hub.example.gov.uk/tabs/guidance?page=hr%2Fannual%20leave.md" });
    expect(links[0]?.tooltip).toContain("Annual leave");
  });

  it("falls back to the page's own URL, or no link, without a public URL", () => {
    const local = guidanceAnswerCard({ query: "leave", results, publicUrl: "" });
    const links = cardActions(local).filter((a) => a.type === "Action.OpenUrl");
    expect(links).toEqual([{ type: "Action.OpenUrl", title: "Open page", url: "https://intranet.example/al", tooltip: "Open the page Annual leave" }]);
  });

  it("asks 'Was this helpful?' with Yes/No buttons whose data the bot can read back", () => {
    const submits = cardActions(card).filter((a) => a.type === "Action.Submit");
    expect(submits.map((s) => s.title)).toEqual(["Yes", "No"]);
    const parsed = submits.map((s) => cardSubmitSchema.parse(s.data));
    expect(parsed).toEqual([
      { action: FEEDBACK_ACTION, query: "annual leave", helpful: true, pageId: "hr/annual leave.md" },
      { action: FEEDBACK_ACTION, query: "annual leave", helpful: false, pageId: "hr/annual leave.md" },
    ]);
    // No Teams msteams extras: the Agents Playground's renderer cannot handle them (see feedbackButton).
    for (const s of submits) expect(s.data.msteams).toBeUndefined();
  });

  it("speaks a plain summary naming the top page", () => {
    expect(card.speak).toMatch(/^I found 3 pages\. The top one is Annual leave: How to book annual leave…/);
    expect(card.speak).not.toContain("*");
  });

  it("escapes Markdown in the question and titles so neither can format or link", () => {
    const tricky = guidanceAnswerCard({
      query: "[click](https://evil.example) *now*",
      results: [{ id: "a.md", title: "Leave_policy *draft*", snippet: "see [x](y) **leave**", score: 1 }],
      publicUrl: "https://hub.example.gov.uk",
    });
    const texts = cardTexts(tricky);
    expect(texts[0]).toContain("\\[click\\](https://evil.example) \\*now\\*");
    expect(texts).toContain("Leave\\_policy \\*draft\\*");
    expect(texts).toContain("see \\[x\\](y) **leave**");
  });

  it("refuses an empty result list (that is the no-results card's job)", () => {
    expect(() => guidanceAnswerCard({ query: "x", results: [], publicUrl: "" })).toThrow(RangeError);
  });

  it("marks a pinned result in words above its title, and says so in speech and fallback text", () => {
    const pinned = guidanceAnswerCard({ query: "leave", results: [{ ...results[2]!, pinned: true }, results[0]!], publicUrl: "https://hub.example.gov.uk" });
    const texts = cardTexts(pinned);
    expect(texts.filter((t) => t === PINNED_LABEL)).toHaveLength(1);
    expect(texts[texts.indexOf(PINNED_LABEL) + 1]).toBe("Parental leave");
    expect(pinned.speak).toContain("The top one is Parental leave (pinned by the communications team)");
    expect(pinned.fallbackText).toContain("1. Parental leave (pinned by the communications team)");
    expect(cardTexts(card)).not.toContain(PINNED_LABEL);
  });
});
