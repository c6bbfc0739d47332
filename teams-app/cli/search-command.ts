import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { AppError, DEFAULT_TOP, isAppError, MAX_TOP, type GuidanceService } from "../../core";
import { EXIT_OK, writeLine, type CliCommand, type CliIo } from "./cli-context";
import { parseCommandArgs, usageError } from "./parse-command-args";
import { formatHuman, toJsonErrorLine, toJsonLine, type JsonSearchLine } from "./search-format";

/** `hub search "<query>" [--top N] [--json]` and `hub search --stdin --json`: searches the ingested guidance. */
export const searchCommand: CliCommand = {
  name: "search",
  summary: "Search the guidance (one query, or one per stdin line with --stdin)",
  usage: [
    'Usage: hub search "<query>" [--top N] [--json]',
    "       hub search --stdin --json [--top N]",
    "",
    "Options:",
    `  --top N     Results per query, 1 to ${MAX_TOP} (default ${DEFAULT_TOP})`,
    "  --json      Print one JSON object per query: {query, results: [{id, title, score, snippet}], tookMs}",
    "  --stdin     Read one query per line from stdin (blank lines skipped) and answer each as it arrives;",
    "              a query that cannot be run still gets a line, with results [] and an error message",
    "  -h, --help  Show this help",
  ].join("\n"),
  async run(argv, ctx) {
    const parsed = parseCommandArgs(searchCommand, ctx, () =>
      parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: {
          top: { type: "string" },
          json: { type: "boolean", default: false },
          stdin: { type: "boolean", default: false },
          help: { type: "boolean", short: "h" },
        },
      }),
    );
    if (!parsed.ok) return parsed.exitCode;
    const { values, positionals } = parsed.args;
    const top = parseTop(values.top);
    if (values.stdin && positionals.length > 0) return usageError(searchCommand, ctx, "give a query or --stdin, not both.").exitCode;
    if (!values.stdin && positionals.length === 0) return usageError(searchCommand, ctx, 'what should I search for? e.g. hub search "annual leave"').exitCode;

    const { guidance } = ctx.openHub();
    if (values.stdin) {
      await searchLines(ctx.io, guidance, top, values.json);
      return EXIT_OK;
    }
    // Unquoted words are one query: `hub search annual leave` means "annual leave".
    const query = positionals.join(" ");
    const response = await guidance.search(query, { top });
    await writeLine(ctx.io.stdout, values.json ? JSON.stringify(toJsonLine(query, response)) : formatHuman(response));
    return EXIT_OK;
  },
};

/**
 * Checked once up front (with core's limits) rather than per query: a bad --top is a mistake in the command, and
 * reporting it on every stdin line would bury it.
 */
function parseTop(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TOP;
  const top = Number(value);
  if (value.trim() === "" || !Number.isInteger(top) || top < 1 || top > MAX_TOP) throw AppError.badRequest(`--top must be a whole number from 1 to ${MAX_TOP}.`);
  return top;
}

/** Answers each stdin line as it arrives, so a harness can write a query and wait for its line. */
async function searchLines(io: CliIo, guidance: GuidanceService, top: number, json: boolean): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const answer = await searchOne(io, guidance, line, top);
    if (json) await writeLine(io.stdout, JSON.stringify(answer.line));
    else await writeLine(io.stdout, answer.human ?? `"${line}": ${answer.line.error ?? "search failed"}`);
  }
}

/** Runs one query; never throws, so one bad line cannot end the stream. */
async function searchOne(io: CliIo, guidance: GuidanceService, query: string, top: number): Promise<{ line: JsonSearchLine; human?: string }> {
  try {
    const response = await guidance.search(query, { top });
    return { line: toJsonLine(query, response), human: formatHuman(response) + "\n" };
  } catch (error) {
    if (isAppError(error)) return { line: toJsonErrorLine(query, error.message) };
    // Not the user's fault: say so on the line, and leave the detail for whoever reads stderr.
    io.stderr.write(`search failed for ${JSON.stringify(query)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return { line: toJsonErrorLine(query, "Search failed unexpectedly.") };
  }
}
