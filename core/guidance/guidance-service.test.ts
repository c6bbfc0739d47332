import { createHash } from "node:crypto";
import type { AuditEvent, AuditLog } from "../audit/audit-event";
import { AppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import { GuidanceService, INGEST_BATCH_SIZE } from "./guidance-service";
import type { GuidancePage, SearchHit } from "./page";
import { contentHash, type SourceDocument } from "./parse-document";
import type { FeedbackStore, GuidancePages, GuidanceSearchEngine, PageChanges, SearchFeedback } from "./ports";
import type { ParsedQuery } from "./query";

// In-memory fakes of core's own ports: the service under test is real; only storage is swapped.

class MemoryPages implements GuidancePages, GuidanceSearchEngine {
  readonly pages = new Map<string, GuidancePage>();
  readonly applied: PageChanges[] = [];
  readonly queries: ParsedQuery[] = [];
  /** When set, search returns this many made-up hits regardless of the query (to check the service trims). */
  cannedHits = 0;

  async get(id: string) {
    return this.pages.get(id);
  }
  async fingerprints(origin: string) {
    return new Map([...this.pages.values()].filter((p) => p.origin === origin).map((p) => [p.id, p.contentHash]));
  }
  async apply(changes: PageChanges) {
    this.applied.push(changes);
    for (const page of changes.upserts) this.pages.set(page.id, page);
    for (const id of changes.removals) this.pages.delete(id);
  }
  async count() {
    return this.pages.size;
  }
  async search(query: ParsedQuery): Promise<SearchHit[]> {
    this.queries.push(query);
    if (this.cannedHits > 0) return Array.from({ length: this.cannedHits }, (_, i) => ({ id: `p${i}`, title: `Page ${i}`, snippet: "", score: 100 - i }));
    return [...this.pages.values()]
      .filter((p) => query.terms.some((t) => p.text.toLowerCase().includes(t)))
      .map((p) => ({ id: p.id, title: p.title, snippet: p.text.slice(0, 40), score: 1 }));
  }
}

class MemoryFeedback implements FeedbackStore {
  readonly items: SearchFeedback[] = [];
  async record(feedback: SearchFeedback) {
    this.items.push(feedback);
  }
  async list(limit: number) {
    return this.items.slice(-limit).reverse();
  }
}

class MemoryAudit implements AuditLog {
  readonly events: AuditEvent[] = [];
  async record(event: AuditEvent) {
    this.events.push(event);
  }
  async recent(limit: number) {
    return this.events.slice(-limit).reverse();
  }
}

const NOW = new Date("2025-05-06T10:00:00Z");
const clock: Clock = { now: () => NOW };

function setup(at: Clock = clock) {
  const pages = new MemoryPages();
  const feedback = new MemoryFeedback();
  const audit = new MemoryAudit();
  const service = new GuidanceService({ pages, engine: pages, feedback, audit, clock: at });
  return { service, pages, feedback, audit };
}

const doc = (id: string, body: string): SourceDocument => ({ id, content: `# ${id}\n\n${body}\n` });
const threeDocs = (): SourceDocument[] => [doc("hr/leave.md", "Annual leave rules."), doc("hr/sick.md", "Sickness absence."), doc("it/vpn.md", "Remote access.")];

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError rejection");
}

