import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { contentHash, INGEST_BATCH_SIZE, type AuditLog, type Clock, type GuidancePage, type GuidancePages } from "../../core";
import { GRAPH_BASE_URL } from "../graph-limits";
import { readDeltaRound, type DeltaRound } from "./delta-round";
import type { DeltaState, DeltaStateStore } from "./delta-state-store";
import { mapConcurrently } from "./map-concurrently";
import { fetchSitePage, isPublished, parseSitePage, toSourceDocument, type SitePageResource } from "./site-page-content";
import { PAGE_FETCH_CONCURRENCY, sitePagesOrigin } from "./site-pages-limits";
import { planSync, type FetchJob } from "./sync-plan";

/**
 * Properties the delta feed must return. `sharepointIds` is not a default property and carries the sitePage id;
 * `deleted` (or `@removed`) comes back on deleted items whatever is selected, as in every Graph delta feed.
 */
const DELTA_SELECT = "id,eTag,webUrl,lastModifiedDateTime,sharepointIds";
/** Graph's "not found" for a page that was deleted between the delta round and the fetch. */
const NOT_FOUND = 404;

/** Options for {@link SitePagesSync}. */
export interface SitePagesSyncOptions {
  /** An app-only Graph client (Sites.Read.All, or Sites.Selected granted on this site). */
  readonly client: Client;
  /** The local guidance index (SQLite in production). */
  readonly pages: GuidancePages;
  /** Where the deltaLink and item map persist between runs. */
  readonly state: DeltaStateStore;
  readonly clock: Clock;
  /** Graph site id, e.g. `council.sharepoint.com,<site guid>,<web guid>`. */
  readonly siteId: string;
  /** Id of the site's Site Pages library (list template `webPageLibrary`). */
  readonly listId: string;
  /** When given, each run records one `guidance.synced` event with its counts. */
  readonly audit?: AuditLog;
  /** The Graph root the client talks to; links Graph returns must point here (default graph.microsoft.com). */
  readonly graphBaseUrl?: string;
  /** Page contents fetched at once (default {@link PAGE_FETCH_CONCURRENCY}). */
  readonly concurrency?: number;
}

/** Options of one {@link SitePagesSync.run}. */
export interface SitePagesRunOptions {
  /** Who the audit event names (default `system`; the CLI passes `cli`). */
  readonly actor?: string;
  /**
   * Ignore the stored deltaLink and item map: enumerate the whole list and read every page again (unchanged content
   * is still not rewritten). For an operator who suspects drift, or after an upgrade that parses pages differently.
   */
  readonly full?: boolean;
}

/** What one run did. */
export interface SitePagesSyncReport {
  /** `initial`: first run; `delta`: changes since the last run; `resync`: full enumeration after a 410, a failed first run, or on request. */
  readonly mode: "initial" | "delta" | "resync";
  /** True when the whole list was enumerated (and local pages no longer present were removed). */
  readonly fullResync: boolean;
  /** Items the delta feed returned (changed, added or deleted; everything on a full enumeration). */
  readonly changed: number;
  /** Page contents read (one GET each). */
  readonly fetched: number;
  /** Pages written to the local index. */
  readonly upserted: number;
  /** Pages not written: eTag or content unchanged. */
  readonly unchanged: number;
  /** Pages removed from the local index. */
  readonly removed: number;
  /** Items ignored: not pages, or drafts not yet published. */
  readonly skipped: number;
  /** Graph calls made: delta pages plus page reads (SDK retries not counted). */
  readonly requests: number;
  /** Pages that could not be read; the deltaLink is not advanced, so the next run tries them again. */
  readonly failed: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
}

type FetchOutcome =
  | { readonly kind: "page"; readonly job: FetchJob; readonly page: SitePageResource }
  | { readonly kind: "gone"; readonly job: FetchJob }
  | { readonly kind: "failed"; readonly job: FetchJob; readonly reason: string };

/**
 * Keeps the local guidance index in step with one SharePoint site's pages, app-only, using listItem delta on the
 * Site Pages library. The first run enumerates every page; later runs ask only for what changed since the stored
 * deltaLink and read only those pages, so a quiet day costs one Graph call. A 410 (token expired or service reset)
 * falls back to a full enumeration that also removes local pages no longer in the site.
 *
 * Note: the local index is not security-trimmed. Sync only sites every member of staff may read; pages with
 * restricted permissions belong behind the delegated Microsoft Search engine instead.
 *
 * @example
 * const sync = new SitePagesSync({ client: appOnlyGraph, pages: sqliteGuidance, state, clock, siteId, listId });
 * const report = await sync.run(); // e.g. from a timer every 15 minutes
 */
export class SitePagesSync {
  private readonly origin: string;
  private readonly stateKey: string;
  private readonly graphOrigin: string;
  private readonly deltaPath: string;

  constructor(private readonly options: SitePagesSyncOptions) {
    this.origin = sitePagesOrigin(options.siteId);
    this.stateKey = `site-pages|${options.siteId}|${options.listId}`;
    this.graphOrigin = new URL(options.graphBaseUrl ?? GRAPH_BASE_URL).origin;
    this.deltaPath = `/sites/${options.siteId}/lists/${options.listId}/items/delta`.toLowerCase();
  }

