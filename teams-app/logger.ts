import { formatWithOptions } from "node:util";
/**
 * A small structured logger: one JSON line per event on stderr, so logs are greppable locally and parseable by
 * Azure App Service / container log collectors. Never log tokens, survey answers or special-category data.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string, meta?: Record<string, unknown>) => void;

const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(minLevel: LogLevel | "silent", write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  return (level, message, meta) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(JSON.stringify({ at: new Date().toISOString(), level, message, ...meta }));
  };
}

/** Turns an unknown thrown value into loggable fields (with the stack: logs are for operators, not users). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.message, errorName: error.name, stack: error.stack, ...(error.cause ? { cause: errorFields(error.cause) } : {}) };
  }
  return { error: String(error) };
}

/**
 * Routes libraries' own `console.error`/`console.warn` output into the structured log, so every line on stderr stays
 * one JSON object. botframework-connector, for one, prints "Error finding key for token…" for each rejected Bot
 * Framework token; in a log collector that would be an unparseable line with no level or time. Returns a function
 * that restores the console. Called once by the host at start (teams-app/main.ts), never in library code.
 */
export function captureConsole(log: Logger): () => void {
  const original = { error: console.error, warn: console.warn };
  const capture =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      const [first, ...rest] = args;
      log(level, "library.console", {
        ...(first instanceof Error ? errorFields(first) : { text: formatWithOptions({ breakLength: Infinity }, ...args) }),
        ...(first instanceof Error && rest.length > 0 ? { text: formatWithOptions({ breakLength: Infinity }, ...rest) } : {}),
      });
    };
  console.error = capture("error");
  console.warn = capture("warn");
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}
