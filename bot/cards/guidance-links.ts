import type { SearchHit } from "../../core";

/**
 * The Guidance tab's link to one page (`<publicUrl>/tabs/guidance?page=<id>`), or undefined when the host has no
 * http(s) public URL. The tab shows the ingested copy an answer came from.
 */
export function guidanceTabLink(publicUrl: string, pageId: string): string | undefined {
  const base = publicUrl.trim().replace(/\/+$/, "");
  return /^https?:\/\//i.test(base) ? `${base}/tabs/guidance?page=${encodeURIComponent(pageId)}` : undefined;
}

/**
 * Where "Open page" goes: the guidance tab (`<publicUrl>/tabs/guidance?page=<id>`) when the host has a public URL,
 * because the tab shows the ingested copy the answer came from; otherwise the page's own link, if it has one.
 */
export function guidancePageLink(publicUrl: string, hit: Pick<SearchHit, "id" | "url">): string | undefined {
  return guidanceTabLink(publicUrl, hit.id) ?? hit.url;
}

/** A page's original link when it is safe to put behind a button (http or https only: never `javascript:` or `file:`). */
export function originalPageLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