  /** Runs one sync. Throws on a Graph failure outside page reads (the deltaLink is then left as it was). */
  async run(options: SitePagesRunOptions = {}): Promise<SitePagesSyncReport> {
    const { actor = "system", full: forced = false } = options;
    const { client, pages, state, clock } = this.options;
    // A forced resync forgets the item map too, so every page is read again rather than skipped on an equal eTag.
    const stored = await state.get(this.stateKey);
    const previous = forced ? undefined : stored;
    const firstLink = `/sites/${this.options.siteId}/lists/${this.options.listId}/items/delta?$select=${DELTA_SELECT}`;
    const trusted = (link: string): boolean => this.isTrustedLink(link);

    // A stored link that is not this list's delta endpoint (a tampered or migrated store) is ignored, never followed.
    const storedLink = previous?.deltaLink && trusted(previous.deltaLink) ? previous.deltaLink : undefined;
    let mode: SitePagesSyncReport["mode"] = stored === undefined ? "initial" : storedLink ? "delta" : "resync";
    let round: DeltaRound = await readDeltaRound(client, storedLink ?? firstLink, trusted);
    let requests = round.requests;
    if (round.kind === "expired") {
      mode = "resync";
      round = await readDeltaRound(client, round.restartLink ?? firstLink, trusted);
      requests += round.requests;
      if (round.kind === "expired") throw new Error("Graph answered 410 Gone to a fresh delta enumeration of the Site Pages list.");
    }

    const full = mode !== "delta";
    const local = await pages.fingerprints(this.origin);
    const plan = planSync(round.items, previous?.items ?? {}, full, local);
    const failed = [...plan.failed];
    let upserted = 0;
    let unchanged = plan.unchanged;
    let skipped = plan.skipped;
    const now = clock.now();

    // Batches bound memory on a first sync of a large intranet; state is saved only at the end, so a crash repeats work, never skips it.
    for (let start = 0; start < plan.fetch.length; start += INGEST_BATCH_SIZE) {
      const outcomes = await mapConcurrently(plan.fetch.slice(start, start + INGEST_BATCH_SIZE), this.options.concurrency ?? PAGE_FETCH_CONCURRENCY, (job) => this.fetch(job));
      const upserts: GuidancePage[] = [];
      for (const outcome of outcomes) {
        const { job } = outcome;
        const before = previous?.items[job.itemId];
        if (outcome.kind === "gone") {
          plan.seen.delete(job.pageId);
          plan.removals.add(job.pageId);
          plan.items.delete(job.itemId);
        } else if (outcome.kind === "failed") {
          failed.push({ id: job.pageId, reason: outcome.reason });
          if (before) plan.items.set(job.itemId, before);
        } else if (!isPublished(outcome.page)) {
          // A draft must not reach the shared index; any published copy already indexed stays until the draft is published.
          skipped++;
          if (local.has(job.pageId)) plan.items.set(job.itemId, { pageId: job.pageId, eTag: "" });
        } else {
          const doc = toSourceDocument(job.pageId, outcome.page);
          if (local.get(job.pageId) === contentHash(doc.content)) unchanged++;
          else upserts.push(parseSitePage(doc, this.origin, now));
          plan.items.set(job.itemId, { pageId: job.pageId, eTag: job.eTag });
        }
      }
      if (upserts.length > 0) await pages.apply({ upserts, removals: [] });
      upserted += upserts.length;
    }

    const removals = [...plan.removals].filter((id) => !plan.seen.has(id) && local.has(id));
    if (removals.length > 0) await pages.apply({ upserts: [], removals });

    const next: DeltaState = {
      ...(failed.length === 0 ? { deltaLink: round.deltaLink } : storedLink && !full ? { deltaLink: storedLink } : {}),
      items: Object.fromEntries(plan.items),
    };
    await state.set(this.stateKey, next);

    const report: SitePagesSyncReport = {
      mode,
      fullResync: full,
      changed: round.items.size,
      fetched: plan.fetch.length,
      upserted,
      unchanged,
      removed: removals.length,
      skipped,
      requests: requests + plan.fetch.length,
      failed,
    };
    await this.options.audit?.record({
      actor,
      action: "guidance.synced",
      target: `origin:${this.origin}`,
      at: clock.now(),
      detail: { mode, fetched: report.fetched, upserted, removed: report.removed, unchanged, skipped, failed: failed.length, requests: report.requests },
    });
    return report;
  }

  /** Reads one page; a 404 means it was deleted after the delta round, anything else is a failure to retry. */
  private async fetch(job: FetchJob): Promise<FetchOutcome> {
    try {
      return { kind: "page", job, page: await fetchSitePage(this.options.client, this.options.siteId, job.uniqueId) };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === NOT_FOUND) return { kind: "gone", job };
      const status = error instanceof GraphError ? ` (Graph ${error.statusCode})` : "";
      return { kind: "failed", job, reason: `${error instanceof Error ? error.message : String(error)}${status}` };
    }
  }

  /** Links Graph hands back must stay on this Graph origin and this list's delta endpoint before the token goes there. */
  private isTrustedLink(link: string): boolean {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return false;
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/(?:v1\.0|beta)(?=\/)/, "").toLowerCase();
    return url.origin === this.graphOrigin && url.username === "" && url.password === "" && path === this.deltaPath;
  }
}
