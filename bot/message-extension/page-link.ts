import { MAX_UNFURL_URL_CHARS } from "./message-extension-limits";

/** Path of the Guidance tab under the hub's public URL (see bot/cards/guidance-links.ts). */
const GUIDANCE_TAB_PATH = "/tabs/guidance";

/** What a pasted URL may point at, as lookups to try in order. */
export type PageLinkTarget =
  /** A link into the hub's own Guidance tab (`<publicUrl>/tabs/guidance?page=<id>`): the page ids to try. */
  | { readonly kind: "tab"; readonly pageIds: readonly string[] }
  /** Any other http(s) URL: forms of it to look up as a page's original link (SharePoint, the intranet). */
  | { readonly kind: "original"; readonly urls: readonly string[] };

/**
 * Works out which page a pasted URL could be, without any lookup. Tolerates what people paste: trailing slashes,
 * extra query parameters, fragments, ids encoded once or twice, upper-case host names. Returns undefined for
 * anything that is not an http(s) URL, so the caller unfurls nothing.
 */
export function readPageLink(raw: string, publicUrl: string): PageLinkTarget | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const tabPageIds = guidanceTabPageIds(url, publicUrl);
  if (tabPageIds) return { kind: "tab", pageIds: tabPageIds };
  return { kind: "original", urls: originalUrlForms(raw.trim(), url) };
}

function parseHttpUrl(raw: string): URL | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_UNFURL_URL_CHARS) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The page ids a Guidance tab link names, or undefined when the URL is not one (other host, path, or no page). */
function guidanceTabPageIds(url: URL, publicUrl: string): string[] | undefined {
  const base = parseHttpUrl(publicUrl);
  if (!base || url.host !== base.host) return undefined;
  const basePath = trimSlashes(base.pathname);
  if (trimSlashes(url.pathname).toLowerCase() !== `${basePath}${GUIDANCE_TAB_PATH}`.toLowerCase()) return undefined;
  // URLSearchParams has decoded the id once; a link copied from somewhere that encoded it again needs one more.
  const id = url.searchParams.get("page")?.trim();
  if (!id) return undefined;
  return unique([id, safeDecode(id)]);
}

/** Forms of an original link worth looking up: as pasted, then without fragment, query and trailing slash, decoded or not. */
function originalUrlForms(pasted: string, url: URL): string[] {
  const withoutHash = new URL(url.href);
  withoutHash.hash = "";
  const withoutQuery = new URL(withoutHash.href);
  withoutQuery.search = "";
  const forms: string[] = [pasted];
  for (const href of [withoutHash.href, withoutQuery.href]) {
    for (const slashed of [href, toggleTrailingSlash(href)]) forms.push(slashed, safeDecodeUri(slashed));
  }
  // An intranet served on both schemes is stored under one of them.
  forms.push(...forms.map((form) => form.replace(/^https?:/i, (scheme) => (scheme.toLowerCase() === "https:" ? "http:" : "https:"))));
  return unique(forms);
}

/** Adds or removes the trailing slash of a URL's path (never of a bare origin's "/"), leaving any query alone. */
function toggleTrailingSlash(href: string): string {
  const url = new URL(href);
  if (url.pathname === "/") return href;
  url.pathname = url.pathname.endsWith("/") ? url.pathname.replace(/\/+$/, "") : `${url.pathname}/`;
  return url.href;
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, "");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
