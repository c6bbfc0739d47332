import type { SearchHit } from "../../core";

/**
 * Where "Open page" goes: the guidance tab (`<publicUrl>/tabs/guidance?page=<id>`) when the host has a public URL,
 * because the tab shows the ingested copy the answer came from; otherwise the page's own link, if it has one.
 */
export function guidancePageLink(publicUrl: string, hit: Pick<SearchHit, "id" | "url">): string | undefined {
  const base = publicUrl.trim().replace(/\/+$/, "");
  if (/^https?:\/\//i.test(base)) return `${base}/tabs/guidance?page=${encodeURIComponent(hit.id)}`;
  return hit.url;
}
