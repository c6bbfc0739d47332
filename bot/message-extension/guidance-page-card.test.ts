import { cardActions, cardElements, cardTexts } from "../../tests/bot/support/walk-card";
import { ADAPTIVE_CARD_CONTENT_TYPE, CARD_ENVELOPE } from "../cards/adaptive-card-types";
import { cardByteSize, MAX_TEAMS_MESSAGE_BYTES } from "../cards/card-limits";
import { PINNED_LABEL } from "../cards/pinned-badge";
import { guidancePageAttachment, THUMBNAIL_CARD_CONTENT_TYPE } from "./guidance-page-attachment";
import { guidancePageCard, type PageCardItem } from "./guidance-page-card";
import { MAX_CARD_SNIPPET_CHARS } from "./message-extension-limits";

const PUBLIC_URL = "https://hub.example.gov.uk/";
const item: PageCardItem = {
  id: "hr/annual leave.md",
  title: "Annual leave",
  snippet: "How to book **annual leave**: ask your manager through [HR] self-service.",
  url: "https://intranet.example-council.gov.uk/hr/annual-leave",
};

describe("guidancePageCard", () => {
  const card = guidancePageCard(item, PUBLIC_URL);

  it("follows the bot's card envelope (Adaptive Card 1.5, lang, schema) with speak and fallback text", () => {
    expect(card).toMatchObject(CARD_ENVELOPE);
    expect(card.speak).toBe("Council guidance: Annual leave. How to book annual leave: ask your manager through [HR] self-service.");
    expect(card.fallbackText).toContain("Open in Council Hub: https://hub.example.gov.uk/tabs/guidance?page=hr%2Fannual%20leave.md");
  });

  it("shows the title as a heading and the snippet without matched-term markers, page Markdown escaped", () => {
    expect(cardElements(card)[0]).toMatchObject({ type: "TextBlock", text: "Annual leave", style: "heading" });
    expect(cardTexts(card)[1]).toBe("How to book annual leave: ask your manager through \\[HR\\] self-service.");
    expect(JSON.stringify(card)).not.toContain("**");
  });

  it("links to the Guidance tab and to the original page, with tooltips naming the page", () => {
    expect(cardActions(card)).toEqual([
      { type: "Action.OpenUrl", title: "Open in Council Hub", url: "https://hub.example.gov.uk/tabs/guidance?page=hr%2Fannual%20leave.md", tooltip: "Open Annual leave in Council Hub" },
      { type: "Action.OpenUrl", title: "Open original", url: item.url, tooltip: "Open the original page Annual leave" },
    ]);
  });

  it("has no images at all, so nothing is lost without them", () => {
    expect(cardElements(card).filter((e) => e.type === "Image")).toEqual([]);
  });

  it("offers no 'Open original' without a safe http(s) url, and no tab link without a public URL", () => {
    expect(cardActions(guidancePageCard({ ...item, url: "javascript:alert(1)" }, PUBLIC_URL)).map((a) => a.title)).toEqual(["Open in Council Hub"]);
    const { url: _url, ...noUrl } = item;
    expect(cardActions(guidancePageCard(noUrl, PUBLIC_URL)).map((a) => a.title)).toEqual(["Open in Council Hub"]);
    expect(cardActions(guidancePageCard(item, "")).map((a) => a.title)).toEqual(["Open original"]);
    expect(guidancePageCard(noUrl, "").actions).toBeUndefined();
  });

  it("marks a pinned page in words, in the body, speak and fallback text", () => {
    const pinned = guidancePageCard({ ...item, pinned: true }, PUBLIC_URL);
    expect(cardTexts(pinned)[0]).toBe(PINNED_LABEL);
    expect(pinned.speak.startsWith(`${PINNED_LABEL}. `)).toBe(true);
    expect(pinned.fallbackText.startsWith(PINNED_LABEL)).toBe(true);
    expect(cardTexts(card)).not.toContain(PINNED_LABEL);
  });

  it("stays well under the Teams message limit for worst-case pages", () => {
    const huge = guidancePageCard({ ...item, title: "T".repeat(5000), snippet: "😀 **x** ".repeat(5000), url: `https://x.example/${"a".repeat(2000)}` }, PUBLIC_URL);
    expect(cardByteSize(huge)).toBeLessThan(MAX_TEAMS_MESSAGE_BYTES / 3);
    expect([...(cardTexts(huge)[1] ?? "")].length).toBeLessThanOrEqual(MAX_CARD_SNIPPET_CHARS);
  });
});

describe("guidancePageAttachment", () => {
  it("carries the Adaptive Card to insert and a thumbnail preview with plain title and snippet", () => {
    const attachment = guidancePageAttachment({ ...item, pinned: true }, PUBLIC_URL);
    expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(attachment.content).toEqual(guidancePageCard({ ...item, pinned: true }, PUBLIC_URL));
    expect(attachment.preview).toEqual({
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: { title: "Annual leave", subtitle: PINNED_LABEL, text: "How to book annual leave: ask your manager through [HR] self-service." },
    });
  });

  it("gives an unpinned preview no subtitle", () => {
    expect(guidancePageAttachment(item, PUBLIC_URL).preview?.content).not.toHaveProperty("subtitle");
  });
});