describe("GuidanceService.ingest", () => {
  it("adds new pages and reports progress", async () => {
    const { service, pages } = setup();
    const progress: number[] = [];
    const report = await service.ingest("folder", threeDocs(), { actor: "cli", onProgress: (n) => progress.push(n) });
    expect(report).toEqual({ seen: 3, added: 3, updated: 0, unchanged: 0, removed: 0, failed: [] });
    expect(progress).toEqual([1, 2, 3]);
    expect(pages.pages.get("hr/leave.md")).toMatchObject({ title: "hr/leave.md", origin: "folder" });
  });

  it("parses unchanged files again when they were parsed by an earlier parse version", async () => {
    const { service, pages } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    // As an earlier release stored it: the fingerprint of the bytes alone, and its body rendered to HTML.
    const old = pages.pages.get("hr/leave.md")!;
    const { body: _body, ...rest } = old;
    pages.pages.set(old.id, { ...rest, body: { html: "<p>Annual leave rules.</p>" }, contentHash: createHash("sha256").update(`# hr/leave.md\n\nAnnual leave rules.\n`).digest("hex") });
    expect(await service.ingest("folder", threeDocs(), { actor: "cli" })).toMatchObject({ seen: 3, updated: 1, unchanged: 2 });
    expect(pages.pages.get("hr/leave.md")).toMatchObject({ body: { markdown: "# hr/leave.md\n\nAnnual leave rules.\n" }, contentHash: contentHash("# hr/leave.md\n\nAnnual leave rules.\n") });
  });

  it("counts unchanged, updated and removed pages on re-ingest", async () => {
    const { service, pages } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    expect(await service.ingest("folder", threeDocs(), { actor: "cli" })).toMatchObject({ seen: 3, added: 0, updated: 0, unchanged: 3, removed: 0 });

    const next = [doc("hr/leave.md", "Annual leave rules, changed."), doc("hr/sick.md", "Sickness absence."), doc("hr/new.md", "New page.")];
    const report = await service.ingest("folder", next, { actor: "cli" });
    expect(report).toEqual({ seen: 3, added: 1, updated: 1, unchanged: 1, removed: 1, failed: [] });
    expect(pages.pages.has("it/vpn.md")).toBe(false);
    expect(pages.pages.get("hr/leave.md")?.text).toContain("changed");
  });

  it("only removes pages of the same origin", async () => {
    const { service, pages } = setup();
    await service.ingest("sample", [doc("sample/a.md", "Sample.")], { actor: "system" });
    const report = await service.ingest("folder", threeDocs(), { actor: "cli" });
    expect(report.removed).toBe(0);
    expect(pages.pages.has("sample/a.md")).toBe(true);
  });

  it("reports a document that cannot be parsed and still lands the others", async () => {
    const { service, pages } = setup();
    // Not a string: the parser throws, as it would on bytes it cannot read.
    const broken: SourceDocument = { id: "hr/broken.md", content: 42 as unknown as string };
    const report = await service.ingest("folder", [...threeDocs(), broken], { actor: "cli" });
    expect(report.added).toBe(3);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toEqual({ id: "hr/broken.md", reason: expect.any(String) });
    expect(pages.pages.size).toBe(3);
  });

  it("keeps a known page whose new version fails, rather than removing it", async () => {
    const { service, pages } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    const report = await service.ingest("folder", [...threeDocs().slice(1), { id: "hr/leave.md", content: null as unknown as string }], { actor: "cli" });
    expect(report).toMatchObject({ removed: 0, failed: [{ id: "hr/leave.md" }] });
    expect(pages.pages.has("hr/leave.md")).toBe(true);
  });

  it("counts a repeated id once", async () => {
    const { service } = setup();
    const report = await service.ingest("folder", [doc("a.md", "one"), doc("a.md", "two")], { actor: "cli" });
    expect(report).toMatchObject({ seen: 1, added: 1 });
  });

  it("writes in batches of INGEST_BATCH_SIZE and accepts an async source", async () => {
    const { service, pages } = setup();
    async function* many(): AsyncGenerator<SourceDocument> {
      for (let i = 0; i < INGEST_BATCH_SIZE + 1; i++) yield doc(`p${i}.md`, `page ${i}`);
    }
    const report = await service.ingest("folder", many(), { actor: "cli" });
    expect(report.added).toBe(INGEST_BATCH_SIZE + 1);
    expect(pages.applied.map((c) => c.upserts.length)).toEqual([INGEST_BATCH_SIZE, 1]);
  });

  it("records one audit event with the counts", async () => {
    const { service, audit } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    expect(audit.events).toEqual([
      { actor: "cli", action: "guidance.ingested", target: "origin:folder", at: NOW, detail: { seen: 3, added: 3, updated: 0, unchanged: 0, removed: 0, failed: 0 } },
    ]);
  });
});

