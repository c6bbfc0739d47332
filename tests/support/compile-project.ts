import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The checkout's root. */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/**
 * Compiles the project into dist/, for tests that run compiled code in a child process (the `hub` CLI, the bench's
 * cold-ingest child). Incremental, so fast when nothing changed. tsc still emits when other folders have type errors;
 * the typecheck gate (npm run typecheck) is where those are reported, so here it is enough that `needed` exists.
 */
export function compileProject(needed: string): void {
  try {
    execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT, stdio: "pipe" });
  } catch (error) {
    if (!existsSync(needed)) throw error;
  }
}
