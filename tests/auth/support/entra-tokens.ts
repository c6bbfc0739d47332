import { randomUUID } from "node:crypto";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from "jose";

/** Ids of the emulated Entra tenants and app registration (valid v4 UUIDs, as config insists). */
export const HOME_TENANT = "6f1c2b1e-5a4d-4c2e-9b7a-2d5e8f9a0c11";
export const PARTNER_TENANT = "0b7e4d52-1c3a-4f6e-8d2b-7a9c1e5f3b22";
export const STRANGER_TENANT = "9d3a6c18-7e2b-4a5f-b1c4-3e8d2f6a7c33";
export const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
export const API_HOST = "hub.example-council.gov.uk";

/** An RS256 key pair as Entra would hold it: the private half signs, the public JWK is published in the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly publicJwk: JWK;
}

/** Makes a fresh signing key; `kid` defaults to a random id, as Entra's are opaque. */
export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, kty: "RSA", use: "sig", alg: "RS256" } };
}

/** One emulated user. */
export interface EntraUser {
  readonly oid: string;
  readonly upn: string;
  readonly name: string;
  readonly tenantId?: string;
}

/** How to get an access token right, or wrong on purpose. */
export interface TokenSpec {
  /** v2.0 (preferred_username, iss login.microsoftonline.com/{tid}/v2.0) or v1.0 (upn, iss sts.windows.net/{tid}/). */
  readonly version?: 1 | 2;
  readonly key: SigningKey;
  /** Header `kid`, when it should differ from the key's. */
  readonly kid?: string;
  readonly tenantId?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly scp?: string | null;
  readonly roles?: readonly string[];
  /** Seconds from now. */
  readonly expiresIn?: number;
  /** Seconds from now. */
  readonly notBeforeIn?: number;
  /** Extra or replacement claims; `undefined` values remove a claim. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** Signs an Entra-shaped delegated access token for `user`, RS256 with `spec.key`. */
export async function signAccessToken(user: EntraUser, spec: TokenSpec): Promise<string> {
  const version = spec.version ?? 2;
  const tenantId = spec.tenantId ?? user.tenantId ?? HOME_TENANT;
  const now = Math.floor(Date.now() / 1000);
  const base: JWTPayload =
    version === 2
      ? { ver: "2.0", preferred_username: user.upn, azp: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346" }
      : { ver: "1.0", upn: user.upn, unique_name: user.upn, appid: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346" };
  const claims: JWTPayload = {
    ...base,
    name: user.name,
    oid: user.oid,
    tid: tenantId,
    ...(spec.scp === null ? {} : { scp: spec.scp ?? "access_as_user" }),
    ...(spec.roles ? { roles: [...spec.roles] } : {}),
    ...spec.claims,
  };
  const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: spec.kid ?? spec.key.kid })
    .setIssuer(spec.issuer ?? (version === 2 ? `https://login.microsoftonline.com/${tenantId}/v2.0` : `https://sts.windows.net/${tenantId}/`))
    .setAudience(spec.audience ?? (version === 2 ? CLIENT_ID : `api://${CLIENT_ID}`))
    .setSubject(`sub-${user.oid}`)
    .setIssuedAt(now - 30)
    .setNotBefore(now + (spec.notBeforeIn ?? -30))
    .setExpirationTime(now + (spec.expiresIn ?? 3600))
    .sign(spec.key.privateKey);
}

/** An unsigned token (`alg: none`) carrying otherwise valid claims. */
export function unsignedToken(user: EntraUser, tenantId: string = HOME_TENANT): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = { iss: `https://login.microsoftonline.com/${tenantId}/v2.0`, aud: CLIENT_ID, tid: tenantId, oid: user.oid, preferred_username: user.upn, scp: "access_as_user", iat: now, nbf: now - 30, exp: now + 3600 };
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
}

/**
 * The algorithm-confusion attack: an HS256 token whose HMAC secret is the server's *public* key (as PEM text or as
 * JWK JSON), which a validator that trusts the header's `alg` would accept.
 */
export async function hmacWithPublicKey(user: EntraUser, key: SigningKey, as: "pem" | "jwk"): Promise<string> {
  const secret = new TextEncoder().encode(as === "pem" ? await exportSPKI(key.publicKey) : JSON.stringify(key.publicJwk));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: HOME_TENANT, oid: user.oid, preferred_username: user.upn, scp: "access_as_user" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.kid })
    .setIssuer(`https://login.microsoftonline.com/${HOME_TENANT}/v2.0`)
    .setAudience(CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(secret);
}
