import { cardActions, cardElements } from "../../tests/bot/support/walk-card";
import type { AdaptiveCard } from "../cards/adaptive-card-types";
import { guidancePageCard } from "./guidance-page-card";
import { forLinkUnfurling, LINK_UNFURL_CARD_VERSION } from "./link-unfurl-card";

const card = guidancePageCard(
  { id: "hr/leave.md", title: "Leave", snippet: "About **leave**", url: "https://intranet.example.gov.uk/leave", pinned: true },
  "https://hub.example.gov.uk",
);

describe("forLinkUnfurling", () => {
  const unfurled = forLinkUnfurling(card);
  // The walkers take the 1.5 card type; the content is the same shape.
  const asWalkable = unfurled as unknown as AdaptiveCard;

  it("declares Adaptive Cards 1.3 and keeps everything else the card says", () => {
    expect(LINK_UNFURL_CARD_VERSION).toBe("1.3");
    expect(unfurled.version).toBe("1.3");
    expect(unfurled).toMatchObject({ type: "AdaptiveCard", lang: "en", speak: card.speak, fallbackText: card.fallbackText });
    expect(cardElements(asWalkable).map((e) => (e.type === "TextBlock" ? e.text : e.type))).toEqual(
      cardElements(card).map((e) => (e.type === "TextBlock" ? e.text : e.type)),
    );
    expect(cardActions(asWalkable).map((a) => (a.type === "Action.OpenUrl" ? [a.title, a.url] : []))).toEqual(
      cardActions(card).map((a) => (a.type === "Action.OpenUrl" ? [a.title, a.url] : [])),
    );
  });

  it("drops the 1.5-only heading style and tooltips, keeping titles bold", () => {
    expect(JSON.stringify(card)).toMatch(/"style":"heading"/);
    expect(JSON.stringify(card)).toMatch(/"tooltip"/);
    expect(JSON.stringify(unfurled)).not.toMatch(/"style"|"tooltip"/);
    expect(cardElements(asWalkable).find((e) => e.type === "TextBlock" && e.text === "Leave")).toMatchObject({ weight: "bolder", size: "medium" });
  });

  it("leaves the original card untouched", () => {
    expect(card.version).toBe("1.5");
    expect(JSON.stringify(card)).toMatch(/"style":"heading"/);
  });
});
