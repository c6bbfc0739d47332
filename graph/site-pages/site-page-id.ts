/** The URL segment of every site's page library; fixed whatever the library's display name in the site's language. */
const SITE_PAGES_SEGMENT = "sitepages";
/** Modern and classic site pages are `.aspx` files; anything else in the library (images, folders) is not a page. */
const PAGE_EXTENSION = ".aspx";

/**
 * The guidance page id of a SharePoint site page: its server-relative path, decoded and lower-cased, e.g.
 * `sites/intranet/sitepages/annual-leave.aspx` for `https://council.sharepoint.com/sites/intranet/SitePages/Annual-Leave.aspx`.
 * Undefined for a URL that is not a page in a Site Pages library.
 *
 * Why this shape: the delta sync (which sees list items) and Microsoft Search (which sees search hits) both know a
 * page's `webUrl`, and nothing else they share is reliable, so both derive the id from it with this one function and
 * a search hit always names the page the local index holds. SharePoint URLs are case-insensitive, hence the lower
 * case; the host is left out because a deployment serves one tenant, and the site path keeps two sites' `home.aspx`
 * apart.
 */
export function sitePageId(webUrl: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(webUrl).pathname);
  } catch {
    return undefined;
  }
  const id = path.replace(/^\/+/, "").toLowerCase();
  const segments = id.split("/");
  if (!id.endsWith(PAGE_EXTENSION) || segments.length < 2 || !segments.slice(0, -1).includes(SITE_PAGES_SEGMENT)) return undefined;
  return id;
}
