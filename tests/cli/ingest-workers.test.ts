import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createSqliteHub, readDocuments, WORKER_MIN_BATCH } from "../../store";
import { compileProject } from "../support/compile-project";

// `hub ingest` parses the HTML pages of large folders on worker threads (the compiled
// dist/store/parse-pool/parse-worker.js) and their Markdown in-thread. The pages it writes must be exactly those of
// an in-thread ingest, in the same order, and the process must still exit on its own when the ingest is done.

const ROOT = resolve(__dirname, "..", "..");
const HUB = join(ROOT, "bin", "hub.js");
const ENTRY = join(ROOT, "dist", "teams-app", "cli", "main.js");
// Four in five pages are HTML, so a 500-document batch holds enough of them to go to the workers, and there are
// two batches: the first is parsed in-thread while the workers start.
const PAGES = WORKER_MIN_BATCH * 3 + 37;

let work: string;

beforeAll(() => {
  compileProject(ENTRY);
  work = mkdtempSync(join(tmpdir(), "hub-ingest-workers-"));
  for (let i = 0; i < PAGES; i++) {
    const dir = join(work, "pages", `team-${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const content =
      i % 5 !== 4
        ? `<html><head><title>Notice ${i}</title></head><body><main><h1>Notice ${i}</h1><p>Bins &amp; recycling ${i}.</p></main></body></html>`
        : `---\ntitle: Policy ${i}\nkeywords: [policy, p${i}]\n---\n# Policy ${i}\n\nStaff *may* claim [expenses](https://example.org/${i}).\n\n- one\n- two ${i}\n\n| A | B |\n|---|---|\n| ${i} | y |\n\n<p onclick="x()">raw ${i}</p>\n`;
    writeFileSync(join(dir, `page-${String(i).padStart(4, "0")}.${i % 5 !== 4 ? "html" : "md"}`), content);
  }
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every page row, in insertion order. */
async function rows(dataDir: string): Promise<unknown[]> {
  const hub = createSqliteHub(dataDir);
  try {
    return hub.db.prepare("SELECT rowid, * FROM guidance_page ORDER BY rowid").all();
  } finally {
    await hub.close();
  }
}

describe("hub ingest on a large folder", () => {
  it("writes byte for byte the pages of an in-thread ingest, in the same order, and exits by itself", async () => {
    const folder = join(work, "pages");
    const cliData = join(work, "cli-data");
    const started = Date.now();
    const result = spawnSync(process.execPath, [HUB, "ingest", folder, "--origin", "big"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: cliData, NODE_ENV: "test" },
      timeout: 60_000,
    });
    // Only progress lines (one per 500 documents): no warnings, no errors.
    expect(result.stderr).toMatch(/^(ingesting: \d+ documents \(\d+ pages\/s\)\n)*$/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`seen=${PAGES} added=${PAGES} updated=0 unchanged=0 removed=0 failed=0`);
    expect(Date.now() - started).toBeLessThan(60_000);

    const inThreadData = join(work, "in-thread-data");
    mkdirSync(inThreadData);
    const hub = createSqliteHub(inThreadData);
    const report = await hub.guidance.ingest("big", readDocuments(folder), { actor: "cli" });
    await hub.close();
    expect(report.failed).toEqual([]);

    const viaCli = await rows(cliData);
    expect(viaCli).toHaveLength(PAGES);
    expect(JSON.stringify(viaCli)).toBe(JSON.stringify(await rows(inThreadData)));
  });
});
