import type { NextStep, SearchHit } from "../../core";
import { cardActions, cardElements, cardTexts } from "../../tests/bot/support/walk-card";
import { noResultsCard } from "./no-results-card";

const PUBLIC_URL = "https://hub.example.gov.uk";
const steps: NextStep[] = [
  { label: "Ask HR Advice", detail: "For pay, leave and contracts.", url: "mailto:hr.advice@example.gov.uk?subject=Missing guidance (pay)" },
  { label: "Raise an *adjustment* request", detail: "If a condition affects your work.", url: "https://hub.example.gov.uk/tabs/adjustments" },
  { label: "Ask your line manager", detail: "They can often answer, or know who can." },
  { label: "Sneaky", detail: "Not a real link.", url: "javascript:alert(1)" },
];
const closest: SearchHit[] = [{ id: "hr/leave.md", title: "Leave", snippet: "about **leave**", score: 1 }];

describe("noResultsCard with next steps", () => {
  const card = noResultsCard("pay for bank holidays", { hits: closest, publicUrl: PUBLIC_URL, nextSteps: steps });
  const texts = cardTexts(card);

  it("shows where to go next before the closest pages", () => {
    const stepsAt = texts.indexOf("Where to go next");
    const closestAt = texts.findIndex((t) => t.startsWith("These pages came closest"));
    expect(stepsAt).toBeGreaterThan(0);
    expect(closestAt).toBeGreaterThan(stepsAt);
    expect(cardActions(card).filter((a) => a.type === "Action.OpenUrl").map((a) => a.title)).toEqual(["Leave"]);
  });

  it("renders each label as a link when it has a safe URL, with the detail as text under it", () => {
    expect(texts).toContain("[Ask HR Advice](mailto:hr.advice@example.gov.uk?subject=Missing%20guidance%20%28pay%29)");
    expect(texts).toContain("[Raise an \\*adjustment\\* request](https://hub.example.gov.uk/tabs/adjustments)");
    expect(texts).toContain("Ask your line manager");
    expect(texts).toContain("Sneaky");
    expect(JSON.stringify(card)).not.toContain("javascript:");
    expect(texts[texts.indexOf("Ask your line manager") + 1]).toBe("They can often answer, or know who can.");
    const containers = cardElements(card).filter((e) => e.type === "Container");
    expect(containers).toHaveLength(steps.length);
  });

  it("speaks and falls back to the steps instead of the general help desks", () => {
    expect(card.speak).toContain("Where to go next: Ask HR Advice: For pay, leave and contracts.");
    expect(card.speak).not.toContain("IT Service Desk");
    expect(card.fallbackText).toContain("- Ask your line manager: They can often answer, or know who can.");
    expect(texts.join("\n")).not.toContain("IT Service Desk");
  });

  it("falls back to the general help desks when there are no steps", () => {
    expect(cardTexts(noResultsCard("x", { hits: [], publicUrl: PUBLIC_URL, nextSteps: [] })).join("\n")).toMatch(/IT Service Desk.*HR Advice/);
  });
});
