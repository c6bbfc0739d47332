import { Router, type Request, type Response } from "express";
import { z } from "zod";
import {
  BEST_BET_MATCHES,
  contentGapCsv,
  contentGapCsvFileName,
  MAX_BEST_BET_NOTE_LENGTH,
  MAX_BEST_BET_TRIGGERS,
  MAX_TERMS_PER_ENTRY,
  MAX_TRIGGER_LENGTH,
  MAX_VOCABULARY_ENTRIES,
  requireRole,
  type BestBet,
  type HubServices,
  type Principal,
  type VocabularyView,
} from "../../core";
import { principalOf } from "../auth/authenticate";
import { parseInput } from "../http/validate";

/** Longest vocabulary term or phrase accepted. */
export const MAX_VOCABULARY_TERM_LENGTH = 100;

const term = z.string().trim().min(1, "must not be blank").max(MAX_VOCABULARY_TERM_LENGTH, `must be at most ${MAX_VOCABULARY_TERM_LENGTH} characters`);
const version = z.string().trim().min(1).max(64).optional();

const vocabularyBody = z.object({
  entries: z
    .array(
      z.object({
        terms: z.array(term).min(1, "needs at least one term").max(MAX_TERMS_PER_ENTRY, `at most ${MAX_TERMS_PER_ENTRY} terms per entry`),
        broader: z.array(term).max(MAX_TERMS_PER_ENTRY, `at most ${MAX_TERMS_PER_ENTRY} broader terms per entry`).optional(),
      }),
      { error: "entries (a list of { terms, broader? }) is required" },
    )
    .max(MAX_VOCABULARY_ENTRIES, `at most ${MAX_VOCABULARY_ENTRIES} entries`),
  /** Optional optimistic concurrency: the `version` from the GET; a different live version is a 409. */
  version,
});

const resetBody = z.object({ version }).optional();

const bestBetBody = z.object({
  pageId: z.string({ error: "pageId is required" }).trim().min(1, "pageId is required").max(1024),
  triggers: z
    .array(z.string().trim().min(1, "must not be blank").max(MAX_TRIGGER_LENGTH, `must be at most ${MAX_TRIGGER_LENGTH} characters`), { error: "triggers (a list of questions or words) is required" })
    .min(1, "needs at least one trigger")
    .max(MAX_BEST_BET_TRIGGERS, `at most ${MAX_BEST_BET_TRIGGERS} triggers`),
  match: z.enum(BEST_BET_MATCHES).optional(),
  note: z.string().trim().max(MAX_BEST_BET_NOTE_LENGTH).optional(),
  expiresAt: z.iso.datetime({ offset: true, error: "expiresAt must be an ISO date-time" }).transform((s) => new Date(s)).optional(),
  version,
});

const bestBetId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not a best bet id") });

const reportQuery = z.object({
  from: z.string({ error: "from must be a date as YYYY-MM-DD" }).optional(),
  to: z.string({ error: "to must be a date as YYYY-MM-DD" }).optional(),
});

/**
 * Search curation for the comms team (comms editors, comms leads, admins): the vocabulary, best bets and the
 * content-gap report. Every route checks the role server-side; every edit is audited in core with the actor.
 */
export function searchCurationRoutes(services: HubServices): Router {
  const router = Router();
  const { bestBets, vocabulary, contentGaps } = services.searchCuration;
  const curator = (res: Response): Principal => {
    const principal = principalOf(res);
    requireRole(principal, "comms_editor", "comms_lead");
    return principal;
  };

  router.get("/vocabulary", async (_req, res) => {
    curator(res);
    res.json(vocabularyJson(await vocabulary.get()));
  });

  router.put("/vocabulary", async (req, res) => {
    const { upn } = curator(res);
    const body = parseInput(vocabularyBody, req.body, "vocabulary");
    res.json(vocabularyJson(await vocabulary.replace({ entries: body.entries }, upn, body.version ?? ifMatch(req))));
  });

  router.post("/vocabulary/reset", async (req, res) => {
    const { upn } = curator(res);
    const body = parseInput(resetBody, req.body, "reset");
    res.json(vocabularyJson(await vocabulary.reset(upn, body?.version ?? ifMatch(req))));
  });

  router.get("/best-bets", async (_req, res) => {
    curator(res);
    res.json({ bestBets: (await bestBets.list()).map(bestBetJson) });
  });

  router.post("/best-bets", async (req, res) => {
    const { upn } = curator(res);
    const body = parseInput(bestBetBody, req.body, "best bet");
    res.status(201).json(bestBetJson(await bestBets.create(body, upn)));
  });

  router.put("/best-bets/:id", async (req, res) => {
    const { upn } = curator(res);
    const { id } = parseInput(bestBetId, req.params, "best bet id");
    const body = parseInput(bestBetBody, req.body, "best bet");
    res.json(bestBetJson(await bestBets.update(id, { ...body, version: body.version ?? ifMatch(req) }, upn)));
  });

  router.delete("/best-bets/:id", async (req, res) => {
    const { upn } = curator(res);
    const { id } = parseInput(bestBetId, req.params, "best bet id");
    await bestBets.delete(id, upn);
    res.status(204).end();
  });

  router.get("/report", async (req, res) => {
    curator(res);
    const range = parseInput(reportQuery, req.query, "report range");
    res.set("cache-control", "no-store").json(await contentGaps.report(range));
  });

  router.get("/report.csv", async (req, res) => {
    curator(res);
    const range = parseInput(reportQuery, req.query, "report range");
    const report = await contentGaps.report(range);
    res
      .status(200)
      .set({
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${contentGapCsvFileName(report)}"`,
        "cache-control": "no-store",
      })
      .send(contentGapCsv(report));
  });

  return router;
}

/** The version in an `If-Match` header (quotes and a weak `W/` prefix removed), where one was sent. */
function ifMatch(req: Request): string | undefined {
  const header = req.get("if-match")?.trim();
  if (!header || header === "*") return undefined;
  return header.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

function vocabularyJson(view: VocabularyView) {
  return {
    entries: view.entries.map((e) => (e.broader && e.broader.length > 0 ? { terms: e.terms, broader: e.broader } : { terms: e.terms })),
    ...(view.updatedAt ? { updatedAt: view.updatedAt.toISOString() } : {}),
    ...(view.updatedBy ? { updatedBy: view.updatedBy } : {}),
    isDefault: view.isDefault,
    version: view.version,
  };
}

function bestBetJson(bet: BestBet) {
  return {
    id: bet.id,
    pageId: bet.pageId,
    pageTitle: bet.pageTitle,
    triggers: bet.triggers,
    match: bet.match,
    ...(bet.note ? { note: bet.note } : {}),
    createdBy: bet.createdBy,
    updatedAt: bet.updatedAt.toISOString(),
    ...(bet.expiresAt ? { expiresAt: bet.expiresAt.toISOString() } : {}),
    version: bet.version,
  };
}
