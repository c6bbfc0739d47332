import { exportJWK, generateKeyPair, type JWK, type KeyLike } from "jose";

/** A JWKS entry as the Bot Framework publishes it: an RSA key plus the channels it may sign for. */
export interface BotFrameworkJwk extends JWK {
  readonly kid: string;
  readonly endorsements?: readonly string[];
}

/** A signing key generated for a test, with its public half in Bot Framework JWKS form. */
export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly jwk: BotFrameworkJwk;
}

/**
 * Generates an RS256 key. `endorsements` is what the Bot Framework lists per key (["msteams", …]); botbuilder
 * refuses a token for an activity whose channelId the signing key is not endorsed for. Omitted: no endorsements,
 * as Entra's keys have.
 */
export async function createSigningKey(kid: string, endorsements?: readonly string[]): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk: BotFrameworkJwk = { ...(await exportJWK(publicKey)), kid, kty: "RSA", use: "sig", alg: "RS256", ...(endorsements ? { endorsements } : {}) };
  return { kid, privateKey, jwk };
}
