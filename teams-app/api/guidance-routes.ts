import { Router } from "express";
import { z } from "zod";
import { DEFAULT_TOP, MAX_QUERY_LENGTH, MAX_TOP, type HubServices } from "../../core";
import { bearerTokenOf, principalOf } from "../auth/authenticate";
import type { DelegatedSearch } from "../delegated-search";
import { parseInput } from "../http/validate";

const searchQuery = z.object({
  q: z.string({ error: "q (what to search for) is required" }).trim().min(1, "q (what to search for) is required").max(MAX_QUERY_LENGTH),
  top: z.coerce.number().int().min(1).max(MAX_TOP).default(DEFAULT_TOP),
});

const feedbackBody = z.object({
  query: z.string().trim().min(1).max(MAX_QUERY_LENGTH),
  pageId: z.string().min(1).max(1024).optional(),
  helpful: z.boolean(),
});

/** Guidance API: search, read a page, say whether it helped. Every route needs a signed-in member of staff. */
export function guidanceRoutes(services: HubServices, delegatedSearch?: DelegatedSearch): Router {
  const router = Router();

  router.get("/search", async (req, res) => {
    const { q, top } = parseInput(searchQuery, req.query, "search");
    // In Microsoft 365, search as the user (security-trimmed); locally, the hub's own index.
    const engine = delegatedSearch ? await delegatedSearch(bearerTokenOf(res), principalOf(res)) : undefined;
    res.json(await services.guidance.search(q, { top, engine, channel: "tab" }));
  });

  // Page ids are paths ("hr/annual-leave.md"): accept them URL-encoded or as raw path segments.
  router.get("/pages/*id", async (req, res) => {
    const raw = (req.params as { id: string | string[] }).id;
    const id = Array.isArray(raw) ? raw.join("/") : raw;
    const page = await services.guidance.readPage(id);
    res.json({ id: page.id, title: page.title, headings: page.headings, html: page.html, url: page.url, updatedAt: page.updatedAt.toISOString() });
  });

  router.post("/feedback", async (req, res) => {
    const body = parseInput(feedbackBody, req.body, "feedback");
    await services.guidance.recordFeedback({ ...body, channel: "tab" });
    res.status(204).end();
  });

  return router;
}
