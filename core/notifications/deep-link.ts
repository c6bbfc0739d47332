import type { DeepLinkTarget } from "./notification";

/** Teams' own host: the activity feed API refuses a `webUrl` on any other domain. */
export const TEAMS_DEEP_LINK_BASE = "https://teams.microsoft.com/l/entity";

/**
 * The Teams deep link that opens one of Council Hub's personal tabs at an item: Teams starts the tab with the
 * item id as its sub-page id (teams-js `app.getContext()` → `page.subPageId`), so the tab can show that item.
 *
 * @param teamsAppId The Teams app id: the manifest's `id`, not the Entra client id.
 * @example
 * teamsDeepLink("5f3e…", { tab: "governance", entityId: "proposal-118" })
 * // https://teams.microsoft.com/l/entity/5f3e…/governance?context=%7B%22subEntityId%22%3A%22proposal-118%22%7D
 */
export function teamsDeepLink(teamsAppId: string, target: DeepLinkTarget): string {
  // Teams reads `subEntityId` from the JSON `context` query parameter; everything is URL-encoded, ids included.
  const context = encodeURIComponent(JSON.stringify({ subEntityId: target.entityId }));
  return `${TEAMS_DEEP_LINK_BASE}/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(target.tab)}?context=${context}`;
}
