import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { decodeJwt } from "jose";

const LOGIN_HOST = "login.microsoftonline.com";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Scopes MSAL adds to every user-token request; Entra does not echo them back as access-token scopes. */
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access"]);

/** One call MSAL made. */
export interface NetworkCall {
  readonly method: "GET" | "POST";
  readonly url: URL;
  /** Form fields of a POST. */
  readonly form: URLSearchParams;
}

/** How the emulated tenant treats one user (by object id). */
export interface UserBehaviour {
  /** Entra answers AADSTS65001 (consent required) until this is cleared. */
  consentRequired?: boolean;
  /** Lifetime of the tokens issued, in seconds (default 3600). */
  expiresInSeconds?: number;
  /** Milliseconds the token endpoint takes to answer, to make concurrent requests overlap. */
  delayMs?: number;
  /** A misbehaving Entra: issue the token (and id token) for this object id instead. */
  answerAsOid?: string;
}

/**
 * Entra ID's endpoints as MSAL sees them, answered in-process through msal-node's `system.networkClient`:
 * the v2.0 token endpoint for the on-behalf-of and client-credentials grants, plus instance discovery and OpenID
 * configuration (msal-node 3 ships metadata for login.microsoftonline.com, but other versions and hosts fetch it). MSAL's real request building, response handling and caching all run; only the wire is replaced.
 * Issued access tokens read `graph.<oid>.<serial>` (app tokens `app.<serial>`) so tests can see whose they are.
 */
export class EntraNetwork implements INetworkModule {
  /** Every call, in order. */
  readonly calls: NetworkCall[] = [];
  /** Per-user behaviour, keyed by object id. */
  readonly users = new Map<string, UserBehaviour>();
  private serial = 0;

  constructor(
    private readonly app: { readonly clientId: string; readonly clientSecret: string },
  ) {}

  /** Token-endpoint POSTs, optionally only those exchanging an assertion of user `oid`. */
  tokenRequests(oid?: string): NetworkCall[] {
    return this.calls.filter((c) => c.method === "POST" && c.url.pathname.endsWith("/oauth2/v2.0/token") && (!oid || assertionOid(c.form) === oid));
  }

  /** The behaviour record for `oid`, created on first use. */
  user(oid: string): UserBehaviour {
    let behaviour = this.users.get(oid);
    if (!behaviour) this.users.set(oid, (behaviour = {}));
    return behaviour;
  }

  async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    const parsed = new URL(url);
    this.calls.push({ method: "GET", url: parsed, form: new URLSearchParams() });
    if (parsed.hostname !== LOGIN_HOST) return respond<T>(404, { error: "not_found" });
    if (parsed.pathname === "/common/discovery/instance") {
      return respond<T>(200, {
        tenant_discovery_endpoint: `https://${LOGIN_HOST}/{tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: LOGIN_HOST, preferred_cache: "login.windows.net", aliases: [LOGIN_HOST, "login.windows.net", "login.microsoft.com", "sts.windows.net"] }],
      });
    }
    const config = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(parsed.pathname);
    if (config) {
      const tenant = config[1]!;
      return respond<T>(200, {
        issuer: `https://${LOGIN_HOST}/${tenant}/v2.0`,
        authorization_endpoint: `https://${LOGIN_HOST}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `https://${LOGIN_HOST}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `https://${LOGIN_HOST}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `https://${LOGIN_HOST}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    return respond<T>(404, { error: "not_found", error_description: `No emulated endpoint for GET ${parsed.pathname}` });
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const parsed = new URL(url);
    const form = new URLSearchParams(options?.body ?? "");
    this.calls.push({ method: "POST", url: parsed, form });
    if (parsed.hostname !== LOGIN_HOST || !/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(parsed.pathname)) return respond<T>(404, { error: "not_found" });
    if (form.get("client_id") !== this.app.clientId || form.get("client_secret") !== this.app.clientSecret) {
      return entraError<T>(401, "invalid_client", "7000215", "Invalid client secret provided.");
    }
    const scopes = (form.get("scope") ?? "").split(" ").filter((s) => s && !OIDC_SCOPES.has(s));
    switch (form.get("grant_type")) {
      case "client_credentials":
        return respond<T>(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: `app.${++this.serial}` });
      case JWT_BEARER:
        return this.onBehalfOf<T>(form, scopes);
      default:
        return entraError<T>(400, "unsupported_grant_type", "70003", "The app requested an unsupported grant type.");
    }
  }

  private async onBehalfOf<T>(form: URLSearchParams, scopes: string[]): Promise<NetworkResponse<T>> {
    if (form.get("requested_token_use") !== "on_behalf_of") return entraError<T>(400, "invalid_request", "50027", "requested_token_use must be on_behalf_of.");
    const claims = decodeJwt(form.get("assertion") ?? "");
    const behaviour = this.user(String(claims.oid));
    const oid = behaviour.answerAsOid ?? String(claims.oid);
    const tid = String(claims.tid);
    if (claims.aud !== this.app.clientId && claims.aud !== `api://${this.app.clientId}`) {
      return entraError<T>(400, "invalid_grant", "50013", "Assertion audience does not match the client app.");
    }
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    if (behaviour.consentRequired) {
      return entraError<T>(
        400,
        "invalid_grant",
        "65001",
        `The user or administrator has not consented to use the application with ID '${this.app.clientId}' named 'Council Hub'. Send an interactive authorization request for this user and resource.`,
        "consent_required",
      );
    }
    const expiresIn = behaviour.expiresInSeconds ?? 3600;
    const now = Math.floor(Date.now() / 1000);
    const idToken = unsignedJwt({ aud: this.app.clientId, iss: `https://${LOGIN_HOST}/${tid}/v2.0`, iat: now, nbf: now, exp: now + 3600, oid, tid, sub: `sub-${oid}`, preferred_username: claims.preferred_username, name: claims.name, ver: "2.0" });
    return respond<T>(200, {
      token_type: "Bearer",
      scope: scopes.join(" "),
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: `graph.${oid}.${++this.serial}`,
      id_token: idToken,
      client_info: Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString("base64url"),
    });
  }
}

function assertionOid(form: URLSearchParams): string | undefined {
  const assertion = form.get("assertion");
  return assertion ? String(decodeJwt(assertion).oid) : undefined;
}

function respond<T>(status: number, body: object): NetworkResponse<T> {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: body as T };
}

/** Entra's error body shape, AADSTS number and all. */
function entraError<T>(status: number, error: string, code: string, description: string, suberror?: string): NetworkResponse<T> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return respond<T>(status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [Number(code)],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    ...(suberror ? { suberror } : {}),
  });
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
}
