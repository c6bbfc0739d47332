import type { GuidanceResult, NextStep } from "../shared/api-types";

/** Where the Guidance tab's search is. */
export type SearchState =
  | { readonly kind: "idle" }
  | { readonly kind: "loading"; readonly query: string }
  | {
      readonly kind: "done";
      readonly query: string;
      readonly results: readonly GuidanceResult[];
      readonly noAnswer?: boolean;
      readonly nextSteps?: readonly NextStep[];
    }
  | { readonly kind: "failed"; readonly query: string; readonly message: string };

/**
 * "3 results for annual leave": what the polite live region says once a search finishes. With no good answer it
 * says so first, so a screen reader user hears the same honesty as a sighted one.
 */
export function statusText(search: SearchState): string {
  if (search.kind !== "done") return "";
  const n = search.results.length;
  if (n === 0) return `No results for ${search.query}`;
  const pinned = search.results.filter((r) => r.pinned).length;
  if (search.noAnswer) {
    const steps = search.nextSteps?.length ?? 0;
    return `No page answers ${search.query} well. ${n} closest ${n === 1 ? "page" : "pages"}${steps > 0 ? ` and ${steps} ${steps === 1 ? "place" : "places"} to ask` : ""}.`;
  }
  return `${n} ${n === 1 ? "result" : "results"} for ${search.query}${pinned > 0 ? `, ${pinned} pinned by the communications team` : ""}`;
}

/** Pinned results first, each group in the host's order (the host already does this; a stable sort keeps it true). */
export function pinnedFirst(results: readonly GuidanceResult[]): readonly GuidanceResult[] {
  return [...results.filter((r) => r.pinned), ...results.filter((r) => !r.pinned)];
}
