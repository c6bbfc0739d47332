import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { sampleIntranetFolder } from "../../store";
import type * as ColdIngest from "./cold-ingest";

// The bench's cold-ingest figure comes from child processes running the compiled module, so this runs it compiled,
// as `npm run bench` does.
const ROOT = resolve(__dirname, "..", "..");
const COMPILED = join(ROOT, "dist", "tests", "bench", "cold-ingest.js");

beforeAll(() => {
  // Incremental, so fast when nothing changed; see tests/cli/hub-cli.test.ts.
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
  } catch (error) {
    if (!existsSync(COMPILED)) throw error;
  }
}, 180_000);

it("ingests a folder once in each of several fresh processes and reports each rate, the median and the range", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, on purpose (see above)
  const { runColdIngests } = require(COMPILED) as typeof ColdIngest;
  const folder = sampleIntranetFolder();
  const pages = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) => /\.(md|markdown|html?)$/i.test(f)).length;

  const result = await runColdIngests(folder, 3);

  expect(pages).toBeGreaterThan(0);
  expect(result.pages).toBe(pages);
  expect(result.runs).toHaveLength(3);
  expect(result.runs.every((rate) => Number.isFinite(rate) && rate > 0)).toBe(true);
  expect([...result.runs].sort((a, b) => a - b)).toEqual([result.min, result.median, result.max]);
}, 60_000);
