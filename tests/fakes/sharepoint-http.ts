import type { FakeRequest, FakeResponse } from "./graph-fake";
import type { FaultTarget } from "./sharepoint-faults";
import { SharePointRuleError } from "./sharepoint-model";
import { ODataSyntaxError } from "./sharepoint-odata";

/** JSON object bodies, as the routes read and write them. */
export type Json = Record<string, unknown>;

/** Whether a parsed body is a JSON object. */
export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** What a request addresses: its kind for fault rules, and how to answer it. */
export interface Target {
  readonly kind: FaultTarget["kind"];
  run(): FakeResponse;
}

/** A JSON answer. */
export function ok(body: unknown, status = 200): FakeResponse {
  // "Content-Type" exactly: the SDK's BatchResponseContent only parses a batch step's body as JSON under that key.
  // (Top-level answers then carry the header twice, which node's HTTP client folds into one.)
  return { status, headers: { "Content-Type": "application/json" }, body };
}

/** The Graph error answer for a broken SharePoint rule or a bad $filter. */
export function errorAnswer(error: unknown): FakeResponse {
  if (error instanceof SharePointRuleError) return ok({ error: { code: error.code, message: error.message } }, error.status);
  if (error instanceof ODataSyntaxError) return ok({ error: { code: "invalidRequest", message: error.message } }, 400);
  throw error;
}

/** A request the fake does not emulate: a 400 naming it, so a test never passes by accident. */
export function notEmulated(request: FakeRequest): Target {
  return {
    kind: request.method === "GET" ? "read" : "schema",
    run: () => {
      throw new SharePointRuleError(400, "invalidRequest", `sharepoint-fake does not emulate ${request.method} ${request.path}`);
    },
  };
}

/** Whether `$expand` (or `expand`) asks for `what`. */
export function wantsExpand(request: FakeRequest, what: string): boolean {
  const expand = request.query.get("$expand") ?? request.query.get("expand") ?? "";
  return expand.split(",").some((part) => part.trim().startsWith(what));
}
