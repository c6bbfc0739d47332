import {
  distinctRecipients,
  isEntraObjectId,
  manifestActivities,
  MAX_ACTIVITY_TEMPLATE_LENGTH,
  MAX_ACTIVITY_TYPE_LENGTH,
  NOTIFICATION_ACTIVITY_TYPES,
  NOTIFICATION_ACTIVITY_TYPE_NAMES,
  prepareContent,
  teamsDeepLink,
  type AnyNotification,
} from "../../core";

/** The notification kinds, their manifest declaration, validation and deep links (core only, no I/O). */

const base: AnyNotification = {
  recipient: "6f1c2d3e-1111-2222-3333-0123456789ab",
  activityType: "newsPublished",
  previewText: "Bin collections change from June",
  target: { tab: "newsroom", entityId: "news-1" },
  templateParameters: { headline: "Bin collections" },
};

describe("activity types", () => {
  it.each(NOTIFICATION_ACTIVITY_TYPE_NAMES)("%s fits the manifest schema and declares exactly its template's parameters", (type) => {
    const { description, templateText, parameters } = NOTIFICATION_ACTIVITY_TYPES[type];
    expect(type.length).toBeLessThanOrEqual(MAX_ACTIVITY_TYPE_LENGTH);
    expect(description.length).toBeLessThanOrEqual(MAX_ACTIVITY_TEMPLATE_LENGTH);
    expect(templateText.length).toBeLessThanOrEqual(MAX_ACTIVITY_TEMPLATE_LENGTH);
    const placeholders = [...templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => name !== "actor");
    expect(placeholders.sort()).toEqual([...parameters].sort());
    // "systemDefault" is reserved by Teams and may not be declared.
    expect(type).not.toBe("systemDefault");
  });

  it("renders the manifest's activities section", () => {
    expect(manifestActivities()).toEqual({
      activityTypes: [
        { type: "adjustmentCaseUpdated", description: "Updates to a case you are part of", templateText: "{actor} updated case {caseReference}" },
        { type: "proposalNeedsDecision", description: "Proposals waiting for your decision", templateText: "{actor} needs your decision on {proposalTitle}" },
        { type: "surveyOpened", description: "New staff surveys", templateText: "{actor} opened a survey: {surveyTitle}" },
        { type: "newsPublished", description: "Council news and announcements", templateText: "{actor} published {headline}" },
      ],
    });
  });
});

describe("prepareContent", () => {
  it("keeps a valid notification and orders template parameters as declared", () => {
    expect(prepareContent(base)).toEqual({
      activityType: "newsPublished",
      previewText: "Bin collections change from June",
      target: { tab: "newsroom", entityId: "news-1" },
      templateParameters: [{ name: "headline", value: "Bin collections" }],
      title: "Council news",
    });
  });

  it("replaces the preview of a special-category kind with its fixed text", () => {
    const content = prepareContent({
      ...base,
      activityType: "adjustmentCaseUpdated",
      previewText: "Your request for a sit-stand desk for your back pain was approved",
      target: { tab: "adjustments", entityId: "case-1" },
      templateParameters: { caseReference: "ADJ-1" },
    });
    expect(content.previewText).toBe(NOTIFICATION_ACTIVITY_TYPES.adjustmentCaseUpdated.fixedPreview);
  });

  it("lists every problem with a notification no one could receive", () => {
    const bad = {
      ...base,
      previewText: "line one\nline two ".padEnd(160, "x"),
      target: { tab: "payroll", entityId: " " },
      templateParameters: { headline: "", author: "x" },
    } as unknown as AnyNotification;
    expect(() => prepareContent(bad)).toThrow(
      expect.objectContaining({
        status: 400,
        details: [
          { path: "previewText", message: "At most 150 characters" },
          { path: "previewText", message: "One line, without control characters" },
          { path: "target.tab", message: "Not one of adjustments, governance, pulse, newsroom" },
          { path: "target.entityId", message: "Required" },
          { path: "templateParameters.headline", message: "Required" },
          { path: "templateParameters.author", message: "Not a parameter of newsPublished" },
        ],
      }),
    );
    expect(() => prepareContent({ ...base, activityType: "toString" } as unknown as AnyNotification)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe("recipients and links", () => {
  it("tells object ids from UPNs", () => {
    expect(isEntraObjectId("6F1C2D3E-1111-2222-3333-0123456789AB")).toBe(true);
    expect(isEntraObjectId("jo.bloggs@example-council.gov.uk")).toBe(false);
  });

  it("drops repeats case-insensitively, keeping first-seen order", () => {
    expect(distinctRecipients(["b@x.gov.uk", "A@x.gov.uk", "a@x.gov.uk", " b@x.gov.uk ", ""])).toEqual(["b@x.gov.uk", "A@x.gov.uk"]);
  });

  it("builds a Teams deep link that opens the tab at the item", () => {
    const link = new URL(teamsDeepLink("app/id", { tab: "governance", entityId: "proposal 1&2" }));
    expect(link.origin).toBe("https://teams.microsoft.com");
    expect(link.pathname).toBe("/l/entity/app%2Fid/governance");
    expect(JSON.parse(link.searchParams.get("context") ?? "")).toEqual({ subEntityId: "proposal 1&2" });
  });
});
