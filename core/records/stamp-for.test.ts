import { stampFor } from "./collection";

describe("stampFor", () => {
  const now = new Date("2026-11-26T21:47:13.512Z");

  it("keeps the instant by default", () => {
    expect(stampFor({}, now)).toEqual(now);
    expect(stampFor({ timestamps: "instant" }, now)).toEqual(now);
  });

  it("keeps only the day (midnight UTC) for collections that ask for it", () => {
    expect(stampFor({ timestamps: "day" }, now).toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });
});
