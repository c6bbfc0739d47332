import { readdirSync } from "node:fs";
import { join } from "node:path";
import { sampleIntranetFolder } from "../../store";
import { compileProject, PROJECT_ROOT } from "../support/compile-project";
import type * as ColdIngest from "./cold-ingest";

// The bench's cold-ingest figure comes from child processes running the compiled module, so this runs it compiled,
// as `npm run bench` does.
const COMPILED = join(PROJECT_ROOT, "dist", "tests", "bench", "cold-ingest.js");

beforeAll(() => {
  compileProject(COMPILED);
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
