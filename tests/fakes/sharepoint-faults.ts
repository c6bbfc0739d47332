import { seededRandom } from "../support/seeded-random";

/**
 * Fault storms for the SharePoint fake. Two kinds matter for a store, and the fake keeps them apart:
 * - `before`: Graph refuses the request before doing anything (throttling 429, or a 503 with Retry-After), so
 *   sending it again is safe;
 * - `after`: the request is carried out and then its answer is lost (a 503/504 from a gateway, a dropped
 *   connection), so the client sees a failure although the write happened. Retrying such a write blindly
 *   writes twice; this is what idempotency has to survive.
 */

/** What a request looks like to the fault rules. */
export interface FaultTarget {
  readonly method: string;
  /** Versionless path, e.g. `/sites/x/lists/y/items`. */
  readonly path: string;
  /** `write`: a list item create, update or delete; `read`: any GET; `schema`: list and column changes; `batch`: a `$batch` envelope. */
  readonly kind: "write" | "read" | "schema" | "batch";
  /** The sub-request id when the request is a `$batch` step. */
  readonly batchStepId?: string;
}

/** Which requests a fault rule hits. */
export interface FaultMatch {
  /** Request kinds hit (default `["write"]`: item creates, updates and deletes, top-level or inside a batch). */
  readonly kinds?: ReadonlyArray<FaultTarget["kind"]>;
  readonly method?: string;
  readonly path?: RegExp;
  /** Only batch steps (true), only top-level requests (false), or both (default). */
  readonly inBatch?: boolean;
  /** Only the batch step with this id (the store numbers steps "1" to "20"). */
  readonly batchStepId?: string;
}

/** One storm: which requests, how often, and what goes wrong. */
export interface SharePointFaultSpec {
  /** 429 and 503 are Graph's throttling answers; 504 a gateway timeout; 500 a plain server error. */
  readonly status: 429 | 500 | 503 | 504;
  /** Sent as Retry-After (default 0 so tests stay fast; real Graph sends whole seconds). Never sent with a 500. */
  readonly retryAfterSeconds?: number;
  /** `before` (default): nothing is done. `after`: the request is carried out, then its answer is replaced by the fault. */
  readonly timing?: "before" | "after";
  /** Share of matching requests hit (0 to 1), drawn from the fake's seeded generator so a run is reproducible. */
  readonly fraction?: number;
  /** Most requests hit: with `fraction` a cap (default none), without it exactly the next `count` (default 1). */
  readonly count?: number;
  readonly match?: FaultMatch;
}

/** How many faults a rule has injected so far; updated live. */
export interface FaultTally {
  injected: number;
}

interface Rule {
  readonly spec: SharePointFaultSpec;
  readonly tally: FaultTally;
}


/** The active storms of one fake, and totals across them. */
export class FaultPlan {
  /** Faults injected, by timing, across every rule since the fake started. */
  readonly totals = { before: 0, after: 0 };
  private readonly rules: Rule[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Adds a storm; the returned tally counts its faults. */
  add(spec: SharePointFaultSpec): FaultTally {
    if (spec.fraction !== undefined && !(spec.fraction >= 0 && spec.fraction <= 1)) throw new RangeError("fraction must be from 0 to 1");
    const tally = { injected: 0 };
    this.rules.push({ spec, tally });
    return tally;
  }

  /** Ends every storm (totals stay). */
  clear(): void {
    this.rules.length = 0;
  }

  /** The fault this request gets, if any; the first matching rule with budget left decides. */
  take(target: FaultTarget): SharePointFaultSpec | undefined {
    for (const { spec, tally } of this.rules) {
      if (!matches(spec.match, target)) continue;
      const cap = spec.count ?? (spec.fraction === undefined ? 1 : Number.POSITIVE_INFINITY);
      if (tally.injected >= cap) continue;
      if (spec.fraction !== undefined && this.random() >= spec.fraction) continue;
      tally.injected++;
      this.totals[spec.timing ?? "before"]++;
      return spec;
    }
    return undefined;
  }
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  const kinds = match?.kinds ?? ["write"];
  if (!kinds.includes(target.kind)) return false;
  if (match?.method !== undefined && match.method.toUpperCase() !== target.method) return false;
  if (match?.path !== undefined && !match.path.test(target.path)) return false;
  if (match?.inBatch !== undefined && match.inBatch !== (target.batchStepId !== undefined)) return false;
  if (match?.batchStepId !== undefined && match.batchStepId !== target.batchStepId) return false;
  return true;
}

/** Graph's error body and headers for an injected fault. */
export function faultAnswer(spec: SharePointFaultSpec): { status: number; headers: Record<string, string>; body: unknown } {
  const codes = { 429: "TooManyRequests", 500: "generalException", 503: "serviceNotAvailable", 504: "gatewayTimeout" } as const;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (spec.status !== 500) headers["Retry-After"] = String(spec.retryAfterSeconds ?? 0);
  return { status: spec.status, headers, body: { error: { code: codes[spec.status], message: `sharepoint-fake injected ${spec.status} (${spec.timing ?? "before"})` } } };
}
