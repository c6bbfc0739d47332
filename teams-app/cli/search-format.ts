import type { SearchResponse } from "../../core";

/** One result in the JSON contract. Exactly these keys, in this order: the evaluation harness depends on them. */
export interface JsonSearchHit {
  readonly id: string;
  readonly title: string;
  readonly score: number;
  readonly snippet: string;
}

/** One JSON line of `hub search --json` / `--stdin --json`. `error` is present only when the query was refused. */
export interface JsonSearchLine {
  readonly query: string;
  readonly results: readonly JsonSearchHit[];
  readonly tookMs: number;
  readonly error?: string;
  /** Present (true) only when the engine judged that no result answers the question well. */
  readonly noAnswer?: true;
}

/** The JSON object for a successful search. `query` echoes what was asked, so lines can be matched to input. */
export function toJsonLine(query: string, response: SearchResponse): JsonSearchLine {
  // Built field by field rather than spread, so a new field on SearchHit never silently changes the contract.
  const results = response.results.map((hit) => ({ id: hit.id, title: hit.title, score: hit.score, snippet: hit.snippet }));
  // noAnswer is added only when true, so answered lines keep exactly the original keys.
  return { query, results, tookMs: response.tookMs, ...(response.noAnswer === true ? { noAnswer: true as const } : {}) };
}

/** The JSON object for a query that could not be run: same keys plus `error`, so a stream of queries never stops. */
export function toJsonErrorLine(query: string, message: string): JsonSearchLine {
  return { query, results: [], tookMs: 0, error: message };
}

/** A numbered, human-readable result list: rank, title, id and score, then the snippet indented below. */
export function formatHuman(response: SearchResponse): string {
  if (response.results.length === 0) return `No pages match "${response.query}".`;
  const lines = [`${response.results.length} result${response.results.length === 1 ? "" : "s"} for "${response.query}" (${response.tookMs} ms)`, ""];
  response.results.forEach((hit, index) => {
    lines.push(`${index + 1}. ${hit.title}`);
    lines.push(`   ${hit.id}  score ${hit.score}`);
    if (hit.snippet) lines.push(`   ${hit.snippet}`);
    lines.push("");
  });
  return lines.join("\n").trimEnd();
}
