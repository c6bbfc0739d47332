import { resolve } from "node:path";
import { z } from "zod";

/**
 * Council Hub configuration: the one module that reads `process.env`. Every setting is validated here, at start,
 * so a misconfigured deployment stops with a clear message instead of failing on the first request.
 * README.md ("Configuration") documents each variable; keep the two in step.
 */
/** Minutes between site pages syncs when STORE=sharepoint and SITE_PAGES_SYNC_MINUTES is unset. */
export const DEFAULT_SITE_PAGES_SYNC_MINUTES = 15;
/** Longest interval accepted: a day. Beyond that, staff would search guidance that is days out of date. */
export const MAX_SITE_PAGES_SYNC_MINUTES = 24 * 60;

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Host name the server binds to. Loopback by default: a laptop demo should not be reachable from the network. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Public base URL of this host (tabs, links in cards). */
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_MODE: z.enum(["dev", "entra"]).default("dev"),
  /** Seed the sample intranet and directory on first run (embedded default). */
  SEED_SAMPLE_DATA: booleanish.default(true),
  /** Keep the search index in DATA_DIR between runs, so a start restores it rather than re-analysing every page. */
  SEARCH_INDEX_SNAPSHOT: booleanish.default(true),
  /** Minutes a dev-issuer token lives. Short on purpose. */
  DEV_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /** Entra ID (Microsoft 365) settings: required when AUTH_MODE=entra. */
  ENTRA_TENANT_ID: z.string().uuid().optional(),
  ENTRA_CLIENT_ID: z.string().uuid().optional(),
  /** Extra tenants whose users may sign in (comma-separated ids); the home tenant is always allowed. */
  ENTRA_ALLOWED_TENANTS: z.string().default(""),
  /** Client secret of the council's Entra app registration: Graph app-only calls and on-behalf-of exchange. */
  SECRET_ENTRA_CLIENT_SECRET: z.string().optional(),
  /** Microsoft Graph endpoint; change only for a national cloud, or to point tests at a Graph fake. */
  GRAPH_BASE_URL: z.string().url().default("https://graph.microsoft.com"),
  /** Where records live: the embedded SQLite default, or SharePoint lists in the council's site (via Graph). */
  STORE: z.enum(["sqlite", "sharepoint"]).default("sqlite"),
  /** The intranet SharePoint site: `contoso.sharepoint.com:/sites/intranet` or a Graph site id. */
  SHAREPOINT_SITE: z.string().optional(),
  /** Minutes between syncs of SHAREPOINT_SITE's pages into the local guidance index; 0 turns the sync off. */
  SITE_PAGES_SYNC_MINUTES: z.coerce.number().int().min(0).max(MAX_SITE_PAGES_SYNC_MINUTES).optional(),
  /** The Teams app's id (manifest `id`): deep links from notifications open its tabs. Defaults to the local package's id. */
  TEAMS_APP_ID: z.string().uuid().default("6f1c0a2e-4b7d-4c3a-9e51-0c1a1c0a1001"),
  /** Bot Framework registration. Without an app id the bot accepts unauthenticated activities: dev only. */
  BOT_APP_ID: z.string().optional(),
  SECRET_BOT_APP_PASSWORD: z.string().optional(),
  BOT_TENANT_ID: z.string().optional(),
  /** Certificate credentials for the bot instead of a secret: the thumbprint and the PEM private key. */
  BOT_CERTIFICATE_THUMBPRINT: z.string().optional(),
  SECRET_BOT_CERTIFICATE_PRIVATE_KEY: z.string().optional(),
  /** Start the Microsoft 365 Agents Playground with `npm start` (also `--no-playground`). */
  PLAYGROUND: booleanish.default(true),
  PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.input<typeof envSchema>;

export interface HubConfig {
  readonly nodeEnv: "development" | "test" | "production";
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly authMode: "dev" | "entra";
  readonly seedSampleData: boolean;
  /** Keep the search index in a snapshot file in dataDir between runs (see store/guidance-engine/index-snapshot-file). */
  readonly searchIndexSnapshot: boolean;
  readonly devTokenTtlMinutes: number;
  readonly entra?: { readonly tenantId: string; readonly clientId: string; readonly allowedTenants: readonly string[] };
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly tenantId?: string;
    readonly certificateThumbprint?: string;
    readonly certificatePrivateKey?: string;
  };
  readonly playground: { readonly enabled: boolean; readonly port: number };
  readonly graph: { readonly baseUrl: string; readonly clientSecret?: string };
  readonly teamsAppId: string;
  readonly store: { readonly kind: "sqlite" } | { readonly kind: "sharepoint"; readonly site: string };
  /**
   * The site pages sync: `site` is SHAREPOINT_SITE (also the CLI's default for `hub sync-pages`); the host syncs it
   * every `syncMinutes`, 0 meaning never. When `syncMinutes` > 0, `site` and Graph credentials are guaranteed.
   */
  readonly sitePages: { readonly site?: string; readonly syncMinutes: number };
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

