import { stampFor } from "./collection";

describe("stampFor", () => {
  const now = new Date("2026-11-26T21:47:13.512Z");

  it("keeps the instant by default", () => {
    expect(stampFor({}, now)).toEqual(now);
    expect(stampFor({ timestamps: "instant" }, now)).toEqual(now);
  });

  it("keeps only the day (midnight UTC of that date) for collections that ask for it", () => {
    expect(stampFor({ timestamps: "day" }, now).toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  it("takes the council's (London) day, not the UTC one, in British Summer Time", () => {
    // 00:30 BST on 1 July is 23:30 UTC on 30 June: the feedback and query log call it 1 July, so must the stamp.
    expect(stampFor({ timestamps: "day" }, new Date("2026-06-30T23:30:00Z")).toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(stampFor({ timestamps: "day" }, new Date("2026-12-31T23:30:00Z")).toISOString()).toBe("2026-12-31T00:00:00.000Z");
  });
});
