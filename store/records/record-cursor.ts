import { AppError } from "../../core";

/**
 * Query cursors: the keyset position (the last id of the page) as base64url JSON. Opaque to callers so the
 * encoding can change; checked on the way back in, because a cursor comes from the client.
 */

/** Longer than any cursor we issue; a longer one is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 100;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface CursorBody {
  readonly after: number;
}

/** Encodes the position after which the next page starts. */
export function encodeCursor(afterId: number): string {
  const body: CursorBody = { after: afterId };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/** Decodes a cursor to the id the next page starts after; anything we did not issue is a 400. */
export function decodeCursor(cursor: string): number {
  const invalid = AppError.badRequest("The cursor is not valid. Start the query again without one.");
  // Node's base64 decoder skips characters it does not know, so check the alphabet first.
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalid;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const after = typeof body === "object" && body !== null ? (body as Partial<CursorBody>).after : undefined;
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 1) throw invalid;
  return after;
}
