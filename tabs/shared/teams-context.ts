import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import { app, authentication } from "@microsoft/teams-js";

/** The three looks a tab supports, matching Teams' own themes. */
export type ThemeName = "light" | "dark" | "contrast";

/** Fluent theme per theme name. */
export const FLUENT_THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/**
 * How long to wait for Teams to answer `app.initialize()`. In a plain browser tab opened by another window,
 * or in an iframe that is not Teams, the promise never settles, so we stop waiting and treat it as "not Teams".
 */
export const TEAMS_INIT_TIMEOUT_MS = 1500;

/** Query parameter that forces a theme (`?theme=dark`): for browser tests and for trying themes outside Teams. */
export const THEME_PARAM = "theme";

/** Maps a Teams theme ("default", "dark", "contrast", or newer ones such as "glass") to ours. */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === "dark") return "dark";
  if (teamsTheme === "contrast") return "contrast";
  // "default" and any theme this code predates: light is the safe, readable fallback.
  return "light";
}

/** The `?theme=` override, if the URL has a valid one. */
export function themeOverride(search: string = window.location.search): ThemeName | undefined {
  const value = new URLSearchParams(search).get(THEME_PARAM);
  return value === "light" || value === "dark" || value === "contrast" ? value : undefined;
}

/** What the tab can ask of Teams once we know we run inside it. */
export interface TeamsHost {
  /** The theme Teams had when the tab loaded. */
  readonly theme: ThemeName;
  /** Follows the user's theme changes in Teams. Only one handler is kept: Teams replaces it on each call. */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Teams SSO: an Entra ID token for this app, for the host's API to validate. */
  getAuthToken(): Promise<string>;
}

/**
 * Finds out whether the tab runs inside Teams (or another Microsoft 365 host). Resolves `undefined` outside.
 * Never rejects: failing to reach Teams just means we are in a browser, which has its own sign-in.
 */
export async function detectTeams(timeoutMs: number = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsHost | undefined> {
  if (!mayBeHosted()) return undefined;
  try {
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    // Tells Teams to hide its loading indicator; harmless when the manifest does not ask for one.
    app.notifySuccess();
    return {
      theme: themeFromTeams(context.app.theme),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeFromTeams(theme))),
      getAuthToken: () => authentication.getAuthToken(),
    };
  } catch {
    return undefined;
  }
}

/**
 * Teams desktop and web load tabs in an iframe, pop-outs have an opener, and Teams mobile injects
 * `nativeInterface` into a top-level web view. With none of these there is nobody to talk to, so we skip
 * `app.initialize()` and its timeout entirely: a plain browser tab shows the sign-in at once.
 */
function mayBeHosted(): boolean {
  return window.parent !== window || window.opener !== null || "nativeInterface" in window;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`No answer from Teams within ${ms} ms.`)), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
