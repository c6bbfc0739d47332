/** No signing keys could be fetched, so no token can be checked: an outage on our side, not a bad token. */
export class SigningKeysUnavailableError extends Error {
  override readonly name = "SigningKeysUnavailableError";
}

/** The token names a tenant (`tid`) that is not on the allow-list; raised before any key is fetched for it. */
export class TenantNotAllowedError extends Error {
  override readonly name = "TenantNotAllowedError";
}
