import { CouncilSearchEngine, parseDocument, parseQuery, type GuidancePage } from "../../core";
import { IndexedGuidance } from "../guidance-engine/indexed-guidance";
import { openDatabase } from "../sqlite-database";
import { SqliteGuidance } from "../sqlite-guidance";
import { shippedWordVectors } from "./shipped-word-vectors";

// The engine as the hub runs it: with the shipped word vectors (core's own engine tests run without them).
const page = (id: string, markdown: string): GuidancePage => parseDocument({ id, content: markdown }, "test", new Date("2025-06-01T12:00:00Z"));
const engineWith = (pages: readonly GuidancePage[], meaningWeight?: number): CouncilSearchEngine => {
  const engine = new CouncilSearchEngine({ wordVectors: shippedWordVectors(), ...(meaningWeight === undefined ? {} : { ranking: { meaningWeight } }) });
  for (const p of pages) engine.upsert(p);
  return engine;
};
const ask = (engine: CouncilSearchEngine, text: string) => engine.answerNow(parseQuery(text, 10));
const first = (engine: CouncilSearchEngine, text: string) => ask(engine, text).hits[0]?.id;

// The same text under two titles: words alone cannot tell them apart, so meaning decides.
const BODY = "\n\nMy laptop charger broke? Ask the service desk, who keep spares.\n";
const gadgets = page("it/gadgets.md", "# Gadgets" + BODY);
const holidays = page("hr/holidays.md", "# Holidays" + BODY);
const QUESTION = "laptop charger broke";

describe("search with the shipped word vectors", () => {
  it("puts the page whose title is closest in meaning to the question first, whichever was added first", () => {
    expect(first(engineWith([holidays, gadgets]), QUESTION)).toBe("it/gadgets.md");
    expect(first(engineWith([gadgets, holidays]), QUESTION)).toBe("it/gadgets.md");
    // By words alone the two tie, and the order they were added in decides.
    expect(first(engineWith([holidays, gadgets], 0), QUESTION)).toBe("hr/holidays.md");
  });

  it("keeps a page tagged with exactly the question first", () => {
    const hrLinks = page("tools/hr-links.md", "---\ntitle: HR Links\nkeywords: \"pay, time sheets, leave\"\n---\nThe HR system: leave, pay and your time sheets in one place.\n");
    const reminders = page("tools/payroll-calendar.md", "# Payroll calendar\n\n## Time sheets\n\nSubmit time sheets by Friday. Late time sheets delay pay for everyone on the payroll.\n");
    expect(first(engineWith([reminders, hrLinks]), "time sheets")).toBe("tools/hr-links.md");
    expect(first(engineWith([reminders, hrLinks]), "time sheets due friday")).toBe("tools/payroll-calendar.md");
  });

  it("does not let framing words ('what happens now') pull a title that shares them", () => {
    const probation = page("hr/probation.md", "# Probation\n\nIf you fail probation, your line manager meets you to agree an extension or to end your employment.\n");
    const updates = page("news/updates.md", "# What happens next\n\nRight now the team is going to tell you what happens with the new building.\n");
    expect(first(engineWith([updates, probation]), "failed my probation what happens now")).toBe("hr/probation.md");
  });

  it("says 'no answer' exactly when ranking by words alone would", () => {
    const library = [gadgets, holidays, page("it/passwords.md", "# Password requirements\n\nPasswords must be at least twelve characters.\n")];
    for (const question of ["what time does the canteen close", QUESTION, "password rules", "charger", "my council laptop"]) {
      expect(ask(engineWith(library), question).noAnswer).toBe(ask(engineWith(library, 0), question).noAnswer);
    }
  });

  it("is what the hub's page store searches with", async () => {
    const db = openDatabase(":memory:");
    try {
      const store = new IndexedGuidance(new SqliteGuidance(db));
      await store.apply({ upserts: [holidays, gadgets], removals: [] });
      await store.load();
      const answer = await store.answer(parseQuery(QUESTION, 10));
      expect(answer.hits[0]?.id).toBe("it/gadgets.md");
    } finally {
      db.close();
    }
  });
});