describe("GuidanceService.search", () => {
  it("passes the parsed query to the engine and returns its hits", async () => {
    const { service } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    const response = await service.search("  remote  ");
    expect(response.query).toBe("remote");
    expect(response.results.map((r) => r.id)).toEqual(["it/vpn.md"]);
    expect(response.tookMs).toBeGreaterThanOrEqual(0);
  });

  it("trims the engine's results to top", async () => {
    const { service, pages } = setup();
    pages.cannedHits = 30;
    expect((await service.search("leave", { top: 5 })).results).toHaveLength(5);
    expect((await service.search("leave")).results).toHaveLength(10);
    expect(pages.queries.map((q) => q.top)).toEqual([5, 10]);
  });

  it("refuses an invalid query with a 400 before asking the engine", async () => {
    const { service, pages } = setup();
    expect((await rejection(service.search("?!"))).status).toBe(400);
    expect((await rejection(service.search("leave", { top: 0 }))).status).toBe(400);
    expect(pages.queries).toHaveLength(0);
  });
});

describe("GuidanceService.getPage", () => {
  it("returns a page, or a 404 for an unknown id", async () => {
    const { service } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    expect((await service.getPage("it/vpn.md")).id).toBe("it/vpn.md");
    expect((await rejection(service.getPage("nope.md"))).status).toBe(404);
  });
});

describe("GuidanceService.recordFeedback", () => {
  it("stores the answer with its day (never the time of day) and without any identity", async () => {
    const { service, feedback } = setup();
    await service.ingest("folder", threeDocs(), { actor: "cli" });
    // A caller might hand over an object that also says who asked; none of it may reach the store.
    const input = { query: " annual leave ", pageId: "hr/leave.md", helpful: true, channel: "bot" as const, upn: "sam@council.example", name: "Sam" };
    await service.recordFeedback(input);
    expect(feedback.items).toEqual([{ query: "annual leave", pageId: "hr/leave.md", helpful: true, channel: "bot", at: new Date("2025-05-06T00:00:00.000Z") }]);
  });

  it("accepts feedback about the results as a whole (no page)", async () => {
    const { service, feedback } = setup();
    await service.recordFeedback({ query: "parking", helpful: false, channel: "tab" });
    expect(feedback.items).toEqual([{ query: "parking", helpful: false, channel: "tab", at: new Date("2025-05-06T00:00:00.000Z") }]);
  });

  it("dates late-evening answers by the London day, not the UTC one", async () => {
    // 23:30 in London in summer is 22:30 UTC the same day; 00:30 in London on 1 July is still 30 June in UTC.
    const { service, feedback } = setup({ now: () => new Date("2025-06-30T23:30:00Z") });
    await service.recordFeedback({ query: "parking", helpful: false, channel: "tab" });
    expect(feedback.items[0]?.at).toEqual(new Date("2025-07-01T00:00:00.000Z"));
  });

  it("truncates a very long query", async () => {
    const { service, feedback } = setup();
    await service.recordFeedback({ query: "x".repeat(2000), helpful: true, channel: "message_extension" });
    expect(feedback.items[0]?.query).toHaveLength(500);
  });

  it("refuses feedback about an unknown page with a 404", async () => {
    const { service, feedback } = setup();
    expect((await rejection(service.recordFeedback({ query: "leave", pageId: "missing.md", helpful: true, channel: "bot" }))).status).toBe(404);
    expect(feedback.items).toHaveLength(0);
  });

  it("refuses feedback without a query with a 400", async () => {
    const { service } = setup();
    expect((await rejection(service.recordFeedback({ query: "   ", helpful: true, channel: "bot" }))).status).toBe(400);
  });
});
