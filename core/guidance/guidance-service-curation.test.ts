import type { AuditLog } from "../audit/audit-event";
import type { Clock } from "../shared/clock";
import type { Pin } from "./best-bets/best-bet-service";
import { GuidanceService } from "./guidance-service";
import type { GuidancePage, SearchHit } from "./page";
import type { FeedbackStore, GuidancePages, GuidanceSearchEngine, SearchAnswer } from "./ports";
import type { LoggedSearch } from "./search-log/search-log";

// The service is real; the engine, pages and curation parts are fakes of core's own ports.

const page = (id: string, text: string): GuidancePage => ({ id, title: `Title of ${id}`, headings: [], text, body: { markdown: text }, origin: "test", contentHash: id, updatedAt: new Date(0) });
const hit = (id: string, score: number): SearchHit => ({ id, title: `Title of ${id}`, snippet: `engine snippet for ${id}`, score });

function setup(answer: SearchAnswer, pins: Pin[] = []) {
  const pages = new Map([
    ["a.md", page("a.md", "Page a.")],
    ["b.md", page("b.md", "Page b.")],
    ["pinned.md", page("pinned.md", `The opening of the pinned page ${"and more words ".repeat(30)}`)],
  ]);
  const store: GuidancePages = { get: async (id) => pages.get(id), fingerprints: async () => new Map(), apply: async () => undefined, count: async () => pages.size };
  const engine: GuidanceSearchEngine = { search: async () => answer.hits, answer: async () => answer };
  const logged: LoggedSearch[] = [];
  let freshness = 0;
  const service = new GuidanceService({
    pages: store,
    engine,
    feedback: {} as FeedbackStore,
    audit: {} as AuditLog,
    clock: { now: () => new Date() } as Clock,
    bestBets: { pinsFor: async () => pins },
    vocabulary: { ensureFresh: async () => void freshness++ },
    searchLog: { record: (s) => void logged.push(s) },
  });
  return { service, logged, freshness: () => freshness, pages };
}

describe("GuidanceService.search with curation", () => {
  it("puts pinned pages first, marked, not repeated, keeping the engine's snippet when it ranked the page", async () => {
    const { service } = setup({ hits: [hit("a.md", 9), hit("b.md", 5)], noAnswer: false }, [{ pageId: "b.md", bestBetId: "1" }]);
    const { results } = await service.search("question");
    expect(results).toEqual([{ ...hit("b.md", 5), pinned: true }, hit("a.md", 9)]);
  });

  it("shows a pinned page search did not rank with its opening text, and then there is an answer", async () => {
    const { service } = setup({ hits: [hit("a.md", 1)], noAnswer: true }, [{ pageId: "pinned.md", bestBetId: "1" }]);
    const response = await service.search("question");
    expect(response.results[0]).toMatchObject({ id: "pinned.md", pinned: true, score: 0 });
    expect(response.results[0]!.snippet).toMatch(/^The opening of the pinned page .*…$/);
    expect(response.results[0]!.snippet.length).toBeLessThanOrEqual(201);
    expect(response.noAnswer).toBe(false);
    expect(response.nextSteps).toBeUndefined();
  });

  it("skips a pin whose page was removed, and keeps results within top", async () => {
    const { service } = setup({ hits: [hit("a.md", 9), hit("b.md", 5)], noAnswer: false }, [
      { pageId: "gone.md", bestBetId: "1" },
      { pageId: "pinned.md", bestBetId: "2" },
    ]);
    const { results } = await service.search("question", { top: 2 });
    expect(results.map((r) => [r.id, r.pinned])).toEqual([
      ["pinned.md", true],
      ["a.md", undefined],
    ]);
  });

  it("with a security-trimmed engine (Microsoft Search as the user), pins only pages that engine returned", async () => {
    const { service } = setup({ hits: [hit("a.md", 1)], noAnswer: false }, [
      { pageId: "pinned.md", bestBetId: "1" },
      { pageId: "a.md", bestBetId: "2" },
    ]);
    const trimmed: GuidanceSearchEngine = { search: async () => [hit("a.md", 1)], answer: async () => ({ hits: [hit("a.md", 1)], noAnswer: true }) };
    const response = await service.search("question", { engine: trimmed });
    expect(response.results).toEqual([{ ...hit("a.md", 1), pinned: true }]);
    expect(response.noAnswer).toBe(false);
    const unpinned = await service.search("question", { engine: { search: async () => [], answer: async () => ({ hits: [], noAnswer: true }) } });
    expect(unpinned.results).toEqual([]);
    expect(unpinned.noAnswer).toBe(true);
  });

  it("gives next steps only when nothing answers", async () => {
    const none = await setup({ hits: [hit("a.md", 1)], noAnswer: true }).service.search("my laptop is broken");
    expect(none.noAnswer).toBe(true);
    expect(none.nextSteps?.[0]?.label).toMatch(/IT service desk/);
    const answered = await setup({ hits: [hit("a.md", 1)], noAnswer: false }).service.search("my laptop is broken");
    expect(answered.nextSteps).toBeUndefined();
  });

  it("logs staff channels' searches with only what the report needs, never the CLI's", async () => {
    const { service, logged, freshness } = setup({ hits: [hit("a.md", 9)], noAnswer: false });
    await service.search("  annual leave  ", { channel: "bot" });
    await service.search("annual leave", { channel: "cli" });
    await service.search("annual leave");
    expect(logged).toEqual([{ query: "annual leave", channel: "bot", noAnswer: false, resultCount: 1, topPageId: "a.md" }]);
    expect(freshness()).toBe(3);
  });
});
