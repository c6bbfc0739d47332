import type { DevToken, Me } from "./api-types";

/** sessionStorage key: per browser tab, gone when the tab closes, which suits a dev-only sign-in. */
export const DEV_SESSION_KEY = "council-hub.dev-session";

/** Drop a token this long before it expires, so a request never leaves with a token that dies on the way. */
const EXPIRY_MARGIN_MS = 30_000;

/** A dev-issuer sign-in remembered for this browser tab. */
export interface DevSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: Me;
}

/** The stored session, unless there is none, it is unreadable, or it has (nearly) expired. */
export function loadDevSession(now: number = Date.now()): DevSession | undefined {
  let raw: string | null;
  try {
    raw = window.sessionStorage.getItem(DEV_SESSION_KEY);
  } catch {
    // Storage can be blocked (privacy settings, some embedded views): behave as signed out.
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (!isDevSession(value) || Date.parse(value.expiresAt) - EXPIRY_MARGIN_MS <= now) {
      clearDevSession();
      return undefined;
    }
    return value;
  } catch {
    clearDevSession();
    return undefined;
  }
}

/** Remembers a freshly issued dev token. */
export function saveDevSession(issued: DevToken): DevSession {
  const session: DevSession = { token: issued.token, expiresAt: issued.expiresAt, user: issued.user };
  try {
    window.sessionStorage.setItem(DEV_SESSION_KEY, JSON.stringify(session));
  } catch {
    // Without storage the session lasts until reload; signing in still works.
  }
  return session;
}

/** Forgets the dev token ("Switch user", or the host said 401). */
export function clearDevSession(): void {
  try {
    window.sessionStorage.removeItem(DEV_SESSION_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

function isDevSession(value: unknown): value is DevSession {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === "string" && typeof v.expiresAt === "string" && typeof v.user === "object" && v.user !== null;
}
