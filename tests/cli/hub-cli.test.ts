import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compileProject } from "../support/compile-project";

// Runs the real `hub` binary as a child process against a temp DATA_DIR and a temp folder of our own pages.

const ROOT = resolve(__dirname, "..", "..");
const HUB = join(ROOT, "bin", "hub.js");
const ENTRY = join(ROOT, "dist", "teams-app", "cli", "main.js");

let work: string;
let dataDir: string;
let pages: string;

function hub(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [HUB, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test" },
    timeout: 30_000,
  });
}

function write(path: string, content: string): void {
  mkdirSync(join(pages, path, ".."), { recursive: true });
  writeFileSync(join(pages, path), content);
}

/** The counts line of the ingest summary, as numbers. */
function counts(stdout: string): Record<string, number> {
  const line = stdout.split("\n").find((l) => l.startsWith("seen="));
  if (!line) throw new Error(`no summary in: ${stdout}`);
  return Object.fromEntries(line.split(" ").map((pair) => pair.split("=")).map(([k, v]) => [k, Number(v)]));
}

beforeAll(() => {
  compileProject(ENTRY);
  work = mkdtempSync(join(tmpdir(), "hub-cli-"));
  dataDir = join(work, "data");
  pages = join(work, "pages");
  write("hr/annual-leave.md", "---\ntitle: Annual leave\n---\n## How to book\n\nYou can claim annual leave in the HR portal. Carry over up to five days.\n");
  write("hr/sickness.md", "# Sickness absence\n\nPhone your line manager before 10am on the first day.\n");
  write("it/password-reset.md", "# Reset your password\n\nUse the self-service password page or call the IT service desk.\n");
  write("it/vpn.html", "<html><head><title>Remote access (VPN)</title></head><body><main><h1>Remote access</h1><p>Connect to the VPN with your smartcard.</p></main></body></html>");
  write("notes.txt", "not a page");
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("hub CLI", () => {
  it("ingests a folder and prints a summary", () => {
    const result = hub(["ingest", pages]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Ingested ${pages}`);
    expect(counts(result.stdout)).toMatchObject({ seen: 4, added: 4, updated: 0, unchanged: 0, removed: 0, failed: 0 });
    expect(counts(result.stdout)["pages/s"]).toBeGreaterThan(0);
  });

  it("searches with a readable list by default", () => {
    const result = hub(["search", "claiming", "leave"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^1\. Annual leave$/m);
    expect(result.stdout).toContain("hr/annual-leave.md");
    expect(result.stdout).toMatch(/score -?\d/);
    expect(result.stdout).toContain("**claim**");
  });

  it("prints one JSON object with --json", () => {
    const result = hub(["search", "smartcard", "--json", "--top", "3"]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const body = JSON.parse(result.stdout) as { query: string; results: Array<Record<string, unknown>>; tookMs: number };
    expect(Object.keys(body)).toEqual(["query", "results", "tookMs"]);
    expect(body.query).toBe("smartcard");
    expect(body.tookMs).toEqual(expect.any(Number));
    expect(body.results).toHaveLength(1);
    expect(Object.keys(body.results[0]!)).toEqual(["id", "title", "score", "snippet"]);
    expect(body.results[0]).toMatchObject({ id: "it/vpn.html", title: "Remote access (VPN)", score: expect.any(Number), snippet: expect.stringContaining("**smartcard**") });
  });

  it("answers one JSON line per stdin query, with an error line for a query it cannot run", () => {
    const result = hub(["search", "--stdin", "--json"], "annual leave\n\n   \n?!*\nvpn\n");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const [leave, punctuation, vpn] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(leave!)).toEqual(["query", "results", "tookMs"]);
    expect(leave).toMatchObject({ query: "annual leave", results: [expect.objectContaining({ id: "hr/annual-leave.md" })] });
    expect(Object.keys(punctuation!)).toEqual(["query", "results", "tookMs", "error"]);
    expect(punctuation).toEqual({ query: "?!*", results: [], tookMs: 0, error: expect.stringMatching(/punctuation/) });
    expect(vpn).toMatchObject({ query: "vpn", results: [expect.objectContaining({ id: "it/vpn.html" })] });
    for (const hit of (leave!.results as Array<Record<string, unknown>>)) expect(Object.keys(hit)).toEqual(["id", "title", "score", "snippet"]);
  });

  it("re-ingest updates a changed page and removes a deleted one", () => {
    write("hr/sickness.md", "# Sickness absence\n\nPhone your line manager before 9am on the first day, or use the app.\n");
    unlinkSync(join(pages, "it/password-reset.md"));
    const result = hub(["ingest", pages]);
    expect(result.status).toBe(0);
    expect(counts(result.stdout)).toMatchObject({ seen: 3, added: 0, updated: 1, unchanged: 2, removed: 1, failed: 0 });

    const gone = JSON.parse(hub(["search", "password", "--json"]).stdout) as { results: unknown[] };
    expect(gone.results).toEqual([]);
    const changed = JSON.parse(hub(["search", "9am", "--json"]).stdout) as { results: Array<{ id: string }> };
    expect(changed.results.map((r) => r.id)).toEqual(["hr/sickness.md"]);
  });

  it("reports a refused query on stderr with exit 1 and no stack trace", () => {
    const result = hub(["search", "!!!"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/punctuation/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a missing folder with exit 1", () => {
    const result = hub(["ingest", join(work, "no-such-folder")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/was not found/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints usage on stderr with exit 2 for an unknown command or option", () => {
    const unknown = hub(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect(unknown.stderr).toMatch(/Usage: hub <command>/);

    const badOption = hub(["search", "leave", "--colour"]);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toMatch(/--colour/);
  });

  it("prints help on stdout with exit 0", () => {
    for (const args of [["help"], ["--help"]]) {
      const result = hub(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Usage: hub <command>/);
      expect(result.stdout).toMatch(/ingest/);
    }
    expect(hub(["search", "--help"]).stdout).toMatch(/--stdin/);
  });

  it("lists an empty directory helpfully", () => {
    const result = hub(["users"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/hub seed/);
  });
});
