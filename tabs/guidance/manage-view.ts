/** `?view=` opens one of the Manage search views (for the communications team). */
export const VIEW_PARAM = "view";

/** The Manage search views, in the order the navigation lists them. */
export const MANAGE_VIEWS = ["vocabulary", "best-bets", "report"] as const;

/** One Manage search view. */
export type ManageView = (typeof MANAGE_VIEWS)[number];

/** The view named, if it is one of ours. */
export function asManageView(value: string | undefined | null): ManageView | undefined {
  return (MANAGE_VIEWS as readonly string[]).includes(value ?? "") ? (value as ManageView) : undefined;
}
