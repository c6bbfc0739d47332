import { SignJWT, type JWTPayload } from "jose";
import type { TestSigningKey } from "./signing-keys";

/** `iss` of every token the Bot Connector sends. */
export const BOT_CONNECTOR_ISSUER = "https://api.botframework.com";

/** Lifetime of a test token; the Bot Connector's are about an hour. */
const TOKEN_LIFETIME_SECONDS = 60 * 60;

/** The claims of a Bot Connector → bot token. Anything given replaces the default; `undefined` removes a claim. */
export interface ConnectorTokenClaims extends JWTPayload {
  /** The bot's app id. */
  readonly aud: string;
  /** Must equal the activity's serviceUrl. */
  readonly serviceurl: string;
}

/**
 * Signs a token shaped like the Bot Connector's: RS256 with the key's `kid`, iss https://api.botframework.com,
 * aud = the bot's app id, a `serviceurl` claim, nbf/iat now and exp an hour on.
 */
export async function connectorToken(key: TestSigningKey, claims: ConnectorTokenClaims & JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign(key, { iss: BOT_CONNECTOR_ISSUER, nbf: now, iat: now, exp: now + TOKEN_LIFETIME_SECONDS, ...claims });
}

/** The claims of an Entra-issued (v2.0) token a caller obtained for the bot, as the Emulator or a skill sends. */
export interface EntraTokenClaims extends JWTPayload {
  /** Tenant that issued it; also fixes `iss`. */
  readonly tid: string;
  /** The client that asked for it: botbuilder accepts only the bot's own app id here. */
  readonly azp: string;
  /** `undefined` leaves the claim out. */
  readonly aud: string | undefined;
}

/** Signs a v2.0 Entra access token: iss https://login.microsoftonline.com/{tid}/v2.0, ver 2.0. */
export async function entraToken(key: TestSigningKey, claims: EntraTokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign(key, { iss: `https://login.microsoftonline.com/${claims.tid}/v2.0`, ver: "2.0", nbf: now, iat: now, exp: now + TOKEN_LIFETIME_SECONDS, ...claims });
}

async function sign(key: TestSigningKey, claims: JWTPayload): Promise<string> {
  const payload = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid }).sign(key.privateKey);
}

/** Seconds since the epoch, `offsetSeconds` from now. */
export function epochSeconds(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}
