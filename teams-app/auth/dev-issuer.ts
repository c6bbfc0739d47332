import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from "jose";
import type { StaffUser } from "../../core";

/** Issuer, audience and tenant of local dev tokens: deliberately unlike Entra's, so a dev token never passes there. */
export const DEV_ISSUER = "urn:council-hub:dev-issuer";
export const DEV_AUDIENCE = "api://council-hub-dev";
export const DEV_TENANT_ID = "00000000-0000-4000-8000-000000000de0";

export interface DevToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Local sign-in for the embedded default: signs short-lived RS256 tokens for sample users with a key pair made at
 * start (never persisted, so a restart signs everyone out). Exists only when AUTH_MODE=dev, which config refuses in
 * production. Tokens are validated by the same validator as Entra tokens, through this issuer's JWKS.
 */
export class DevIssuer {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly ttlMinutes: number,
  ) {}

  static async create(ttlMinutes: number): Promise<DevIssuer> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const publicJwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
    return new DevIssuer(privateKey, publicJwk, ttlMinutes);
  }

  /** The public keys, as a JWKS document and as a key resolver for the validator. */
  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  keyResolver(): ReturnType<typeof createLocalJWKSet> {
    return createLocalJWKSet(this.jwks);
  }

  async issue(user: StaffUser, now: Date = new Date()): Promise<DevToken> {
    const expiresAt = new Date(now.getTime() + this.ttlMinutes * 60_000);
    const token = await new SignJWT({ name: user.name, preferred_username: user.upn, roles: [...user.roles], tid: DEV_TENANT_ID, oid: user.upn, scp: "access_as_user" })
      .setProtectedHeader({ alg: "RS256", kid: this.publicJwk.kid, typ: "JWT" })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(user.upn)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setNotBefore(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.privateKey);
    return { token, expiresAt };
  }
}
