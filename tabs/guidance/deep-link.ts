import { asManageView, VIEW_PARAM, type ManageView } from "./manage-view";

export { asManageView, MANAGE_VIEWS, VIEW_PARAM, type ManageView } from "./manage-view";

/** Query parameters of the Guidance tab. The bot's cards link to `/tabs/guidance?page=<encoded id>`. */
export const PAGE_PARAM = "page";
/** `?q=` runs that search when the tab opens. */
export const QUERY_PARAM = "q";

/** What the tab's URL asks it to show. */
export interface GuidanceLink {
  readonly page?: string;
  readonly query?: string;
  readonly view?: ManageView;
}

/** Reads `?page=`, `?q=` and `?view=` (blank or unknown values count as absent). */
export function readGuidanceLink(search: string = window.location.search): GuidanceLink {
  const params = new URLSearchParams(search);
  const page = params.get(PAGE_PARAM)?.trim();
  const query = params.get(QUERY_PARAM)?.trim();
  const view = asManageView(params.get(VIEW_PARAM)?.trim());
  return { ...(page ? { page } : {}), ...(query ? { query } : {}), ...(view ? { view } : {}) };
}

/** A URL for the given state that keeps every other parameter (such as `?theme=`). */
export function guidanceHref(link: GuidanceLink, current: string = window.location.href): string {
  const url = new URL(current);
  setOrDelete(url.searchParams, PAGE_PARAM, link.page);
  setOrDelete(url.searchParams, QUERY_PARAM, link.query);
  setOrDelete(url.searchParams, VIEW_PARAM, link.view);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Mirrors the tab's state in the address bar, so reloading (or copying the link) shows the same thing.
 * replaceState, not pushState: inside Teams there is no back button for the tab's own history to serve.
 */
export function replaceGuidanceLink(link: GuidanceLink): void {
  const href = guidanceHref(link);
  if (href !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, "", href);
}

/** A click the tab should handle itself: left button, no modifier asking the browser for a new tab or window. */
export function isPlainClick(event: { button: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

function setOrDelete(params: URLSearchParams, name: string, value: string | undefined): void {
  if (value) params.set(name, value);
  else params.delete(name);
}
