import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createApiClient, type ApiClient } from "./api-client";
import { ApiError, isApiError } from "./api-error";
import type { Me } from "./api-types";
import { clearDevSession, loadDevSession, saveDevSession, type DevSession } from "./dev-session";
import { detectTeams, themeOverride, type ThemeName } from "./teams-context";

/** Where the tab runs: inside Teams (SSO) or a plain browser (dev sign-in). */
export type HostKind = "teams" | "browser";

/** Sign-in state of a tab. "signed-out" only happens in a browser: Teams signs people in itself. */
export type SessionState =
  | { readonly status: "starting" }
  | { readonly status: "signed-out"; readonly notice?: string }
  | { readonly status: "signed-in"; readonly user: Me }
  | { readonly status: "failed"; readonly message: string };

/** Everything the shell needs to render a tab and its sign-in. */
export interface HubSession {
  readonly state: SessionState;
  readonly host: HostKind | undefined;
  readonly theme: ThemeName;
  readonly api: ApiClient;
  /** Dev sign-in as a sample user (browser only). Rejects with an ApiError. */
  signIn(upn: string): Promise<void>;
  /** "Switch user": forget the dev token and show the sign-in again (browser only). */
  signOut(): void;
}

/** Options for {@link useHubSession}. */
export interface HubSessionOptions {
  /** API prefix; "" is the host that served the tab. */
  readonly baseUrl?: string;
}

const EXPIRED_NOTICE = "Your session has ended. Sign in again.";

/**
 * Works out where the tab runs, which theme to use and who is signed in, and owns the API client.
 * Mounted once per tab by AppShell.
 */
export function useHubSession({ baseUrl = "" }: HubSessionOptions = {}): HubSession {
  const override = useMemo(() => themeOverride(), []);
  const [theme, setTheme] = useState<ThemeName>(override ?? "light");
  const [host, setHost] = useState<HostKind | undefined>(undefined);
  const [state, setState] = useState<SessionState>({ status: "starting" });
  // The token source changes on sign-in and sign-out; a ref lets one API client live for the whole session.
  const tokenSource = useRef<() => Promise<string>>(noToken);
  const hostRef = useRef<HostKind | undefined>(undefined);

  const api = useMemo(
    () =>
      createApiClient({
        baseUrl,
        getToken: () => tokenSource.current(),
        onUnauthorized: () => {
          if (hostRef.current === "teams") {
            setState({ status: "failed", message: "Teams could not confirm who you are. Close and reopen the tab, then try again." });
            return;
          }
          clearDevSession();
          tokenSource.current = noToken;
          setState({ status: "signed-out", notice: EXPIRED_NOTICE });
        },
      }),
    [baseUrl],
  );

  useEffect(() => {
    let cancelled = false;
    const start = async (): Promise<void> => {
      const teams = await detectTeams();
      if (cancelled) return;
      if (teams) {
        hostRef.current = "teams";
        setHost("teams");
        // The URL override wins, so a tester can check every theme from inside Teams too.
        if (!override) {
          setTheme(teams.theme);
          teams.onThemeChange(setTheme);
        }
        tokenSource.current = () => teams.getAuthToken();
      } else {
        hostRef.current = "browser";
        setHost("browser");
        const saved = loadDevSession();
        if (!saved) {
          setState({ status: "signed-out" });
          return;
        }
        tokenSource.current = devToken(saved);
      }
      try {
        const user = await api.me();
        if (!cancelled) setState({ status: "signed-in", user });
      } catch (error) {
        // A 401 has already moved us to sign-in (onUnauthorized); anything else is a real failure to show.
        if (!cancelled && !(isApiError(error) && error.isUnauthorized)) setState({ status: "failed", message: messageOf(error) });
      }
    };
    void start();
    return () => {
      cancelled = true;
    };
  }, [api, override]);

  const signIn = useCallback(
    async (upn: string): Promise<void> => {
      const issued = await api.dev.issueToken(upn);
      const session = saveDevSession(issued);
      tokenSource.current = devToken(session);
      setState({ status: "signed-in", user: session.user });
    },
    [api],
  );

  const signOut = useCallback((): void => {
    clearDevSession();
    tokenSource.current = noToken;
    setState({ status: "signed-out" });
  }, []);

  return { state, host, theme, api, signIn, signOut };
}

/** Checks expiry before each call, so an expired token sends the user to sign-in without a wasted request. */
function devToken(session: DevSession): () => Promise<string> {
  return () => (Date.parse(session.expiresAt) > Date.now() ? Promise.resolve(session.token) : noToken());
}

function noToken(): Promise<string> {
  return Promise.reject(new ApiError(401, "unauthorized", "Sign in to continue."));
}

function messageOf(error: unknown): string {
  return isApiError(error) ? error.message : "Council Hub could not start. Reload the tab to try again.";
}
