import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** Where the manifest tooling reads and writes, all under the project root. */
export interface ProjectPaths {
  /** The folder holding package.json. */
  readonly root: string;
  /** `manifest/template`: manifest.json and its icons. */
  readonly templateDir: string;
  /** `env`: the `.env.<name>` files. */
  readonly envDir: string;
  /** `build/appPackage`: where app packages are written (git-ignored). */
  readonly appPackageDir: string;
}

/** Relative location of the manifest template, also used to recognise the project root. */
const TEMPLATE_DIR = join("manifest", "template");

/**
 * Finds the project root by walking up from `from`. The tooling runs from source under jest and from dist/ via
 * npm scripts, so paths cannot be fixed relative to __dirname.
 */
export function findProjectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, TEMPLATE_DIR, "manifest.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the Council Hub project root (with ${TEMPLATE_DIR}/manifest.json) above ${from}`);
    dir = parent;
  }
}

/** The standard paths under `root` (found automatically when omitted). */
export function projectPaths(root: string = findProjectRoot()): ProjectPaths {
  return {
    root,
    templateDir: join(root, TEMPLATE_DIR),
    envDir: join(root, "env"),
    appPackageDir: join(root, "build", "appPackage"),
  };
}
