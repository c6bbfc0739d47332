import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { addDays, COLLECTIONS, councilDayOf, retentionCutoff, SEARCH_FEEDBACK, SEARCH_QUERIES, weekStartOf, type AuditEvent, type RecordStoreFactory } from "../../core";
import { createSqliteHub, type SqliteHub } from "../../store";
import type { CliContext } from "../../teams-app/cli";
import { createPurgeQueriesCommand } from "../../teams-app/cli/purge-queries-command";
import { loadConfig } from "../../teams-app/config";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";
import { compileProject } from "../support/compile-project";

// `hub purge-queries` as the IT team runs it: the real binary as a child process against a temp DATA_DIR, with the
// query log and feedback written beforehand through the store and read back afterwards, as separate processes would.
// Under STORE=sharepoint the same command runs against the SharePoint fake (the HTTP boundary is the only fake part).

const ROOT = resolve(__dirname, "..", "..");
const HUB = join(ROOT, "bin", "hub.js");
const ENTRY = join(ROOT, "dist", "teams-app", "cli", "main.js");

let work: string;
let dataDir: string;

beforeAll(() => {
  compileProject(ENTRY);
}, 180_000);

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hub-purge-queries-"));
  dataDir = join(work, "data");
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function hub(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [HUB, "purge-queries", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test" }, timeout: 30_000 });
}

/** Opens the store in DATA_DIR as another process would, and closes it after. */
async function withStore<T>(use: (store: SqliteHub) => Promise<T>): Promise<T> {
  const store = createSqliteHub(dataDir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

const today = (): string => councilDayOf(new Date());

/** Writes logged searches (question and day) and feedback questions. */
async function seed(records: RecordStoreFactory, queries: ReadonlyArray<readonly [string, string]>, feedback: readonly string[]): Promise<void> {
  await records.open(SEARCH_QUERIES).createMany(queries.map(([query, day]) => ({ query, channel: "tab", noAnswer: true, resultCount: 0, day, week: weekStartOf(day) })));
  await records.open(SEARCH_FEEDBACK).createMany(feedback.map((query) => ({ query, helpful: false, channel: "bot", at: new Date() })));
}

/** What is left: questions of the log and of feedback, each sorted. */
async function left(records: RecordStoreFactory): Promise<{ queries: string[]; feedback: string[] }> {
  const queries = await records.open(SEARCH_QUERIES).query({ pageSize: 1000 });
  const feedback = await records.open(SEARCH_FEEDBACK).query({ pageSize: 1000 });
  return { queries: queries.items.map((r) => r.data.query).sort(), feedback: feedback.items.map((r) => r.data.query).sort() };
}

const QUESTIONS = ["Grievance about JO BLOGGS", "did jo  bloggs approve my leave", "jo blog", "annual leave"];
const FEEDBACK = ["why jo\tbloggs got the job", "parking permits"];

describe("hub purge-queries on SQLite", () => {
  it("deletes the questions past retention and keeps the rest, auditing the count", async () => {
    const keptFrom = retentionCutoff(new Date());
    await withStore(async (store) => {
      await seed(store.records, [["asked long ago", "2020-03-02"], ["asked the day before", addDays(keptFrom, -1)], ["asked the first day kept", keptFrom], ["asked today", today()]], ["feedback today"]);
      // Feedback is kept as long as the questions it is about, and dated by day as it is stored.
      const given = (query: string, day: string) => ({ query, helpful: false, channel: "bot" as const, at: new Date(`${day}T00:00:00.000Z`) });
      await store.records.open(SEARCH_FEEDBACK).createMany([given("feedback the day before", addDays(keptFrom, -1)), given("feedback the first day kept", keptFrom)]);
    });

    const result = hub([]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Deleted 2 logged search questions and 1 feedback answer from before ${keptFrom} (kept 13 months).\nremoved=2 feedback=1\n`);
    await withStore(async (store) => {
      expect(await left(store.records)).toEqual({ queries: ["asked the first day kept", "asked today"], feedback: ["feedback the first day kept", "feedback today"] });
      expect(await store.audit.recent(5)).toEqual([
        expect.objectContaining({ actor: "cli", action: "search-log.expired-purged", target: "search-queries,search-feedback", detail: { removed: 2, feedbackRemoved: 1, keptFrom, retentionMonths: 13 } }),
      ]);
    });
    expect(hub([]).stdout).toContain("removed=0 feedback=0");
  });

  it("counts on a dry run without deleting, then deletes every question and feedback answer holding the text", async () => {
    await withStore((store) => seed(store.records, QUESTIONS.map((q) => [q, today()] as const), FEEDBACK));

    const dry = hub(["--containing", "Jo Bloggs", "--dry-run"]);

    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe("Would delete 2 logged search questions and 1 feedback answer holding the text (dry run: nothing deleted).\nqueries=2 feedback=1 dryRun=true\n");
    await withStore(async (store) => expect(await left(store.records)).toEqual({ queries: [...QUESTIONS].sort(), feedback: [...FEEDBACK].sort() }));

    const purge = hub(["--containing", "Jo Bloggs"]);

    expect(purge.stderr).toBe("");
    expect(purge.status).toBe(0);
    expect(purge.stdout).toBe("Deleted 2 logged search questions and 1 feedback answer holding the text.\nqueries=2 feedback=1 dryRun=false\n");
    expect(purge.stdout).not.toMatch(/bloggs/i);
    await withStore(async (store) => {
      expect(await left(store.records)).toEqual({ queries: ["annual leave", "jo blog"], feedback: ["parking permits"] });
      const events = await store.audit.recent(5);
      expect(events).toEqual([
        expect.objectContaining({ actor: "cli", action: "search-log.text-purged", detail: { queries: 2, feedback: 1, textLength: 9, dryRun: false } }),
        expect.objectContaining({ actor: "cli", action: "search-log.text-purge-counted", detail: { queries: 2, feedback: 1, textLength: 9, dryRun: true } }),
      ]);
      expect(JSON.stringify(events)).not.toMatch(/bloggs/i);
    });
  });

  it.each([
    [["--containing", " a "], /at least 3 characters/],
    [["--containing", "a b"], /at least 3 characters/],
    [["--dry-run"], /--dry-run goes with --containing/],
    [["jo", "bloggs"], /no positional arguments/],
    [["--containing"], /argument missing/],
    [["--older-than", "30"], /--older-than/],
  ])("refuses %j with usage on stderr and exit 2, touching no store", (args, message) => {
    const result = hub(args);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: hub purge-queries");
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe("hub purge-queries on SharePoint lists (STORE=sharepoint)", () => {
  let testbed: SharePointTestbed;
  let records: RecordStoreFactory;

  beforeEach(async () => {
    testbed = await startSharePointTestbed();
    records = testbed.factory((await testbed.provision(COLLECTIONS)).listIds);
    await seed(records, [...QUESTIONS.map((q) => [q, today()] as const), ["jo bloggs, long ago", "2020-03-02"]], FEEDBACK);
  }, 60_000);
  afterEach(() => testbed.close());

  /** One `hub purge-queries` "process" on the SharePoint lists, with its own local store for the audit trail. */
  async function purge(args: string[]): Promise<{ code: number; stdout: string; events: AuditEvent[] }> {
    const config = loadConfig({
      DATA_DIR: dataDir,
      STORE: "sharepoint",
      SHAREPOINT_SITE: testbed.siteId,
      GRAPH_BASE_URL: testbed.fake.baseUrl,
      ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111",
      ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
      SECRET_ENTRA_CLIENT_SECRET: "not-used-the-client-is-injected",
    });
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    let store: SqliteHub | undefined;
    // What runCli does: the local store in DATA_DIR, opened on first use.
    const ctx: CliContext = { io: { stdin: new PassThrough(), stdout, stderr: new PassThrough(), stderrIsTTY: false }, openHub: () => (store ??= createSqliteHub(config.dataDir)) };
    try {
      const code = await createPurgeQueriesCommand({ createClient: () => testbed.client, loadConfig: () => config }).run(args, ctx);
      return { code, stdout: chunks.join(""), events: await ctx.openHub().audit.recent(5) };
    } finally {
      await store?.close();
    }
  }

  it("deletes from the lists the host uses, and audits in the local store", async () => {
    const expired = await purge([]);
    expect(expired).toMatchObject({ code: 0, stdout: expect.stringContaining("removed=1") });
    const text = await purge(["--containing", "JO BLOGGS"]);
    expect(text).toMatchObject({ code: 0, stdout: expect.stringContaining("queries=2 feedback=1 dryRun=false") });

    expect(await left(records)).toEqual({ queries: ["annual leave", "jo blog"], feedback: ["parking permits"] });
    expect(text.events.map((e) => e.action)).toEqual(["search-log.text-purged", "search-log.expired-purged"]);
    // No SQLite copy of the lists was written to: the records were SharePoint's.
    await withStore(async (store) => expect(await left(store.records)).toEqual({ queries: [], feedback: [] }));
  }, 60_000);
});
