import { COLLECTIONS, createSearchCuration, SEARCH_FEEDBACK, SEARCH_QUERIES, SEARCH_VOCABULARY, type AuditEvent, type CollectionDef, type GuidancePage, type RecordStoreFactory, type SearchCuration } from "../../core";
import { openDatabase, SqliteProvisioner, SqliteRecordStoreFactory } from "../../store";
import { startSharePointTestbed } from "../fakes";

// Search curation on both record stores: the same use cases over SQLite tables and over SharePoint lists (the
// production Graph client and store, over HTTPS to the SharePoint fake), so the collections' layout (chunked
// vocabulary JSON, indexed day/week, equality-only queries) is proven to work where it will run.

interface Harness {
  readonly factory: RecordStoreFactory;
  close(): Promise<void>;
}

const harnesses: Array<[string, (collections: readonly CollectionDef[]) => Promise<Harness>]> = [
  [
    "SQLite",
    async (collections) => {
      const db = openDatabase(":memory:");
      await new SqliteProvisioner(db).provision(collections);
      return { factory: new SqliteRecordStoreFactory(db), close: async () => void db.close() };
    },
  ],
  [
    "SharePoint lists via Graph",
    async (collections) => {
      const testbed = await startSharePointTestbed();
      const report = await testbed.provision(collections);
      return { factory: testbed.factory(report.listIds), close: () => testbed.close() };
    },
  ],
];

describe.each(harnesses)("search curation on %s", (_name, makeHarness) => {
  let harness: Harness;
  let curation: SearchCuration;
  const events: AuditEvent[] = [];
  const page: GuidancePage = { id: "hr/annual-leave.md", title: "Annual leave", headings: [], text: "How to book annual leave.", body: { markdown: "How to book annual leave." }, origin: "t", contentHash: "x", updatedAt: new Date() };

  beforeAll(async () => {
    harness = await makeHarness(COLLECTIONS);
    curation = createSearchCuration({
      records: harness.factory,
      pages: { get: async (id) => (id === page.id ? page : undefined) },
      audit: { record: async (e) => void events.push(e), recent: async () => [...events].reverse() },
      clock: { now: () => new Date() },
      applyVocabulary: () => undefined,
      onError: (error) => {
        throw error;
      },
    });
  }, 60_000);
  afterAll(async () => {
    await curation.close();
    await harness.close();
  });

  it("creates, matches, edits and deletes a best bet", async () => {
    const bet = await curation.bestBets.create({ pageId: page.id, triggers: ["Holidays abroad"], note: "n", expiresAt: new Date(Date.now() + 86_400_000) }, "ed@x");
    expect((await curation.bestBets.pinsFor("holiday abroad rules")).map((p) => p.pageId)).toEqual([page.id]);
    const changed = await curation.bestBets.update(bet.id, { pageId: page.id, triggers: ["leave"], match: "all-words", version: bet.version }, "lead@x");
    expect(changed).toMatchObject({ triggers: ["leave"], match: "all-words", createdBy: "ed@x" });
    expect(changed.note).toBeUndefined();
    expect(changed.expiresAt).toBeUndefined();
    await expect(curation.bestBets.update(bet.id, { pageId: page.id, triggers: ["x"], version: bet.version }, "ed@x")).rejects.toMatchObject({ code: "conflict" });
    await curation.bestBets.delete(bet.id, "ed@x");
    expect(await curation.bestBets.list()).toEqual([]);
  });

  it("stores a vocabulary past one multi-line column in chunks and reads it back", async () => {
    const entries = Array.from({ length: 1500 }, (_, i) => ({ terms: [`synonym number ${i} for staff`, `another way to say ${i}`] }));
    const saved = await curation.vocabulary.replace({ entries }, "ed@x");
    expect(saved.entries).toEqual(entries);
    const chunks = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await harness.factory.open(SEARCH_VOCABULARY).query({ where: [{ field: "kind", equals: "chunk" }], pageSize: 100, cursor });
      chunks.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(chunks.length).toBeGreaterThan(1);
    await expect(curation.vocabulary.replace({ entries: [] }, "other@x", "0")).rejects.toMatchObject({ code: "conflict" });
    expect((await curation.vocabulary.reset("lead@x", saved.version)).isDefault).toBe(true);
  }, 60_000);

  it("logs searches by day and reports them with feedback", async () => {
    curation.searchLog.record({ query: "xylophone allowance", channel: "bot", noAnswer: true, resultCount: 2 });
    curation.searchLog.record({ query: "Xylophone allowances", channel: "message_extension", noAnswer: true, resultCount: 2 });
    await harness.factory.open(SEARCH_FEEDBACK).create({ query: "xylophone allowance", helpful: false, channel: "tab", at: new Date() });
    const report = await curation.contentGaps.report();
    expect(report.gaps[0]).toMatchObject({ searches: 2, noAnswer: 2, notHelpful: 1, channels: ["bot", "message_extension", "tab"] });
    const logged = await harness.factory.open(SEARCH_QUERIES).query({ pageSize: 10 });
    expect(logged.items.map((r) => Object.keys(r.data).sort())).toEqual([
      ["channel", "day", "noAnswer", "query", "resultCount", "week"],
      ["channel", "day", "noAnswer", "query", "resultCount", "week"],
    ]);
  }, 60_000);
});
