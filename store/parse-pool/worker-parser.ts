import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { inThreadParser, isHtmlDocument, parseOutcome, type DocumentParser, type ParseOutcome, type SourceDocument } from "../../core";
import { packageRoot } from "../package-root";
import type { ParseRequest, ParseResponse, WorkerReady } from "./parse-messages";
import { yieldToEventLoop } from "../yield-to-event-loop";

/**
 * Fewest HTML documents in a batch worth sending to worker threads (Markdown is always parsed in-thread). Starting
 * a worker costs a few hundred milliseconds and each document is copied there and back, so tests, single pages and
 * small folders parse faster in-thread; a folder of HTML pages in 500-document ingest batches is above this.
 */
export const WORKER_MIN_BATCH = 200;

/** Documents per message to a worker: small enough to share a batch out evenly, large enough that messaging is cheap. */
export const PARSE_CHUNK_SIZE = 16;

/** Who parses a chunk, in its slot of the batch's shared claim array. */
export const UNCLAIMED = 0;
export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

export interface WorkerParserOptions {
  /** Worker threads; default one fewer than the cores available (at least one), as the main thread parses too. */
  readonly workers?: number;
  /** The compiled worker script; default {@link parseWorkerScript}. */
  readonly script?: string;
}

interface Batch {
  readonly outcomes: ParseOutcome[];
  /** One slot per chunk, shared with the workers: whoever claims a chunk first (atomically) parses it. */
  readonly claims: Int32Array;
  readonly chunks: Chunk[];
  remaining: number;
  readonly done: () => void;
}

interface Chunk {
  readonly id: number;
  readonly batch: Batch;
  /** The chunk's slot in `batch.claims`. */
  readonly slot: number;
  /** Index in the batch of the chunk's first document. */
  readonly start: number;
  readonly docs: readonly SourceDocument[];
  readonly origin: string;
  readonly now: Date;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly inFlight: Map<number, Chunk>;
  /** Set when the worker has loaded the parser (its first message); only ready workers are sent chunks. */
  ready: boolean;
  /** Resolves when the worker is ready, or has failed to start. */
  readonly started: Promise<void>;
}

/**
 * The compiled worker script (dist/store/parse-pool/parse-worker.js), or undefined when there is none. Running from
 * dist/ it sits next to this file; under jest (TypeScript sources) it is the one `npm run build` wrote to dist/,
 * and without a build the parser stays in-thread.
 */
export function parseWorkerScript(): string | undefined {
  return compiledWorkerScript("parse-worker.js");
}

