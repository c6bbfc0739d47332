import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../../store";

/**
 * Builds the tabs before the browser tests, so `jest --config jest.browser.config.js` run on its own never tests a
 * stale bundle. It takes about a second; `npm run test:browser` builds too, which costs little.
 */
export function buildTabs(): void {
  const root = packageRoot();
  execFileSync(process.execPath, [join(root, "scripts", "build-tabs.mjs")], { cwd: root, stdio: "pipe" });
}
