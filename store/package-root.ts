import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder holding Council Hub's package.json. Code runs both from source (jest) and from dist/, so paths to
 * shipped files (sample content, built tabs, manifest) are resolved from here rather than from __dirname.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "core"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the Council Hub package root above ${from}`);
    dir = parent;
  }
}
