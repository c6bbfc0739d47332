import { councilDayOf, SEARCH_FEEDBACK, SEARCH_QUERIES, VOCABULARY_REFRESH_MS } from "../../core";
import { createSqliteHub } from "../../store";
import { startTestHub, type TestHub } from "../support/test-hub";

interface ErrorBody {
  error: { code: string; message: string };
}
interface SearchBody {
  query: string;
  results: Array<{ id: string; title: string; snippet: string; score: number; pinned?: true }>;
  noAnswer?: boolean;
  nextSteps?: Array<{ label: string; detail: string; url?: string }>;
}
interface BestBetBody {
  id: string;
  pageId: string;
  pageTitle: string;
  triggers: string[];
  match: string;
  note?: string;
  createdBy: string;
  updatedAt: string;
  expiresAt?: string;
  version: string;
}
interface VocabularyBody {
  entries: Array<{ terms: string[]; broader?: string[] }>;
  updatedAt?: string;
  updatedBy?: string;
  isDefault: boolean;
  version: string;
}

const OLIVIA = "olivia.grant@example-council.gov.uk"; // comms editor and lead
const CHLOE = "chloe.williams@example-council.gov.uk"; // comms editor
const FATIMA = "fatima.hussain@example-council.gov.uk"; // admin
const ALEX = "alex.morgan@example-council.gov.uk"; // plain staff

