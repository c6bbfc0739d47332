import type { SearchHit } from "../../core";
import { cardActions, cardElements } from "../../tests/bot/support/walk-card";
import type { AdaptiveCard } from "./adaptive-card-types";
import { ADAPTIVE_CARD_VERSION } from "./adaptive-card-types";
import { cardByteSize, MAX_TEAMS_MESSAGE_BYTES } from "./card-limits";
import { guidanceAnswerCard } from "./guidance-answer-card";
import { helpCard } from "./help-card";
import { noResultsCard } from "./no-results-card";
import { welcomeCard } from "./welcome-card";
import { guidancePageCard } from "../message-extension/guidance-page-card";

const PUBLIC_URL = "https://hub.example.gov.uk";

function hit(n: number, overrides: Partial<SearchHit> = {}): SearchHit {
  return { id: `hr/page-${n}.md`, title: `Page ${n}`, snippet: `About **leave** number ${n}`, score: 10 - n, ...overrides };
}

const every: ReadonlyArray<[string, AdaptiveCard]> = [
  ["answer", guidanceAnswerCard({ query: "annual leave", results: [hit(1), hit(2), hit(3)], publicUrl: PUBLIC_URL })],
  ["answer with one result", guidanceAnswerCard({ query: "leave", results: [hit(1)], publicUrl: PUBLIC_URL })],
  ["answer with a pinned result", guidanceAnswerCard({ query: "leave", results: [hit(1, { pinned: true }), hit(2)], publicUrl: PUBLIC_URL })],
  ["no results", noResultsCard("quokka")],
  [
    "no answer with next steps",
    noResultsCard("quokka", { hits: [hit(1)], publicUrl: PUBLIC_URL, nextSteps: [{ label: "Ask HR", detail: "For pay and leave.", url: "mailto:hr@example.gov.uk" }] }),
  ],
  ["message extension page", guidancePageCard(hit(1, { pinned: true, url: "https://intranet.example.gov.uk/leave" }), PUBLIC_URL)],
  ["help", helpCard()],
  ["welcome", welcomeCard()],
];

describe.each(every)("%s card", (_name, card) => {
  it("is an Adaptive Card 1.5 with a spoken summary and fallback text", () => {
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe(ADAPTIVE_CARD_VERSION);
    expect(card.version).toBe("1.5");
    expect(card.speak.trim().length).toBeGreaterThan(20);
    expect(card.speak).not.toContain("**");
    expect(card.fallbackText.trim().length).toBeGreaterThan(20);
  });

  it("gives every action a title, and every link an absolute https URL", () => {
    const actions = cardActions(card);
    for (const action of actions) {
      expect(action.title.trim()).not.toBe("");
      if (action.type === "Action.OpenUrl") expect(action.url).toMatch(/^https:\/\//);
    }
  });

  it("gives every image alt text", () => {
    for (const element of cardElements(card)) {
      if (element.type === "Image") expect(element.altText.trim()).not.toBe("");
    }
  });

  it("fits in a Teams message", () => {
    expect(cardByteSize(card)).toBeLessThan(MAX_TEAMS_MESSAGE_BYTES);
  });

  it("never relies on colour: no element sets a colour", () => {
    expect(JSON.stringify(card)).not.toMatch(/"color"\s*:/);
  });
});

describe("card size limits", () => {
  it("keeps a worst-case answer under the Teams message limit", () => {
    const huge = "😀".repeat(5000) + " **leave** " + "ü".repeat(5000);
    const card = guidanceAnswerCard({
      query: "é".repeat(500),
      results: [1, 2, 3, 4, 5].map((n) => hit(n, { title: "T".repeat(5000), snippet: huge, url: `https://x.example/${"a".repeat(2000)}` })),
      publicUrl: PUBLIC_URL,
    });
    expect(cardByteSize(card)).toBeLessThan(MAX_TEAMS_MESSAGE_BYTES);
  });

  it("keeps a worst-case no-results card under the limit", () => {
    expect(cardByteSize(noResultsCard("ü".repeat(500)))).toBeLessThan(MAX_TEAMS_MESSAGE_BYTES);
  });
});
