import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inThreadParser, type SourceDocument } from "../../core";
import { PARSE_CHUNK_SIZE, parseWorkerScript, WORKER_MIN_BATCH, WorkerDocumentParser } from "./worker-parser";

// The worker runs compiled JavaScript: dist/store/parse-pool/parse-worker.js, which `npm ci` (prepare) and
// `npm run build` write. Without a build the parser stays in-thread, and the worker tests below are skipped (CI
// always builds). If they fail with differing pages, dist/ is probably stale: run `npm run build`.
const script = parseWorkerScript();
const withWorkers = script ? it : it.skip;

const NOW = new Date("2025-03-01T09:00:00Z");
const MODIFIED = new Date("2024-12-24T16:30:00Z");

/**
 * A mix of what real folders hold: front matter, lists, tables, code, links, raw HTML, whole HTML pages (every
 * `htmlEvery`-th document; 1: all of them).
 */
function corpus(n: number, htmlEvery = 4): SourceDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 4;
    if (i % htmlEvery === htmlEvery - 1) {
      return { id: `site/page-${i}.html`, content: `<html><head><title>Page ${i}</title><meta name="keywords" content="a, b${i}"></head><body><main><h1>Page ${i}</h1><p>Para &amp; text ${i}<script>x()</script></p><h2>Sub</h2><ul><li>One</li></ul></main></body></html>` };
    }
    const front = kind === 0 ? `---\ntitle: Leave policy ${i}\nkeywords: [leave, holiday]\ndescription: About ${i}\n---\n` : "";
    const body = `# Heading ${i}\n\nSome *emphasis* and **strong** text with a [link](https://example.org/${i}) and \`code\`.\n\n- item one\n- item two\n  - nested ${i}\n\n| A | B |\n|---|---|\n| ${i} | x |\n\n\`\`\`\nconst x = ${i};\n\`\`\`\n\n<div onclick="evil()">raw <b>html</b></div>\n`;
    return { id: `folder/${String(i).padStart(4, "0")}-page.md`, content: front + body, ...(i % 2 === 0 ? { modifiedAt: MODIFIED } : {}) };
  });
}