describe("Search curation API", () => {
  let hub: TestHub;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    hub = await startTestHub();
    for (const upn of [OLIVIA, CHLOE, FATIMA, ALEX]) tokens.set(upn, await hub.tokenFor(upn));
  });
  afterAll(() => hub.stop());

  const call = (method: string, path: string, as: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${hub.baseUrl}/api/guidance${path}`, {
      method,
      headers: { ...(as ? { authorization: `Bearer ${tokens.get(as)}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const search = async (q: string, as = ALEX): Promise<SearchBody> => {
    const res = await call("GET", `/search?q=${encodeURIComponent(q)}`, as);
    expect(res.status).toBe(200);
    return (await res.json()) as SearchBody;
  };
  const auditActions = async (action: string) => (await hub.services.audit.recent(500)).filter((e) => e.action === action);

  describe("who may curate", () => {
    // Every row has a body slot (undefined for none): a jest.each row shorter than the test's parameters makes the
    // last parameter a `done` callback, and the test waits for it forever.
    const routes: Array<[string, string, unknown]> = [
      ["GET", "/vocabulary", undefined],
      ["PUT", "/vocabulary", { entries: [] }],
      ["POST", "/vocabulary/reset", {}],
      ["GET", "/best-bets", undefined],
      ["POST", "/best-bets", { pageId: "hr/annual-leave.md", triggers: ["holiday"] }],
      ["PUT", "/best-bets/1", { pageId: "hr/annual-leave.md", triggers: ["holiday"] }],
      ["DELETE", "/best-bets/1", undefined],
      ["GET", "/report", undefined],
      ["GET", "/report.csv", undefined],
    ];

    it.each(routes)("%s %s needs a token (401)", async (method, path, body) => {
      const res = await call(method, path, undefined, body);
      expect(res.status).toBe(401);
    });

    it.each(routes)("%s %s is refused to plain staff (403)", async (method, path, body) => {
      const res = await call(method, path, ALEX, body);
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
    });

    it("reads a large vocabulary body only from a signed-in caller: without a token it is refused before parsing", async () => {
      // Malformed JSON shows whether the body was parsed: parsed first, it would be a 400; checked first, a 401.
      const big = "{" + " ".repeat(1_000_000);
      const unsigned = await fetch(`${hub.baseUrl}/api/guidance/vocabulary`, { method: "PUT", headers: { "content-type": "application/json" }, body: big });
      expect(unsigned.status).toBe(401);
      const signed = await fetch(`${hub.baseUrl}/api/guidance/vocabulary`, { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${tokens.get(OLIVIA)}` }, body: big });
      expect(signed.status).toBe(400);
      // Other routes keep the small limit.
      const elsewhere = await call("POST", "/feedback", ALEX, undefined, { "content-type": "application/json" });
      expect(elsewhere.status).toBe(400);
      const tooBig = await fetch(`${hub.baseUrl}/api/guidance/feedback`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tokens.get(ALEX)}` }, body: JSON.stringify({ query: "x".repeat(300_000), helpful: true }) });
      expect(tooBig.status).toBe(413);
    });

    it.each([OLIVIA, CHLOE, FATIMA])("lets %s read the vocabulary, best bets and report", async (upn) => {
      for (const path of ["/vocabulary", "/best-bets", "/report"]) expect((await call("GET", path, upn)).status).toBe(200);
    });
  });

  describe("vocabulary", () => {
    const NONSENSE = "zorblax"; // a word no page uses, so only the vocabulary can connect it to annual leave

    it("starts at the shipped default", async () => {
      const res = await call("GET", "/vocabulary", CHLOE);
      expect(res.status).toBe(200);
      const body = (await res.json()) as VocabularyBody;
      expect(body.isDefault).toBe(true);
      expect(body.version).toBe("0");
      expect(body.entries.length).toBeGreaterThan(50);
      expect(body.entries.some((e) => e.terms.includes("annual leave"))).toBe(true);
    });

    it("saves an edit that the next search uses, audited, and refuses a stale version (409)", async () => {
      expect((await search(NONSENSE)).results.some((r) => r.id === "hr/annual-leave.md")).toBe(false);
      const current = (await (await call("GET", "/vocabulary", OLIVIA)).json()) as VocabularyBody;
      const entries = [...current.entries, { terms: [` ${NONSENSE} `, "annual leave", "Annual Leave"] }];
      const res = await call("PUT", "/vocabulary", OLIVIA, { entries, version: current.version });
      expect(res.status).toBe(200);
      const saved = (await res.json()) as VocabularyBody;
      expect(saved).toMatchObject({ isDefault: false, updatedBy: OLIVIA, version: "1" });
      expect(new Date(saved.updatedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
      // Normalised: trimmed, duplicates (case-insensitive) dropped.
      expect(saved.entries.at(-1)).toEqual({ terms: [NONSENSE, "annual leave"] });

      expect((await search(NONSENSE)).results[0]?.id).toBe("hr/annual-leave.md");
      expect(await auditActions("search.vocabulary.updated")).toEqual([expect.objectContaining({ actor: OLIVIA, target: "search-vocabulary" })]);

      const stale = await call("PUT", "/vocabulary", CHLOE, { entries: current.entries, version: current.version });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as ErrorBody).error.code).toBe("conflict");
      const staleHeader = await call("PUT", "/vocabulary", CHLOE, { entries: current.entries }, { "if-match": `"${current.version}"` });
      expect(staleHeader.status).toBe(409);
      expect((await search(NONSENSE)).results[0]?.id).toBe("hr/annual-leave.md");
    });

    it("reaches another instance on the same store within the refresh interval", async () => {
      let now = Date.now();
      const other = createSqliteHub(hub.config.dataDir, { now: () => new Date(now) });
      try {
        const before = await other.guidance.search("quibbleflax");
        expect(before.results.some((r) => r.id === "hr/pensions-lgps.md")).toBe(false);
        const { entries, version } = (await (await call("GET", "/vocabulary", OLIVIA)).json()) as VocabularyBody;
        expect((await call("PUT", "/vocabulary", OLIVIA, { entries: [...entries, { terms: ["quibbleflax", "pension"] }], version })).status).toBe(200);
        // Within the interval the other instance still searches with what it loaded...
        expect((await other.guidance.search("quibbleflax")).results.some((r) => r.id === "hr/pensions-lgps.md")).toBe(false);
        // ...after it, a search starts a refresh in the background and the next one has the edit.
        now += VOCABULARY_REFRESH_MS;
        await other.guidance.search("quibbleflax");
        await other.searchCuration.vocabulary.ensureFresh();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await other.guidance.search("quibbleflax")).results[0]?.id).toBe("hr/pensions-lgps.md");
      } finally {
        await other.close();
      }
    });

    it("resets to the shipped default, audited", async () => {
      const res = await call("POST", "/vocabulary/reset", FATIMA, {});
      expect(res.status).toBe(200);
      const body = (await res.json()) as VocabularyBody;
      expect(body).toMatchObject({ isDefault: true, updatedBy: FATIMA });
      expect(body.entries.some((e) => e.terms.includes(NONSENSE))).toBe(false);
      expect((await search(NONSENSE)).results.some((r) => r.id === "hr/annual-leave.md")).toBe(false);
      expect(await auditActions("search.vocabulary.reset")).toEqual([expect.objectContaining({ actor: FATIMA })]);
    });

    it.each([
      ["no entries", {}, /entries/],
      ["too many entries", { entries: Array.from({ length: 5001 }, (_, i) => ({ terms: [`a${i}`, `b${i}`] })) }, /5000/],
      ["a term over 100 characters", { entries: [{ terms: ["ok", "x".repeat(101)] }] }, /100/],
      ["too many terms", { entries: [{ terms: Array.from({ length: 21 }, (_, i) => `t${i}`) }] }, /20/],
      ["a blank term", { entries: [{ terms: ["ok", "   "] }] }, /blank/],
      ["terms not a list", { entries: [{ terms: "holiday" }] }, /terms/],
    ])("refuses %s with 400", async (_label, body, message) => {
      const res = await call("PUT", "/vocabulary", OLIVIA, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    });
  });

  describe("best bets", () => {
    it("pins a page for a phrase, normalised (Holidays ≈ holiday), first and once, and says there is an answer", async () => {
      const res = await call("POST", "/best-bets", CHLOE, { pageId: "hr/flexi-time.md", triggers: ["holiday", " holiday "], note: "Campaign week" });
      expect(res.status).toBe(201);
      const bet = (await res.json()) as BestBetBody;
      expect(bet).toMatchObject({ pageId: "hr/flexi-time.md", triggers: ["holiday"], match: "phrase", note: "Campaign week", createdBy: CHLOE });
      expect(bet.pageTitle.toLowerCase()).toContain("flexi");

      const found = await search("Holidays for part-time staff?");
      expect(found.results[0]).toMatchObject({ id: "hr/flexi-time.md", pinned: true });
      expect(found.results.filter((r) => r.id === "hr/flexi-time.md")).toHaveLength(1);
      expect(found.results.slice(1).every((r) => r.pinned === undefined)).toBe(true);
      expect(found.noAnswer).toBe(false);
      expect(found.nextSteps).toBeUndefined();
      expect(await auditActions("search.best-bet.created")).toEqual([expect.objectContaining({ actor: CHLOE, target: `best-bet:${bet.id}` })]);

      const listed = (await (await call("GET", "/best-bets", OLIVIA)).json()) as { bestBets: BestBetBody[] };
      expect(listed.bestBets.map((b) => b.id)).toContain(bet.id);
    });

    it("pins a page search would not rank, with the page's opening as its snippet", async () => {
      const res = await call("POST", "/best-bets", OLIVIA, { pageId: "facilities/car-parking.html", triggers: ["hedgehog rescue"], match: "all-words" });
      expect(res.status).toBe(201);
      const bet = (await res.json()) as BestBetBody;
      const found = await search("rescue of a hedgehog");
      expect(found.results[0]).toMatchObject({ id: "facilities/car-parking.html", pinned: true });
      expect(found.results[0]!.snippet.length).toBeGreaterThan(20);
      expect(found.noAnswer).toBe(false);
      // Words in any order match "all-words", but not a question missing one of them.
      expect((await search("hedgehog food")).results[0]?.pinned).toBeUndefined();

      const changed = await call("PUT", `/best-bets/${bet.id}`, OLIVIA, { pageId: "facilities/car-parking.html", triggers: ["badger rescue"], match: "all-words", version: bet.version });
      expect(changed.status).toBe(200);
      expect(((await changed.json()) as BestBetBody).triggers).toEqual(["badger rescue"]);
      expect((await search("rescue of a hedgehog")).results[0]?.pinned).toBeUndefined();
      expect((await search("badger rescue")).results[0]).toMatchObject({ id: "facilities/car-parking.html", pinned: true });
      const stale = await call("PUT", `/best-bets/${bet.id}`, OLIVIA, { pageId: "facilities/car-parking.html", triggers: ["x"], version: bet.version });
      expect(stale.status).toBe(409);

      expect((await call("DELETE", `/best-bets/${bet.id}`, CHLOE)).status).toBe(204);
      expect((await search("badger rescue")).results[0]?.pinned).toBeUndefined();
      expect((await call("DELETE", `/best-bets/${bet.id}`, CHLOE)).status).toBe(404);
      expect(await auditActions("search.best-bet.updated")).toEqual([expect.objectContaining({ actor: OLIVIA, target: `best-bet:${bet.id}` })]);
      expect(await auditActions("search.best-bet.deleted")).toEqual([expect.objectContaining({ actor: CHLOE, target: `best-bet:${bet.id}` })]);
    });

    it("answers 404 for an unknown page or best bet", async () => {
      expect((await call("POST", "/best-bets", OLIVIA, { pageId: "hr/no-such-page.md", triggers: ["x"] })).status).toBe(404);
      expect((await call("PUT", "/best-bets/999999", OLIVIA, { pageId: "hr/annual-leave.md", triggers: ["x"] })).status).toBe(404);
      expect((await call("DELETE", "/best-bets/999999", OLIVIA)).status).toBe(404);
    });

    it.each([
      ["no pageId", { triggers: ["x"] }, /pageId/],
      ["no triggers", { pageId: "hr/annual-leave.md", triggers: [] }, /trigger/],
      ["21 triggers", { pageId: "hr/annual-leave.md", triggers: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /20/],
      ["a trigger over 100 characters", { pageId: "hr/annual-leave.md", triggers: ["x".repeat(101)] }, /100/],
      ["a trigger of punctuation only", { pageId: "hr/annual-leave.md", triggers: ["?!"] }, /words/],
      ["an unknown match", { pageId: "hr/annual-leave.md", triggers: ["x"], match: "fuzzy" }, /match/],
      ["a bad expiresAt", { pageId: "hr/annual-leave.md", triggers: ["x"], expiresAt: "next week" }, /expiresAt/],
      ["a past expiresAt", { pageId: "hr/annual-leave.md", triggers: ["x"], expiresAt: "2020-01-01T00:00:00Z" }, /future/],
    ])("refuses %s with 400", async (_label, body, message) => {
      const res = await call("POST", "/best-bets", OLIVIA, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    });
  });

  describe("no answer", () => {
    it("offers next steps only when nothing answers", async () => {
      const none = await search("how do I get a replacement laptop charger for the unicorn stables");
      if (none.noAnswer) {
        expect(none.nextSteps!.length).toBeGreaterThanOrEqual(2);
        expect(none.nextSteps!.at(-1)!.label).toMatch(/communications team/);
      }
      const answered = await search("annual leave");
      expect(answered.noAnswer).toBe(false);
      expect(answered.nextSteps).toBeUndefined();
    });
  });

  describe("query log and content-gap report", () => {
    const GAP = "xylophone tuning allowance";

    it("logs staff searches without identity or time of day, and not the CLI's", async () => {
      await hub.services.searchCuration.searchLog.flush();
      const before = await allLogged();
      await search(GAP, ALEX);
      await hub.services.guidance.search("operator check xylophone");
      await hub.services.searchCuration.searchLog.flush();
      const added = (await allLogged()).slice(before.length);
      expect(added).toHaveLength(1);
      const record = added[0]!;
      expect(Object.keys(record.data).sort()).toEqual(expect.arrayContaining(["channel", "day", "noAnswer", "query", "resultCount", "week"]));
      expect(Object.keys(record.data).every((k) => ["channel", "day", "noAnswer", "query", "resultCount", "topPageId", "week"].includes(k))).toBe(true);
      expect(record.data).toMatchObject({ query: GAP, channel: "tab", day: councilDayOf(new Date()) });
      expect(record.data.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Nor does the store's own metadata keep the time of day.
      for (const stamp of [record.createdAt, record.updatedAt]) expect(stamp.toISOString()).toMatch(/T00:00:00\.000Z$/);
      const text = JSON.stringify(Object.values(record.data)).toLowerCase();
      for (const identity of ["alex", "morgan", "@example-council", ":"]) expect(text).not.toContain(identity);
    });

    it("keeps e-mail addresses, phone, NI and long numbers typed into a question out of the log and the feedback", async () => {
      await hub.services.searchCuration.searchLog.flush();
      const before = (await allLogged()).length;
      const question = "grievance jo.bloggs@example.org 07700 900123 QQ123456C xylophone";
      await search(question);
      expect((await call("POST", "/feedback", ALEX, { query: question, helpful: false })).status).toBe(204);
      await hub.services.searchCuration.searchLog.flush();
      const logged = (await allLogged()).slice(before).map((r) => r.data.query);
      const feedback = (await hub.services.records.open(SEARCH_FEEDBACK).query({ pageSize: 1000 })).items.map((r) => r.data.query);
      for (const stored of [logged, feedback.slice(-1)]) expect(stored).toEqual(["grievance [removed] [removed] [removed] xylophone"]);
    });

    it("writes searches still buffered when the host shuts down", async () => {
      const before = (await allLogged()).length;
      const other = createSqliteHub(hub.config.dataDir);
      await other.guidance.search("buffered until shutdown", { channel: "bot" });
      await other.close();
      const added = (await allLogged()).slice(before);
      expect(added.map((r) => [r.data.query, r.data.channel])).toEqual([["buffered until shutdown", "bot"]]);
    });

    it("reports questions without a good answer, with feedback, weekly trend and CSV export", async () => {
      for (let i = 0; i < 3; i++) await search(i === 0 ? GAP : "Xylophone tuning allowances?");
      expect((await call("POST", "/feedback", ALEX, { query: GAP, helpful: false })).status).toBe(204);
      await search("=HYPERLINK(\"http://evil\") xylophone tuning quarterly");

      const res = await call("GET", "/report", OLIVIA);
      expect(res.status).toBe(200);
      const report = (await res.json()) as {
        from: string;
        to: string;
        totals: { searches: number; noAnswer: number; notHelpful: number; helpful: number };
        weeks: Array<{ weekStart: string; searches: number }>;
        gaps: Array<{ query: string; searches: number; noAnswer: number; notHelpful: number; helpful: number; lastAsked: string; channels: string[] }>;
      };
      const today = councilDayOf(new Date());
      expect(report.to).toBe(today);
      expect(report.weeks.length).toBeGreaterThanOrEqual(4);
      expect(report.weeks.every((w) => new Date(`${w.weekStart}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
      expect(report.weeks.reduce((n, w) => n + w.searches, 0)).toBe(report.totals.searches);
      expect(report.totals.notHelpful).toBeGreaterThanOrEqual(1);
      const gap = report.gaps.find((g) => g.query === GAP);
      expect(gap).toMatchObject({ searches: 4, notHelpful: 1, lastAsked: today, channels: ["tab"] });

      const csv = await call("GET", `/report.csv?from=${report.from}&to=${report.to}`, CHLOE);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="council-hub-search-gaps-${report.from}-to-${report.to}.csv"`);
      const lines = (await csv.text()).split("\r\n");
      expect(lines[0]).toBe("query,searches,no_answer,not_helpful,helpful,last_asked,channels");
      expect(lines).toContain(`${GAP},4,${gap!.noAnswer},1,0,${today},tab`);
      const injected = lines.find((l) => l.includes("hyperlink"));
      if (injected) expect(injected.startsWith(`"'=hyperlink`)).toBe(true);
    });

    it.each([
      ["from after to", "?from=2026-03-02&to=2026-03-01", /before/],
      ["a day that does not exist", "?from=2026-02-30&to=2026-03-01", /YYYY-MM-DD/],
      ["not a date", "?from=last-week", /YYYY-MM-DD/],
      ["more than a year", "?from=2024-01-01&to=2025-06-01", /366/],
      ["from given twice", "?from=2026-01-01&from=2026-01-02", /from/],
    ])("refuses %s with 400", async (_label, query, message) => {
      for (const path of ["/report", "/report.csv"]) {
        const res = await call("GET", `${path}${query}`, OLIVIA);
        expect(res.status).toBe(400);
        expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
      }
    });

    async function allLogged() {
      const store = hub.services.records.open(SEARCH_QUERIES);
      const page = await store.query({ pageSize: 1000 });
      return page.items;
    }
  });
});
