import { performance } from "node:perf_hooks";
import type { CliIo } from "./cli-context";

/** Redraw the terminal line every this many documents: often enough to look alive, rarely enough to cost nothing. */
export const TTY_PROGRESS_EVERY = 100;
/** Print a plain line every this many documents when stderr is a pipe or a log file, which cannot redraw. */
export const PLAIN_PROGRESS_EVERY = 500;

// Carriage return plus "erase line": the next write replaces the progress line instead of scrolling.
const CLEAR_LINE = "\r\x1b[2K";

/** Reports ingest progress on stderr. */
export interface IngestProgress {
  /** Called with the number of documents seen so far. */
  update(seen: number): void;
  /** Clears the in-place line, so the summary starts on a clean line. */
  finish(): void;
}

/** A progress reporter that redraws one line on a terminal and prints periodic plain lines otherwise. */
export function createIngestProgress(io: CliIo, now: () => number = () => performance.now()): IngestProgress {
  const started = now();
  let drawn = false;
  const line = (seen: number): string => `ingesting: ${seen} documents (${rate(seen, now() - started)} pages/s)`;
  return {
    update(seen) {
      if (io.stderrIsTTY) {
        if (seen % TTY_PROGRESS_EVERY !== 0) return;
        io.stderr.write(`${CLEAR_LINE}${line(seen)}`);
        drawn = true;
      } else if (seen % PLAIN_PROGRESS_EVERY === 0) {
        io.stderr.write(`${line(seen)}\n`);
      }
    },
    finish() {
      if (drawn) io.stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** Pages per second, rounded for people; 0 before any time has passed rather than Infinity. */
export function rate(count: number, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  const perSecond = (count * 1000) / elapsedMs;
  return perSecond >= 100 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10;
}
