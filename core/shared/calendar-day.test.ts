import { addDays, councilDayOf, daysBetween, isCalendarDay, subtractMonths, weekStartOf } from "./calendar-day";

describe("calendar days", () => {
  it("dates an instant by the council's (London) calendar", () => {
    expect(councilDayOf(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01"); // 00:30 BST
    expect(councilDayOf(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31"); // GMT
  });

  it("finds the Monday of the ISO week", () => {
    expect(weekStartOf("2026-11-23")).toBe("2026-11-23");
    expect(weekStartOf("2026-11-29")).toBe("2026-11-23"); // Sunday ends the week
    expect(weekStartOf("2027-01-01")).toBe("2026-12-28");
  });

  it("does day and month arithmetic on dates", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(subtractMonths("2027-03-31", 13)).toBe("2026-02-28");
    expect(subtractMonths("2026-11-26", 13)).toBe("2025-10-26");
  });

  it("knows real days from look-alikes", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("2026-1-01")).toBe(false);
  });
});