/** A compiled worker script of this folder (see {@link parseWorkerScript}), or undefined when there is none. */
export function compiledWorkerScript(file: string): string | undefined {
  const sibling = join(__dirname, file);
  if (existsSync(sibling)) return sibling;
  try {
    const built = join(packageRoot(), "dist", "store", "parse-pool", file);
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses the HTML documents of large ingest batches on worker threads, the main thread parsing the Markdown and
 * taking a share of the HTML too, so a folder of HTML pages keeps every core busy; small batches and Markdown stay
 * in-thread. Pages are exactly what `parseDocument` gives, in the order given.
 *
 * The HTML is cut into chunks and every chunk is sent to a worker at once, so a worker never waits for the main
 * thread (busy reading files or writing the previous batch to SQLite) to hand out more. Whenever the main thread is
 * free it parses chunks from the end of the batch. Each chunk has a slot in a SharedArrayBuffer that the worker and
 * the main thread claim atomically before parsing, so each chunk is parsed once: a worker skips the chunks the main
 * thread took.
 *
 * Workers start on the first large batch, which is parsed in-thread while they load (as is any batch that finds
 * none ready), and never keep the process alive while idle. A worker that dies fails
 * the documents it was parsing (reported as failed pages); the chunks it had not started are parsed in-thread, so a
 * batch always completes.
 */
export class WorkerDocumentParser implements DocumentParser {
  private readonly size: number;
  private readonly script: string | undefined;
  private workers: PoolWorker[] | undefined;
  private nextId = 0;
  private nextWorker = 0;
  private closed = false;

  constructor(options: WorkerParserOptions = {}) {
    this.size = Math.max(1, options.workers ?? availableParallelism() - 1);
    this.script = options.script ?? parseWorkerScript();
  }

  /** Whether batches of at least {@link WORKER_MIN_BATCH} HTML documents go to worker threads (false without a built worker script). */
  get usesWorkers(): boolean {
    return this.script !== undefined && !this.closed;
  }

  /** Live worker threads (0 until the first large batch, and after {@link close}). */
  get threadCount(): number {
    return this.workers?.length ?? 0;
  }

  async parseBatch(docs: readonly SourceDocument[], origin: string, now: Date): Promise<ParseOutcome[]> {
    // Only HTML documents are worth a worker. A Markdown page's one-pass scan costs about what copying it to a worker
    // and its page back does (in-thread ingest of Markdown measured 1.3x faster than with workers), while an HTML
    // page's DOM parse and sanitising cost some twenty times more.
    const html = docs.flatMap((doc, i) => (isHtmlDocument(doc.id) ? [i] : []));
    if (html.length < WORKER_MIN_BATCH || !this.usesWorkers) return inThreadParser.parseBatch(docs, origin, now);
    // Starting a worker takes a few hundred milliseconds (loading the parser): until one is ready, batches are
    // parsed here, so a one-off ingest is never slower than in-thread parsing and a long one gets the other cores
    // from its second or third batch.
    const workers = this.start().filter((w) => w.ready);
    if (workers.length === 0) return inThreadParser.parseBatch(docs, origin, now);
    const onWorkers = this.parseOnWorkers(
      html.map((i) => docs[i]!),
      origin,
      now,
      workers,
    );
    // Meanwhile the Markdown is parsed here (the main thread's share of the HTML waits until this is done).
    const outcomes = new Array<ParseOutcome>(docs.length);
    const isHtml = new Set(html);
    docs.forEach((doc, i) => {
      if (!isHtml.has(i)) outcomes[i] = parseOutcome(doc, origin, now);
    });
    const htmlOutcomes = await onWorkers;
    html.forEach((docIndex, k) => (outcomes[docIndex] = htmlOutcomes[k]!));
    return outcomes;
  }

  /** Parses documents on the given (ready) workers, the main thread taking chunks from the end whenever it is free. */
  private async parseOnWorkers(docs: readonly SourceDocument[], origin: string, now: Date, workers: readonly PoolWorker[]): Promise<ParseOutcome[]> {
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const chunkCount = Math.ceil(docs.length / PARSE_CHUNK_SIZE);
    const batch: Batch = { outcomes: new Array<ParseOutcome>(docs.length), claims: new Int32Array(new SharedArrayBuffer(4 * chunkCount)), chunks: [], remaining: docs.length, done };
    for (let slot = 0; slot < chunkCount; slot++) {
      const start = slot * PARSE_CHUNK_SIZE;
      const chunk: Chunk = { id: this.nextId++, batch, slot, start, docs: docs.slice(start, start + PARSE_CHUNK_SIZE), origin, now };
      batch.chunks.push(chunk);
      this.send(workers[this.nextWorker++ % workers.length]!, chunk);
    }
    void this.helpInThread(batch);
    await finished;
    return batch.outcomes;
  }

  /** Starts the worker threads now and waits until each has loaded the parser (or failed to start). */
  async warmUp(): Promise<void> {
    if (!this.usesWorkers) return;
    await Promise.all(
      this.start().map(async (w) => {
        // Held open while awaited: an unref'd worker would let a process with nothing else to do exit meanwhile.
        w.worker.ref();
        await w.started;
        if (w.inFlight.size === 0) w.worker.unref();
      }),
    );
  }

  /** Stops the worker threads. Documents they were parsing are reported as failed; later batches parse in-thread. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  /** Starts the workers, or replaces any that died since the last batch. */
  private start(): PoolWorker[] {
    const workers = (this.workers ??= []);
    while (workers.length < this.size) workers.push(this.spawn(this.script!));
    return workers;
  }

  private spawn(script: string): PoolWorker {
    const worker = new Worker(script);
    let started!: () => void;
    const entry: PoolWorker = { worker, inFlight: new Map(), ready: false, started: new Promise<void>((resolve) => (started = resolve)) };
    worker.on("message", (message: ParseResponse | WorkerReady) => {
      if ("ready" in message) {
        entry.ready = true;
        // Node refs a worker's port again when its first message arrives: an idle worker must not hold the process.
        if (entry.inFlight.size === 0) worker.unref();
        started();
        return;
      }
      const response = message;
      const chunk = entry.inFlight.get(response.id);
      if (!chunk) return;
      entry.inFlight.delete(response.id);
      if (entry.inFlight.size === 0) worker.unref();
      // No outcomes: the main thread claimed the chunk first, and completes it itself.
      if (response.outcomes) this.complete(chunk, response.outcomes);
    });
    let failure = "";
    worker.on("error", (error) => (failure = error.message));
    // A reply that cannot be read would leave its chunk waiting for ever: treat it as the worker failing.
    worker.on("messageerror", (error) => {
      failure = error.message;
      void worker.terminate();
    });
    worker.on("exit", (code) => {
      started();
      if (this.workers) this.workers = this.workers.filter((w) => w !== entry);
      const reason = `the parse worker stopped (${failure || `exit code ${code}`}) before parsing this document`;
      for (const chunk of entry.inFlight.values()) {
        const claim = Atomics.compareExchange(chunk.batch.claims, chunk.slot, UNCLAIMED, CLAIMED_BY_MAIN);
        // Not started by the worker: parse it here. Started: its documents are lost with the worker. Taken by the
        // main thread already: it completes it.
        if (claim === UNCLAIMED) this.parseHere(chunk);
        else if (claim === CLAIMED_BY_WORKER) this.complete(chunk, chunk.docs.map(() => ({ error: reason })));
      }
      entry.inFlight.clear();
    });
    // Idle workers never hold the process open; a busy one does (see send), so an awaited batch cannot be cut short.
    // After the listeners: adding a "message" listener refs the worker's port again.
    worker.unref();
    return entry;
  }

  private send(entry: PoolWorker, chunk: Chunk): void {
    if (entry.inFlight.size === 0) entry.worker.ref();
    entry.inFlight.set(chunk.id, chunk);
    const request: ParseRequest = { id: chunk.id, claims: chunk.batch.claims, slot: chunk.slot, docs: chunk.docs, origin: chunk.origin, now: chunk.now };
    entry.worker.postMessage(request);
  }

  /**
   * The main thread's share: between other work (reading files, writing the previous batch) it claims and parses
   * chunks from the end of the batch, one at a time, yielding after each so worker replies are handled.
   */
  private async helpInThread(batch: Batch): Promise<void> {
    await yieldToEventLoop();
    for (let slot = batch.chunks.length - 1; slot >= 0 && batch.remaining > 0; slot--) {
      // The worker claims chunks in order from the front: once it holds this one, it holds all before it.
      const claim = Atomics.compareExchange(batch.claims, slot, UNCLAIMED, CLAIMED_BY_MAIN);
      if (claim === CLAIMED_BY_WORKER && this.size === 1) break;
      if (claim !== UNCLAIMED) continue;
      this.parseHere(batch.chunks[slot]!);
      await yieldToEventLoop();
    }
  }

  private parseHere(chunk: Chunk): void {
    this.complete(chunk, chunk.docs.map((doc) => parseOutcome(doc, chunk.origin, chunk.now)));
  }

  private complete(chunk: Chunk, outcomes: readonly ParseOutcome[]): void {
    const { batch } = chunk;
    for (let i = 0; i < chunk.docs.length; i++) {
      batch.outcomes[chunk.start + i] = outcomes[i] ?? { error: "the parse worker returned no outcome for this document" };
    }
    batch.remaining -= chunk.docs.length;
    if (batch.remaining === 0) batch.done();
  }
}

let shared: WorkerDocumentParser | undefined;

/**
 * The process's one worker parser, shared by every hub in it (as libuv shares one thread pool), so a process that
 * ingests again (the CLI after a seed, the bench, a test run) does not start and warm up new threads for each store.
 * Its idle workers are unref'd, so it never keeps a process alive; nothing needs to close it.
 */
export function sharedWorkerParser(): WorkerDocumentParser {
  shared ??= new WorkerDocumentParser();
  return shared;
}
