import type { AuditLog } from "../audit/audit-event";
import { GuidanceService, INGEST_BATCH_SIZE } from "./guidance-service";
import type { GuidancePage } from "./page";
import { inThreadParser, parseDocument, type SourceDocument } from "./parse-document";
import type { DocumentParser, GuidancePages, PageChanges, ParseOutcome } from "./ports";

// GuidanceService.ingest through an injected DocumentParser (the port the worker-thread parser implements).

const NOW = new Date("2025-03-01T09:00:00Z");

class RecordingPages implements GuidancePages {
  readonly applied: PageChanges[] = [];
  async get() {
    return undefined;
  }
  async fingerprints() {
    return new Map<string, string>();
  }
  async apply(changes: PageChanges) {
    this.applied.push(changes);
  }
  async count() {
    return 0;
  }
}

const audit: AuditLog = { record: async () => undefined, recent: async () => [] };

function service(pages: GuidancePages, parser?: DocumentParser): GuidanceService {
  return new GuidanceService({
    pages,
    engine: { search: async () => [] },
    feedback: { record: async () => undefined, list: async () => [] },
    audit,
    clock: { now: () => NOW },
    ...(parser ? { parser } : {}),
  });
}

const docs = (n: number): SourceDocument[] => Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(4, "0")}.md`, content: `# Page ${i}\n\nText of page *${i}*.\n` }));

/** Parses like the in-thread parser, but slowly and out of step, and fails the documents it is told to. */
class SlowParser implements DocumentParser {
  readonly batches: number[] = [];
  constructor(private readonly failIds: ReadonlySet<string> = new Set()) {}
  async parseBatch(batch: readonly SourceDocument[], origin: string, now: Date): Promise<ParseOutcome[]> {
    this.batches.push(batch.length);
    await new Promise((resolve) => setTimeout(resolve, (this.batches.length % 2) * 5));
    return batch.map((doc) => (this.failIds.has(doc.id) ? { error: `cannot parse ${doc.id}` } : { page: parseDocument(doc, origin, now) }));
  }
}

describe("GuidanceService.ingest with a DocumentParser", () => {
  it("writes the injected parser's pages in document order, one batch after another, the same as in-thread parsing", async () => {
    const input = docs(INGEST_BATCH_SIZE * 2 + 7);
    const viaParser = new RecordingPages();
    const parser = new SlowParser();
    const report = await service(viaParser, parser).ingest("o", input, { actor: "t" });
    const inThread = new RecordingPages();
    await service(inThread).ingest("o", input, { actor: "t" });

    expect(parser.batches).toEqual([INGEST_BATCH_SIZE, INGEST_BATCH_SIZE, 7]);
    expect(report).toMatchObject({ seen: input.length, added: input.length, failed: [] });
    expect(viaParser.applied.map((c) => c.upserts.length)).toEqual([INGEST_BATCH_SIZE, INGEST_BATCH_SIZE, 7]);
    const ids = viaParser.applied.flatMap((c) => c.upserts.map((p: GuidancePage) => p.id));
    expect(ids).toEqual(input.map((d) => d.id));
    expect(JSON.stringify(viaParser.applied)).toBe(JSON.stringify(inThread.applied));
  });

  it("reports documents the parser could not parse as failed, in order, and still writes the rest", async () => {
    const input = docs(INGEST_BATCH_SIZE + 3);
    const failIds = new Set([input[2]!.id, input[INGEST_BATCH_SIZE + 1]!.id]);
    const pages = new RecordingPages();
    const report = await service(pages, new SlowParser(failIds)).ingest("o", input, { actor: "t" });
    expect(report.failed).toEqual([...failIds].map((id) => ({ id, reason: `cannot parse ${id}` })));
    expect(report.added).toBe(input.length - 2);
    expect(pages.applied.flatMap((c) => c.upserts).map((p) => p.id)).toEqual(input.map((d) => d.id).filter((id) => !failIds.has(id)));
  });

  it("fails the ingest (rather than hanging) when the parser itself fails", async () => {
    const broken: DocumentParser = { parseBatch: async () => Promise.reject(new Error("parser is gone")) };
    await expect(service(new RecordingPages(), broken).ingest("o", docs(3), { actor: "t" })).rejects.toThrow("parser is gone");
  });

  it("the in-thread parser gives parseDocument's page, or the error message, for each document", async () => {
    const outcomes = await inThreadParser.parseBatch([{ id: "a.md", content: "# A\n\nx\n" }], "o", NOW);
    expect(outcomes).toEqual([{ page: parseDocument({ id: "a.md", content: "# A\n\nx\n" }, "o", NOW) }]);
  });
});
