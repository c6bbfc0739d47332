import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../core";
import { graphFailure, toAppError } from "./graph-errors";
import { pathSegment } from "./list-context";

/** A site as Graph describes it. */
export interface SharePointSite {
  readonly id: string;
  readonly displayName?: string;
  readonly webUrl?: string;
}

/**
 * `contoso.sharepoint.com:/sites/hr`: a dotted tenant host, a colon and a server-relative path without `//`. Strict
 * on purpose: the Graph SDK treats any path containing `https://` as an absolute URL and sends the request to
 * that host, so `https://elsewhere/...` must never get through as a "host and path".
 */
const HOST_AND_PATH = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(\/(?:[A-Za-z0-9_\-. ]+(?:\/[A-Za-z0-9_\-. ]+)*\/?)?)$/;
/** `contoso.sharepoint.com,<site collection guid>,<web guid>`: the id Graph gives a site. */
const SITE_ID = /^[A-Za-z0-9.-]+,[0-9a-fA-F-]{36},[0-9a-fA-F-]{36}$/;

/**
 * Resolves `hostname:/sites/path` or a Graph site id to the site (one GET), so callers can pass what an admin copies
 * from a browser or from a previous run. Anything else is a 400 before any request is made.
 */
export async function resolveSite(client: Client, site: string): Promise<SharePointSite> {
  const trimmed = site.trim();
  const hostAndPath = HOST_AND_PATH.exec(trimmed);
  let path: string;
  if (hostAndPath && !hostAndPath[2]!.split("/").some((segment) => /^\.+$/.test(segment))) {
    const serverRelative = hostAndPath[2]!.replace(/\/+$/, "") || "/";
    path = `/sites/${hostAndPath[1]}:${serverRelative.split("/").map(pathSegment).join("/")}`;
  } else if (SITE_ID.test(trimmed)) {
    path = `/sites/${pathSegment(trimmed)}`;
  } else {
    throw AppError.badRequest(`"${site}" is not a site: give hostname:/sites/name (e.g. council.sharepoint.com:/sites/hub) or a Graph site id.`);
  }
  try {
    const found = (await client.api(path).get()) as SharePointSite;
    if (typeof found?.id !== "string") throw new AppError("internal", "Graph returned a site without an id.");
    return found;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw toAppError(graphFailure(error), `SharePoint site ${trimmed}`);
  }
}
