import type { ParseOutcome, SourceDocument } from "../../core";

/**
 * A chunk of documents sent to a parse worker. `claims` is the batch's shared claim array: the worker parses the
 * chunk only if it claims `claims[slot]` first (the main thread may have taken it). Dates survive the structured
 * clone as Dates; the SharedArrayBuffer is shared, not copied.
 */
export interface ParseRequest {
  readonly id: number;
  readonly claims: Int32Array;
  readonly slot: number;
  readonly docs: readonly SourceDocument[];
  readonly origin: string;
  readonly now: Date;
}

/** A parse worker's answer to one {@link ParseRequest}: one outcome per document, in order; none if it skipped the chunk. */
export interface ParseResponse {
  readonly id: number;
  readonly outcomes?: ParseOutcome[];
}

/** Posted once by a parse worker when it has loaded the parser and can take chunks. */
export interface WorkerReady {
  readonly ready: true;
}
