import type { EntraKeyOptions } from "../../../teams-app/auth";
import type { ComposedHub } from "../../../teams-app/compose";
import type { HubConfig } from "../../../teams-app/config";
import type { Logger } from "../../../teams-app/logger";
import { startTestHub } from "../../support/test-hub";
import { API_HOST, CLIENT_ID, HOME_TENANT, PARTNER_TENANT } from "./entra-tokens";

/** A running hub in AUTH_MODE=entra. */
export interface EntraHub extends ComposedHub {
  readonly config: HubConfig;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real host in entra mode (as production configures it, through loadConfig and composeHub) on a random
 * loopback port, with only the signing-key endpoint redirected to a local one: Entra itself is unreachable here.
 */
export async function startEntraHub(entraKeys: EntraKeyOptions, log: Logger = () => undefined): Promise<EntraHub> {
  return startTestHub(
    {
      PUBLIC_URL: `https://${API_HOST}`,
      AUTH_MODE: "entra",
      ENTRA_TENANT_ID: HOME_TENANT,
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_ALLOWED_TENANTS: PARTNER_TENANT,
      BOT_APP_ID: CLIENT_ID,
      SECRET_BOT_APP_PASSWORD: "test-only-bot-password",
    },
    { entraKeys },
    log,
  );
}
