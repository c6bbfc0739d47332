import type { Me } from "../../shared/api-types";

/** Roles that may curate search and read the content-gap report. The host enforces this too (403 for anyone else). */
export const CURATOR_ROLES: readonly string[] = ["comms_editor", "comms_lead", "admin"];

/** Whether to offer Manage search to this user. Only a courtesy: the server is the one that decides. */
export function canCurateSearch(user: Pick<Me, "roles">): boolean {
  return user.roles.some((role) => CURATOR_ROLES.includes(role));
}
