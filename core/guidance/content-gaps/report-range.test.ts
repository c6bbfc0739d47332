import { AppError } from "../../shared/app-error";
import { resolveReportRange } from "./report-range";

describe("resolveReportRange", () => {
  const today = "2026-11-26";

  it("defaults to the last 28 days, today included", () => {
    expect(resolveReportRange({}, today)).toEqual({ from: "2026-10-30", to: today });
    expect(resolveReportRange({ to: "2026-03-28" }, today)).toEqual({ from: "2026-03-01", to: "2026-03-28" });
    expect(resolveReportRange({ from: "2026-11-01" }, today)).toEqual({ from: "2026-11-01", to: today });
  });

  it("accepts a whole leap year", () => {
    expect(resolveReportRange({ from: "2028-01-01", to: "2028-12-31" }, today)).toEqual({ from: "2028-01-01", to: "2028-12-31" });
  });

  it.each([
    [{ from: "2026-02-30" }, /YYYY-MM-DD/],
    [{ to: "26-11-2026" }, /YYYY-MM-DD/],
    [{ from: "2026-11-02", to: "2026-11-01" }, /before/],
    [{ from: "2025-01-01", to: "2026-01-02" }, /366/],
  ])("refuses %p with a 400", (range, message) => {
    let error: unknown;
    try {
      resolveReportRange(range, today);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toMatch(message);
  });
});
