import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";

/**
 * The content-gap report shows days the log kept ("2026-11-26"): they must read as that day for every reader, not as
 * the evening before for a reader west of Greenwich. The time zone is fixed when a process starts, so the formatters
 * are bundled and run in a child process in a US zone.
 */
describe("curation date formatting", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-format-"));
    buildSync({ entryPoints: [join(__dirname, "../../tabs/guidance/curation/format.ts")], bundle: true, platform: "node", format: "cjs", outfile: join(dir, "format.js"), logLevel: "error" });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const formatIn = (timeZone: string, calls: string): unknown =>
    JSON.parse(execFileSync(process.execPath, ["-e", `const f = require(${JSON.stringify(join(dir, "format.js"))}); console.log(JSON.stringify(${calls}))`], { env: { ...process.env, TZ: timeZone }, encoding: "utf8" }));

  it("formats a calendar day as written, and a date-time in the reader's own zone", () => {
    const calls = `[f.formatDate("2026-11-26"), f.formatDate("2026-11-26T03:00:00Z"), f.formatDateTime("2026-11-26T21:40:00Z"), f.formatDate("not a date")]`;
    expect(formatIn("America/Los_Angeles", calls)).toEqual(["26 November 2026", "25 November 2026", "26 November 2026 at 13:40", "not a date"]);
    expect(formatIn("Europe/London", calls)).toEqual(["26 November 2026", "26 November 2026", "26 November 2026 at 21:40", "not a date"]);
  });
});
