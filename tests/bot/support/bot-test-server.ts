import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { createBotAdapter, CouncilHubBot, validateIncomingActivity, type BotLogLevel } from "../../../bot";
import { isAppError } from "../../../core";
import { createSqliteHub, type SqliteHub } from "../../../store";

/** Public URL the bot puts in its links during tests. */
export const TEST_PUBLIC_URL = "https://hub.test.example";

/** Pages ingested for the bot tests: three about leave (so a leave question has three results) and one IT page. */
export const FIXTURE_PAGES = [
  {
    id: "hr/annual-leave.md",
    content:
      "---\ntitle: Annual leave\n---\n# Annual leave\n\nHow to book annual leave: ask your manager through the HR self-service system. " +
      "The leave year runs from 1 April to 31 March. Full-time staff get 26 days of annual leave a year.\n",
  },
  {
    id: "hr/sickness-absence.md",
    content:
      "---\ntitle: Sickness absence\nurl: https://intranet.example-council.gov.uk/hr/sickness-absence\n---\n# Sickness absence\n\n" +
      "If you are off sick, tell your manager before your start time. Sick leave over 7 days needs a fit note. " +
      "Annual leave is not lost while you are on sick leave.\n",
  },
  {
    id: "hr/parental-leave.md",
    content:
      "---\ntitle: Parental leave\n---\n# Parental leave\n\nParents can take up to 18 weeks of unpaid parental leave for each child. " +
      "Book parental leave with at least 21 days' notice.\n",
  },
  {
    id: "it/password-reset.md",
    content: "---\ntitle: Resetting your password\n---\n# Resetting your password\n\nUse the self-service password reset portal, or call the IT Service Desk.\n",
  },
] as const;

/** One line the bot or adapter logged. */
export interface LoggedLine {
  readonly level: BotLogLevel;
  readonly message: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A running bot endpoint on a random port, backed by real services on an in-memory SQLite database. */
export interface BotTestServer {
  /** Base URL, e.g. http://127.0.0.1:53211. POST activities to `${url}/api/messages`. */
  readonly url: string;
  readonly hub: SqliteHub;
  /** Everything logged so far, for asserting what was (and was not) logged. */
  readonly logs: LoggedLine[];
  close(): Promise<void>;
}

/**
 * Starts an express 5 server that mounts the bot the way teams-app does:
 * `app.post("/api/messages", (req, res) => adapter.process(req, res, (ctx) => bot.run(ctx)))`, with no app id, so
 * botbuilder accepts unauthenticated requests (as in local development). Like the host, the route validates the body
 * with `validateIncomingActivity` first.
 */
export async function startBotTestServer(): Promise<BotTestServer> {
  const hub = createSqliteHub(":memory:");
  await hub.guidance.ingest("test", FIXTURE_PAGES, { actor: "test" });
  const logs: LoggedLine[] = [];
  const log = (level: BotLogLevel, message: string, meta?: Readonly<Record<string, unknown>>): void => {
    logs.push({ level, message, ...(meta ? { meta } : {}) });
  };
  const adapter = createBotAdapter({ log });
  const bot = new CouncilHubBot({ services: hub, publicUrl: TEST_PUBLIC_URL, log });

  const app = express();
  app.use(express.json());
  app.post("/api/messages", (req, res) => {
    // Without this, a body with no string `type` makes CloudAdapter throw (express answers 500).
    validateIncomingActivity(req.body);
    return adapter.process(req, res, (context) => bot.run(context));
  });
  // Like the host's one error handler: AppError → its status and message; malformed JSON → 400; never a stack.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = isAppError(error) ? error.status : httpStatus(error);
    const message = isAppError(error) || status < 500 ? (error instanceof Error ? error.message : "Bad request") : "Internal error";
    res.status(status).json({ error: message, ...(isAppError(error) && error.details ? { details: error.details } : {}) });
  });

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hub,
    logs,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await hub.close();
    },
  };
}

function httpStatus(error: unknown): number {
  if (error && typeof error === "object" && "status" in error && typeof error.status === "number") return error.status;
  return 500;
}
