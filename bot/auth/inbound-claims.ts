import { AuthenticationConstants, AuthenticationError, SkillValidation, type Claim, type ValidateClaims } from "botframework-connector";
import { StatusCodes } from "botbuilder";

/** Who the bot is, for checking tokens that Entra (not the Bot Connector) issued. */
export interface InboundClaimsOptions {
  /** The bot's app id. */
  readonly appId: string;
  /** Home tenant of a single-tenant bot: Entra-issued tokens from any other tenant are refused. */
  readonly tenantId?: string;
  /** `iss` of Bot Connector tokens, which botbuilder has already checked in full (audience, serviceurl). */
  readonly channelTokenIssuer: string;
  /** The Bot Framework scope, the other audience an Emulator (v1) token may carry. */
  readonly channelAudience: string;
}

/**
 * The claims check botbuilder runs after a token's signature and issuer pass (AuthenticationConfiguration's
 * `validateClaims`). It closes two gaps botbuilder 4.23 leaves on Entra-issued ("emulator") tokens:
 * - on seeing a token, it adds the issuers of whatever `tid` the token claims to its global list of accepted
 *   issuers (EmulatorValidation.isTokenFromEmulator), so a single-tenant bot would accept tokens its app obtained
 *   in any tenant;
 * - it checks `aud` only by routing aud ≠ azp tokens to skill validation, so a token with no `aud` at all reaches
 *   the emulator checks, which look at `azp`/`appid` alone.
 * It also keeps botbuilder's default for skill tokens (refused: this bot calls no skills and is no skill).
 */
export function inboundClaimsValidator(options: InboundClaimsOptions): ValidateClaims {
  const { appId, tenantId, channelTokenIssuer, channelAudience } = options;
  return async (claims: Claim[]) => {
    if (SkillValidation.isSkillClaim(claims)) refuse("skill tokens are not accepted");
    const claim = (type: string): string | undefined => claims.find((c) => c.type === type)?.value;
    if (claim(AuthenticationConstants.IssuerClaim) === channelTokenIssuer) return;
    const audience = claim(AuthenticationConstants.AudienceClaim);
    if (audience !== appId && audience !== channelAudience) refuse("Entra token for another audience");
    if (tenantId && claim(AuthenticationConstants.TenantIdClaim) !== tenantId) refuse("Entra token from another tenant");
  };
}

function refuse(reason: string): never {
  throw new AuthenticationError(`Unauthorized: ${reason}.`, StatusCodes.UNAUTHORIZED);
}
