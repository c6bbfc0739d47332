import express, { type Express } from "express";
import type { ActivityHandler, CloudAdapter } from "botbuilder";
import type { HubServices } from "../core";
import { devRoutes, guidanceRoutes, healthRoutes, meRoutes, searchCurationRoutes } from "./api";
import { authenticate } from "./auth/authenticate";
import type { DevIssuer } from "./auth/dev-issuer";
import type { TokenValidator } from "./auth/token-validator";
import { botRoute } from "./bot-route";
import type { DelegatedSearch } from "./delegated-search";
import type { HubConfig } from "./config";
import { errorHandler, notFound } from "./http/error-handler";
import { securityHeaders } from "./http/security-headers";
import type { Logger } from "./logger";
import { tabsRoutes } from "./tabs-routes";

/** Largest JSON body accepted by the API and the bot endpoint; bigger gets 413 before any handler runs. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * Largest vocabulary a comms editor may save in one PUT: up to MAX_VOCABULARY_ENTRIES entries of several terms
 * passes MAX_BODY_BYTES, so this one route parses a larger body (the handler still validates every entry).
 */
export const MAX_VOCABULARY_BODY_BYTES = 2 * 1024 * 1024;

export interface AppDeps {
  readonly config: HubConfig;
  readonly services: HubServices;
  readonly validator: TokenValidator;
  /** Present in dev mode only: mounts /api/dev/*. */
  readonly devIssuer?: DevIssuer;
  readonly bot?: { readonly adapter: CloudAdapter; readonly handler: ActivityHandler };
  /** Microsoft 365 only: the tab's search through Microsoft Search as the signed-in user. */
  readonly delegatedSearch?: DelegatedSearch;
  /** Folder of the built tabs (dist/tabs). */
  readonly tabsDir: string;
  readonly log: Logger;
}

/** The express app: security headers, body limits, the bot endpoint, the API, the tabs, and one error handler. */
export function createApp(deps: AppDeps): Express {
  const { config, services, validator, devIssuer, bot, delegatedSearch, tabsDir, log } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.nodeEnv === "production" ? 1 : false);
  app.use(securityHeaders());
  const jsonBody = express.json({ limit: MAX_BODY_BYTES, strict: true, type: ["application/json", "application/*+json"] });
  // The vocabulary is the one body allowed to be large, so it is parsed only once the caller is signed in (below):
  // nobody can make the host parse 2 MB without a valid token.
  app.use((req, res, next) => (req.method === "PUT" && VOCABULARY_PATH.test(req.path) ? next() : jsonBody(req, res, next)));

  app.use("/healthz", healthRoutes(services, log));
  if (bot) app.post("/api/messages", botRoute(bot.adapter, bot.handler));
  if (devIssuer && config.authMode === "dev") app.use("/api/dev", devRoutes(services, devIssuer));

  const api = express.Router();
  api.use(authenticate(validator));
  api.put("/guidance/vocabulary", express.json({ limit: MAX_VOCABULARY_BODY_BYTES, strict: true, type: ["application/json", "application/*+json"] }));
  api.use("/me", meRoutes(services));
  api.use("/guidance", guidanceRoutes(services, delegatedSearch));
  api.use("/guidance", searchCurationRoutes(services));
  app.use("/api", api);

  app.use("/tabs", tabsRoutes(tabsDir));
  app.get("/", (_req, res) => res.redirect("/tabs/guidance"));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}

/** The vocabulary route as express matches it (any case, optional trailing slash). */
const VOCABULARY_PATH = /^\/api\/guidance\/vocabulary\/?$/i;
