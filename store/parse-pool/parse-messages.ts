import type { ParseOutcome, SourceDocument } from "../../core";

/** A chunk of documents sent to a parse worker. Dates survive the structured clone as Dates. */
export interface ParseRequest {
  readonly id: number;
  readonly docs: readonly SourceDocument[];
  readonly origin: string;
  readonly now: Date;
}

/** A parse worker's answer to one {@link ParseRequest}: one outcome per document, in the same order. */
export interface ParseResponse {
  readonly id: number;
  readonly outcomes: ParseOutcome[];
}
