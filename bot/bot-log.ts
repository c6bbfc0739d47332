/** Severity of a bot log line; the host maps these onto its own logger and level filter. */
export type BotLogLevel = "debug" | "info" | "warn" | "error";

/**
 * Where the bot reports what happened. Callers never pass message text or user identities in `meta`:
 * questions can contain personal details, and logs outlive the conversation.
 */
export type BotLog = (level: BotLogLevel, message: string, meta?: Readonly<Record<string, unknown>>) => void;

/** The default when the host gives no logger. */
export const silentBotLog: BotLog = () => undefined;

/** The loggable parts of a thrown value: its name, message and stack, never the raw object (which may hold secrets). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.name, message: error.message, stack: error.stack, ...(error.cause !== undefined ? { cause: describeCause(error.cause) } : {}) };
  }
  return { error: typeof error, message: String(error) };
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