/** Raised when configuration is invalid or unsafe; the host prints it and exits non-zero. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and validates configuration. `env` defaults to process.env; tests pass their own. */
export function loadConfig(env: Record<string, string | undefined> = process.env): HubConfig {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && e.AUTH_MODE === "dev") {
    throw new ConfigError("AUTH_MODE=dev is refused when NODE_ENV=production: the dev token issuer would let anyone sign in as anyone. Set AUTH_MODE=entra.");
  }
  if (production && !e.BOT_APP_ID) {
    throw new ConfigError("BOT_APP_ID is required when NODE_ENV=production: without it the bot endpoint accepts unauthenticated activities.");
  }
  if (Boolean(e.BOT_CERTIFICATE_THUMBPRINT) !== Boolean(e.SECRET_BOT_CERTIFICATE_PRIVATE_KEY)) {
    throw new ConfigError("BOT_CERTIFICATE_THUMBPRINT and SECRET_BOT_CERTIFICATE_PRIVATE_KEY go together: set both or neither.");
  }
  if (e.AUTH_MODE === "entra") {
    const missing: string[] = (["ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "BOT_APP_ID"] as const).filter((k) => !e[k]);
    // The bot authenticates to the Bot Connector with a client secret or a certificate.
    if (!e.SECRET_BOT_APP_PASSWORD && !e.BOT_CERTIFICATE_THUMBPRINT) missing.push("SECRET_BOT_APP_PASSWORD (or BOT_CERTIFICATE_THUMBPRINT)");
    if (missing.length > 0) throw new ConfigError(`AUTH_MODE=entra needs ${missing.join(", ")}.`);
  }
  if (e.STORE === "sharepoint") {
    const missing = (["SHAREPOINT_SITE", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "SECRET_ENTRA_CLIENT_SECRET"] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`STORE=sharepoint needs ${missing.join(", ")}.`);
  }
  // On by default with the SharePoint store (its site is the intranet); elsewhere only when asked for.
  const syncMinutes = e.SITE_PAGES_SYNC_MINUTES ?? (e.STORE === "sharepoint" ? DEFAULT_SITE_PAGES_SYNC_MINUTES : 0);
  if (syncMinutes > 0) {
    const missing = (["SHAREPOINT_SITE", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "SECRET_ENTRA_CLIENT_SECRET"] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`SITE_PAGES_SYNC_MINUTES=${syncMinutes} needs ${missing.join(", ")} (or set it to 0).`);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: resolve(e.DATA_DIR),
    authMode: e.AUTH_MODE,
    seedSampleData: e.SEED_SAMPLE_DATA,
    searchIndexSnapshot: e.SEARCH_INDEX_SNAPSHOT,
    devTokenTtlMinutes: e.DEV_TOKEN_TTL_MINUTES,
    ...(e.ENTRA_TENANT_ID && e.ENTRA_CLIENT_ID
      ? {
          entra: {
            tenantId: e.ENTRA_TENANT_ID,
            clientId: e.ENTRA_CLIENT_ID,
            allowedTenants: [e.ENTRA_TENANT_ID, ...e.ENTRA_ALLOWED_TENANTS.split(",").map((t) => t.trim()).filter(Boolean)],
          },
        }
      : {}),
    bot: {
      appId: e.BOT_APP_ID,
      appPassword: e.SECRET_BOT_APP_PASSWORD,
      tenantId: e.BOT_TENANT_ID,
      certificateThumbprint: e.BOT_CERTIFICATE_THUMBPRINT,
      certificatePrivateKey: e.SECRET_BOT_CERTIFICATE_PRIVATE_KEY,
    },
    playground: { enabled: e.PLAYGROUND, port: e.PLAYGROUND_PORT },
    teamsAppId: e.TEAMS_APP_ID,
    graph: { baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ""), clientSecret: e.SECRET_ENTRA_CLIENT_SECRET },
    store: e.STORE === "sharepoint" && e.SHAREPOINT_SITE ? { kind: "sharepoint", site: e.SHAREPOINT_SITE } : { kind: "sqlite" },
    sitePages: { ...(e.SHAREPOINT_SITE ? { site: e.SHAREPOINT_SITE } : {}), syncMinutes },
    logLevel: e.LOG_LEVEL,
  };
}

/** Treats `VAR=` as unset, so an empty line in an env file falls back to the default. */
function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
