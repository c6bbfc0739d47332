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
