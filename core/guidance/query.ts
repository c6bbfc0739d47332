import { AppError } from "../shared/app-error";
import { keyTerms } from "./stopwords";

/** Longest question we accept; longer input is a paste accident, not a search. */
export const MAX_QUERY_LENGTH = 500;
export const DEFAULT_TOP = 10;
export const MAX_TOP = 50;

/** A query as typed, and the terms search engines should match (lower-cased words and numbers). */
export interface ParsedQuery {
  readonly text: string;
  /** Every word of the query, in order. */
  readonly terms: readonly string[];
  /** The words that carry meaning (stopwords removed, unless nothing else is left): what engines should match. */
  readonly keyTerms: readonly string[];
  readonly top: number;
}

const TERM = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Splits text into lower-cased word terms. Apostrophes inside words stay ("don't"); punctuation goes. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().normalize("NFKC").match(TERM) ?? []).map((t) => t.replace(/’/g, "'"));
}

/** Validates and parses a query. Throws a 400 AppError with a message a user can act on. */
export function parseQuery(text: string, top: number = DEFAULT_TOP): ParsedQuery {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw AppError.badRequest("Type a question or some words to search for.");
  if (trimmed.length > MAX_QUERY_LENGTH) throw AppError.badRequest(`Searches can be at most ${MAX_QUERY_LENGTH} characters.`);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw AppError.badRequest(`top must be a whole number from 1 to ${MAX_TOP}.`);
  const terms = tokenize(trimmed);
  if (terms.length === 0) throw AppError.badRequest("Type some words to search for: punctuation alone can't be searched.");
  return { text: trimmed, terms, keyTerms: keyTerms(terms), top };
}
