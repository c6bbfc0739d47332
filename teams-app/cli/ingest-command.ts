import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { AppError, type IngestReport } from "../../core";
import { readDocuments } from "../../store";
import { EXIT_OK, writeLine, type CliCommand, type CliIo } from "./cli-context";
import { createIngestProgress, rate } from "./ingest-progress";
import { parseCommandArgs, usageError } from "./parse-command-args";

/** Failed documents listed one by one in the summary; beyond this only a count, so a broken folder cannot flood the terminal. */
export const MAX_FAILURES_LISTED = 20;

/** Who ingests from the command line, for the audit trail: the CLI has no signed-in user. */
export const CLI_ACTOR = "cli";

/** `hub ingest <folder> [--origin <label>]`: imports a folder of Markdown and HTML guidance. */
export const ingestCommand: CliCommand = {
  name: "ingest",
  summary: "Import a folder of Markdown and HTML guidance (re-run to update)",
  usage: [
    "Usage: hub ingest <folder> [--origin <label>]",
    "",
    "Imports every .md, .markdown, .html and .htm file under <folder>. A page's id is its path relative to the folder.",
    "Re-running updates changed pages and removes pages whose file was deleted (only pages of the same origin).",
    "",
    "Options:",
    "  --origin <label>  Name of this source (default: the folder's absolute path)",
    "  -h, --help        Show this help",
  ].join("\n"),
  async run(argv, ctx) {
    const parsed = parseCommandArgs(ingestCommand, ctx, () =>
      parseArgs({ args: [...argv], allowPositionals: true, options: { origin: { type: "string" }, help: { type: "boolean", short: "h" } } }),
    );
    if (!parsed.ok) return parsed.exitCode;
    const { values, positionals } = parsed.args;
    if (positionals.length !== 1) return usageError(ingestCommand, ctx, positionals.length === 0 ? "which folder? Give one folder to ingest." : "give exactly one folder.").exitCode;
    const folder = resolve(positionals[0] ?? "");
    await requireFolder(folder);
    const origin = values.origin?.trim() || folder;

    const { io } = ctx;
    const { guidance } = ctx.openHub();
    const progress = createIngestProgress(io);
    const started = performance.now();
    let report: IngestReport;
    try {
      report = await guidance.ingest(origin, readDocuments(folder), { actor: CLI_ACTOR, onProgress: (seen) => progress.update(seen) });
    } finally {
      progress.finish();
    }
    await printSummary(io, folder, origin, report, performance.now() - started);
    return EXIT_OK;
  },
};

// Checked up front so a typo gives "folder not found" rather than a raw ENOENT from deep in the walk.
async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) throw AppError.notFound(`The folder ${folder}`);
  if (!info.isDirectory()) throw AppError.badRequest(`${folder} is a file, not a folder. Give the folder that holds the pages.`);
}

async function printSummary(io: CliIo, folder: string, origin: string, report: IngestReport, elapsedMs: number): Promise<void> {
  const { seen, added, updated, unchanged, removed, failed } = report;
  for (const failure of failed.slice(0, MAX_FAILURES_LISTED)) io.stderr.write(`failed: ${failure.id}: ${failure.reason}\n`);
  if (failed.length > MAX_FAILURES_LISTED) io.stderr.write(`…and ${failed.length - MAX_FAILURES_LISTED} more failed documents\n`);
  const originNote = origin === folder ? "" : ` as origin "${origin}"`;
  await writeLine(io.stdout, `Ingested ${folder}${originNote} in ${(elapsedMs / 1000).toFixed(2)} s`);
  await writeLine(
    io.stdout,
    `seen=${seen} added=${added} updated=${updated} unchanged=${unchanged} removed=${removed} failed=${failed.length} pages/s=${rate(seen, elapsedMs)}`,
  );
}