describe("WorkerDocumentParser", () => {
  let parser: WorkerDocumentParser | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await parser?.close();
    parser = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  withWorkers("parses a large batch on worker threads, giving byte for byte the pages in-thread parsing gives, in order", async () => {
    parser = new WorkerDocumentParser({ workers: 2 });
    expect(parser.usesWorkers).toBe(true);
    await parser.warmUp();
    // A quarter HTML: enough HTML documents to go to the workers, with Markdown parsed here in between.
    const docs = corpus(WORKER_MIN_BATCH * 4 + 5);
    const viaWorkers = await parser.parseBatch(docs, "folder", NOW);
    expect(parser.threadCount).toBe(2);
    const inThread = await inThreadParser.parseBatch(docs, "folder", NOW);
    expect(viaWorkers).toHaveLength(docs.length);
    // A Date of the test's realm would fail instanceof under jest's sandbox; the tag is what matters.
    expect(viaWorkers.every((o) => Object.prototype.toString.call(o.page?.updatedAt) === "[object Date]")).toBe(true);
    expect(JSON.stringify(viaWorkers)).toBe(JSON.stringify(inThread));
    expect(viaWorkers).toEqual(inThread);
  });

  withWorkers("keeps small batches and Markdown in-thread: no worker is started for them", async () => {
    parser = new WorkerDocumentParser({ workers: 1 });
    const small = corpus(WORKER_MIN_BATCH - 1, 1);
    expect(await parser.parseBatch(small, "folder", NOW)).toEqual(await inThreadParser.parseBatch(small, "folder", NOW));
    // However large, a batch of Markdown costs less to parse here than to copy to a worker and back.
    const markdown = corpus(WORKER_MIN_BATCH * 3).filter((doc) => doc.id.endsWith(".md"));
    expect(await parser.parseBatch(markdown, "folder", NOW)).toEqual(await inThreadParser.parseBatch(markdown, "folder", NOW));
    expect(parser.threadCount).toBe(0);
  });

  withWorkers("parses again after close, in-thread, with its threads gone", async () => {
    parser = new WorkerDocumentParser({ workers: 1 });
    const docs = corpus(WORKER_MIN_BATCH, 1);
    await parser.parseBatch(docs, "folder", NOW);
    expect(parser.threadCount).toBe(1);
    await parser.close();
    expect(parser.threadCount).toBe(0);
    expect(await parser.parseBatch(docs, "folder", NOW)).toEqual(await inThreadParser.parseBatch(docs, "folder", NOW));
  });

  withWorkers("never keeps a process alive: it exits once its work is done, whether or not the workers got ready", () => {
    // A `hub ingest` whose batches all finished before the workers were ready must still end. Run in a child
    // process: a leaked handle would keep it running until the timeout kills it, and execFileSync throws.
    for (const warm of [false, true]) {
      const program = [
        `const { WorkerDocumentParser } = require(${JSON.stringify(join(dirname(script!), "worker-parser.js"))});`,
        "const parser = new WorkerDocumentParser({ workers: 1 });",
        `const docs = Array.from({ length: ${WORKER_MIN_BATCH} }, (_, i) => ({ id: "p" + i + ".html", content: "<h1>Page " + i + "</h1><p>Text.</p>" }));`,
        `(async () => { ${warm ? "await parser.warmUp();" : ""} const outcomes = await parser.parseBatch(docs, "o", new Date()); process.stdout.write(String(outcomes.length)); })();`,
      ].join("\n");
      expect(execFileSync(process.execPath, ["-e", program], { timeout: 20_000, encoding: "utf8" })).toBe(String(WORKER_MIN_BATCH));
    }
  });

  /** A worker script in a temp folder. */
  function workerScript(source: string): string {
    const dir = mkdtempSync(join(tmpdir(), "parse-worker-"));
    dirs.push(dir);
    const script = join(dir, "test-worker.js");
    writeFileSync(script, source);
    return script;
  }

  /** A worker script that says it is ready, claims the first chunk it is sent (as the real one does) and then dies. */
  function crashingScript(claimFirst: boolean): string {
    const claim = claimFirst ? "Atomics.compareExchange(request.claims, request.slot, 0, 1);" : "";
    return workerScript(`const { parentPort } = require("node:worker_threads");\nparentPort.on("message", (request) => { ${claim} throw new Error("boom"); });\nparentPort.postMessage({ ready: true });\n`);
  }

  it("never waits for a worker to start: until one is ready, batches are parsed in-thread", async () => {
    // A worker that never says it is ready (as if still loading the parser), and would take every chunk it was sent
    // and never answer: a batch that handed it work would never complete.
    const stuck = `require("node:worker_threads").parentPort.on("message", (r) => Atomics.compareExchange(r.claims, r.slot, 0, 1));\n`;
    parser = new WorkerDocumentParser({ workers: 1, script: workerScript(stuck) });
    const docs = corpus(WORKER_MIN_BATCH * 2, 1);
    expect(await parser.parseBatch(docs, "folder", NOW)).toEqual(await inThreadParser.parseBatch(docs, "folder", NOW));
    expect(parser.threadCount).toBe(1);
  });

  it("completes a batch when its worker dies mid-chunk: that chunk's documents fail with the reason, the rest are parsed in-thread", async () => {
    parser = new WorkerDocumentParser({ workers: 1, script: crashingScript(true) });
    await parser.warmUp();
    // Large, so the main thread (parsing from the end) cannot reach the first chunk before the worker has started.
    const docs = corpus(WORKER_MIN_BATCH * 5, 1);
    const outcomes = await parser.parseBatch(docs, "folder", NOW);
    const inThread = await inThreadParser.parseBatch(docs, "folder", NOW);
    // The worker claimed the first chunk and died with it; every other chunk was parsed by the main thread.
    outcomes.forEach((o, i) => {
      if (i < PARSE_CHUNK_SIZE) expect(o.error).toMatch(/parse worker stopped \(boom\) before parsing this document/);
      else expect(o).toEqual(inThread[i]);
    });
    expect(parser.threadCount).toBe(0);
  });

  it("loses nothing when a worker dies before starting a chunk", async () => {
    parser = new WorkerDocumentParser({ workers: 1, script: crashingScript(false) });
    await parser.warmUp();
    const docs = corpus(WORKER_MIN_BATCH + 40, 1);
    expect(await parser.parseBatch(docs, "folder", NOW)).toEqual(await inThreadParser.parseBatch(docs, "folder", NOW));
  });

  it("parses the batch in-thread when the worker script cannot be loaded", async () => {
    parser = new WorkerDocumentParser({ workers: 1, script: join(tmpdir(), "no-such-dir", "parse-worker.js") });
    const docs = corpus(WORKER_MIN_BATCH, 1);
    // A missing script fails like a worker that died before starting: the main thread parses the whole batch.
    expect(await parser.parseBatch(docs, "folder", NOW)).toEqual(await inThreadParser.parseBatch(docs, "folder", NOW));
  });
});
