import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from "./cli-context";

/** Either the parsed arguments, or the exit code to return at once (after `--help` or a usage error). */
export type ParseOutcome<T> = { readonly ok: true; readonly args: T } | { readonly ok: false; readonly exitCode: number };

/**
 * Runs a command's `parseArgs` call and turns its errors (unknown option, missing value) into a usage message on
 * stderr and exit code 2. `--help` prints the command's usage on stdout and exits 0. Any other error propagates.
 */
export function parseCommandArgs<T extends { values: { help?: boolean } }>(command: CliCommand, ctx: CliContext, parse: () => T): ParseOutcome<T> {
  let args: T;
  try {
    args = parse();
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    return usageError(command, ctx, error.message);
  }
  if (args.values.help) {
    ctx.io.stdout.write(`${command.usage}\n`);
    return { ok: false, exitCode: EXIT_OK };
  }
  return { ok: true, args };
}

/** Prints a usage problem and the command's usage on stderr; returns the outcome for exit code 2. */
export function usageError(command: CliCommand, ctx: CliContext, message: string): { readonly ok: false; readonly exitCode: number } {
  ctx.io.stderr.write(`hub ${command.name}: ${message}\n\n${command.usage}\n`);
  return { ok: false, exitCode: EXIT_USAGE };
}

// node:util parseArgs throws TypeErrors tagged with ERR_PARSE_ARGS_* codes; those are the caller's mistake, not ours.
function isParseArgsError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
