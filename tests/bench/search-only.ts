import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../../store";
import { runSearchSection, searchTables } from "./search-section";

/**
 * Just the search comparison, for tuning: `node dist/tests/bench/search-only.js [--hub-only] [--no-scale]`.
 * Writes build/bench/search.json with per-query rankings.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: "string" }, "hub-only": { type: "boolean" }, "no-scale": { type: "boolean" }, "scale-pages": { type: "string" } } });
  const root = packageRoot();
  const shared = resolve(values.shared ?? join(root, "..", "shared"));
  const result = await runSearchSection(shared, {
    hubOnly: values["hub-only"] === true,
    scale: values["no-scale"] !== true,
    ...(values["scale-pages"] ? { scalePages: Number(values["scale-pages"]) } : {}),
  });
  if (!result) throw new Error(`no corpus under ${shared}`);
  console.log(searchTables(result));
  const outDir = join(root, "build", "bench");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "search.json"), JSON.stringify(result, null, 2) + "\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
