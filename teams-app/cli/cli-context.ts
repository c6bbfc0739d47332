import type { SqliteHub } from "../../store";

/** Exit codes: 2 is the shell convention for "you called me wrong", kept apart from 1 "it went wrong". */
export const EXIT_OK = 0;
/** The command ran and failed (bad input, missing folder, store error). */
export const EXIT_FAILURE = 1;
/** Unknown command, unknown option or missing argument. */
export const EXIT_USAGE = 2;

/** The streams a command talks through; the real process in production, in-memory streams in tests. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  /** Results only, so they can be piped; everything else goes to stderr. */
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal: progress then redraws one line instead of printing many. */
  readonly stderrIsTTY: boolean;
}

/** What every command is handed: its streams and the store, opened on first use so usage errors never create files. */
export interface CliContext {
  readonly io: CliIo;
  /** Opens the store in DATA_DIR on first call; the entry point closes it after the command. */
  openHub(): SqliteHub;
}

/** One `hub` sub-command. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list in `hub help`. */
  readonly summary: string;
  /** Full usage, printed by `hub <command> --help` and after a usage error. */
  readonly usage: string;
  run(args: readonly string[], ctx: CliContext): Promise<number>;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true };
}

/**
 * Writes one line and waits for the stream to drain when its buffer is full, so a consumer reading line by line
 * (the evaluation harness) gets each answer as soon as it is ready and a slow reader never makes us buffer without bound.
 */
export async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
}
