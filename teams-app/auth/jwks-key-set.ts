import { createLocalJWKSet, errors as joseErrors, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters, type KeyLike } from "jose";
import { errorFields, type Logger } from "../logger";
import { SigningKeysUnavailableError } from "./auth-errors";

/** How long fetched signing keys are trusted before re-fetching: Microsoft asks relying parties to check daily. */
export const JWKS_CACHE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Least time between re-fetches for an unknown `kid`, so random `kid`s cannot make us hammer the key endpoint. */
export const JWKS_COOLDOWN_MS = 5 * 60 * 1000;
/** Least time between attempts after a failed fetch: short, because until one succeeds nobody can sign in. */
export const JWKS_RETRY_AFTER_FAILURE_MS = 10 * 1000;
/** Longest wait for the key endpoint before the request is answered 401 rather than left hanging. */
export const JWKS_FETCH_TIMEOUT_MS = 5 * 1000;

/** The part of `fetch` the key set uses; the global fetch fits, and tests pass a counting or failing one. */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Pick<Response, "ok" | "status" | "json">>;

/** Options for {@link createJwksKeySet}; only `uri` is required. */
export interface JwksKeySetOptions {
  /** The JWKS document, e.g. `https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys`. */
  readonly uri: string;
  /** HTTP client (default: the global fetch). */
  readonly fetch?: FetchLike;
  /** Clock in epoch ms (default `Date.now`); tests move it to cross cache and cooldown windows. */
  readonly now?: () => number;
  /** Overrides {@link JWKS_CACHE_MAX_AGE_MS}. */
  readonly cacheMaxAgeMs?: number;
  /** Overrides {@link JWKS_COOLDOWN_MS}. */
  readonly cooldownMs?: number;
  /** Overrides {@link JWKS_RETRY_AFTER_FAILURE_MS}. */
  readonly retryAfterFailureMs?: number;
  /** Overrides {@link JWKS_FETCH_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Where fetch failures are reported: a key endpoint outage locks every user out, so operators must see it. */
  readonly log?: Logger;
}

/** A jose key resolver (`jwtVerify(token, keySet.getKey)`) backed by a cached, self-refreshing JWKS. */
export interface JwksKeySet {
  getKey(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | Uint8Array>;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

/**
 * Signing keys fetched from a JWKS endpoint, cached for a day and re-fetched (at most once per cooldown) when a token
 * names a `kid` we do not hold, which is how Entra key rollover shows up. Concurrent callers share one fetch, and a
 * failed refresh keeps the last good keys rather than locking everyone out.
 */
export function createJwksKeySet(options: JwksKeySetOptions): JwksKeySet {
  const settings = {
    fetch: ((url, init) => fetch(url, init)) as FetchLike,
    now: Date.now,
    cacheMaxAgeMs: JWKS_CACHE_MAX_AGE_MS,
    cooldownMs: JWKS_COOLDOWN_MS,
    retryAfterFailureMs: JWKS_RETRY_AFTER_FAILURE_MS,
    timeoutMs: JWKS_FETCH_TIMEOUT_MS,
    ...definedOnly(options),
  };
  let keys: LocalKeySet | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let lastAttemptFailed = false;
  let inFlight: Promise<void> | undefined;

  async function download(): Promise<LocalKeySet> {
    const response = await settings.fetch(settings.uri, { signal: AbortSignal.timeout(settings.timeoutMs), headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`The key endpoint answered HTTP ${response.status}.`);
    // createLocalJWKSet throws on JSON that is not a JWKS, so a proxy's error document never replaces good keys.
    return createLocalJWKSet((await response.json()) as JSONWebKeySet);
  }

  /** One fetch for every caller waiting on it; failures are logged once here, not once per request. */
  function refresh(): Promise<void> {
    inFlight ??= (async () => {
      attemptedAt = settings.now();
      try {
        keys = await download();
        fetchedAt = settings.now();
        lastAttemptFailed = false;
      } catch (error) {
        lastAttemptFailed = true;
        settings.log?.(keys ? "warn" : "error", keys ? "Signing keys could not be refreshed; using the last keys fetched." : "Signing keys could not be fetched; sign-in is unavailable.", {
          jwksUri: settings.uri,
          ...errorFields(error),
        });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  function mayFetch(): boolean {
    const waited = settings.now() - attemptedAt;
    return waited >= (lastAttemptFailed ? settings.retryAfterFailureMs : settings.cooldownMs);
  }

  return {
    async getKey(header, token) {
      if (inFlight) await inFlight;
      else if ((!keys || settings.now() - fetchedAt >= settings.cacheMaxAgeMs) && mayFetch()) await refresh();
      if (!keys) throw new SigningKeysUnavailableError(`No signing keys could be fetched from ${settings.uri}.`);
      try {
        return await keys(header, token);
      } catch (error) {
        if (!(error instanceof joseErrors.JWKSNoMatchingKey) || !mayFetch()) throw error;
      }
      // Unknown kid: the issuer may have rolled its keys since we fetched them. Look once more, then give up.
      await refresh();
      return keys(header, token);
    },
  };
}

/** Drops `undefined` fields so they do not overwrite defaults when spread. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
