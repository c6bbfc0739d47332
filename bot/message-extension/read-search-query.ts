import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../../core";
import { INITIAL_RUN_PARAMETER, MAX_MESSAGE_EXTENSION_RESULTS, QUERY_PARAMETER, SEARCH_COMMAND_ID } from "./message-extension-limits";

/** What a `composeExtension/query` asks for. */
export type SearchQueryRequest =
  /** The command just opened (initialRun) or the box was cleared: suggest pages. */
  | { readonly kind: "suggest" }
  /** Search for `text`: `count` results, from `skip` (Teams' paging; only the first page has results). */
  | { readonly kind: "search"; readonly text: string; readonly skip: number; readonly count: number }
  /** Input Teams would never send from our manifest, or that cannot be searched: say so in words. */
  | { readonly kind: "invalid"; readonly message: string };

/** Shown when the invoke is not our search command or is malformed: the manifest and the bot disagree. */
export const UNKNOWN_COMMAND_MESSAGE = "Council Hub can't run that search. Update the Council Hub app and try again.";
/** Shown for a query longer than core accepts. */
export const QUERY_TOO_LONG_MESSAGE = `That's too long to search: use a few key words (at most ${MAX_QUERY_LENGTH} characters).`;

const parameterSchema = z.object({ name: z.string().optional(), value: z.unknown().optional() });
const querySchema = z.object({
  commandId: z.string().optional(),
  parameters: z.array(parameterSchema).max(20).optional(),
  queryOptions: z
    .object({
      skip: z.coerce.number().int().min(0).max(10_000).optional().catch(undefined),
      count: z.coerce.number().int().min(1).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/**
 * Reads a `composeExtension/query` invoke's value. Never throws: a value Teams would not send becomes `invalid`
 * with a message for the user, so the message extension answers in words rather than with an HTTP error.
 */
export function readSearchQuery(value: unknown): SearchQueryRequest {
  const parsed = querySchema.safeParse(value);
  if (!parsed.success) return { kind: "invalid", message: UNKNOWN_COMMAND_MESSAGE };
  const { commandId, parameters = [], queryOptions } = parsed.data;
  // Teams always names the command and parameter; the Agents Playground leaves both out when its command id and
  // parameter name fields are left blank. With one command and one parameter, unnamed can only mean ours.
  if (commandId !== undefined && commandId !== SEARCH_COMMAND_ID) return { kind: "invalid", message: UNKNOWN_COMMAND_MESSAGE };
  if (parameters.some((p) => p.name === INITIAL_RUN_PARAMETER && String(p.value).toLowerCase() === "true")) return { kind: "suggest" };
  const raw = (parameters.find((p) => p.name === QUERY_PARAMETER) ?? parameters.find((p) => p.name === undefined))?.value;
  if (raw !== undefined && raw !== null && typeof raw !== "string") return { kind: "invalid", message: UNKNOWN_COMMAND_MESSAGE };
  const text = (raw ?? "").trim();
  if (text.length === 0) return { kind: "suggest" };
  if (text.length > MAX_QUERY_LENGTH) return { kind: "invalid", message: QUERY_TOO_LONG_MESSAGE };
  const { skip = 0, count = MAX_MESSAGE_EXTENSION_RESULTS } = queryOptions ?? {};
  return { kind: "search", text, skip, count: Math.min(count, MAX_MESSAGE_EXTENSION_RESULTS) };
}
