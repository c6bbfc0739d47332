import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { inThreadParser, parseOutcome, type DocumentParser, type ParseOutcome, type SourceDocument } from "../../core";
import { packageRoot } from "../package-root";
import type { ParseRequest, ParseResponse } from "./parse-messages";

/**
 * Smallest batch worth sending to worker threads. Starting a worker (loading the Markdown and HTML libraries) costs
 * tens of milliseconds and each document is copied there and back, so tests, single pages and the 34-page sample
 * seed parse faster in-thread; a folder ingest's 500-document batches are well above this.
 */
export const WORKER_MIN_BATCH = 200;

/** Documents per message to a worker: small enough to share a batch out evenly, large enough that messaging is cheap. */
export const PARSE_CHUNK_SIZE = 16;

/**
 * Chunks a worker holds at once. More than one, so a worker keeps parsing while the main thread is busy writing the
 * previous batch to SQLite (and cannot hand out more work until it is done).
 */
const CHUNKS_PER_WORKER = 4;

export interface WorkerParserOptions {
  /** Worker threads; default one fewer than the cores available (at least one), as the main thread parses too. */
  readonly workers?: number;
  /** The compiled worker script; default {@link parseWorkerScript}. */
  readonly script?: string;
}

interface Batch {
  readonly outcomes: ParseOutcome[];
  remaining: number;
  readonly done: () => void;
}

interface Chunk {
  readonly id: number;
  readonly batch: Batch;
  /** Index in the batch of the chunk's first document. */
  readonly start: number;
  readonly docs: readonly SourceDocument[];
  readonly origin: string;
  readonly now: Date;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly inFlight: Map<number, Chunk>;
}

/**
 * The compiled worker script (dist/store/parse-pool/parse-worker.js), or undefined when there is none. Running from
 * dist/ it sits next to this file; under jest (TypeScript sources) it is the one `npm run build` wrote to dist/,
 * and without a build the parser simply stays in-thread.
 */
export function parseWorkerScript(): string | undefined {
  const sibling = join(__dirname, "parse-worker.js");
  if (existsSync(sibling)) return sibling;
  try {
    const built = join(packageRoot(), "dist", "store", "parse-pool", "parse-worker.js");
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses large ingest batches on worker threads, the main thread taking a share too, so a folder ingest keeps every
 * core busy; small batches stay in-thread. Pages are exactly what `parseDocument` gives, in the order given.
 * Workers start on the first large batch, never keep the process alive while idle, and end at {@link close}. A
 * worker that dies fails the documents it held (reported as failed pages); its queued work goes to the others or
 * to the main thread, so a batch always completes.
 */
export class WorkerDocumentParser implements DocumentParser {
  private readonly size: number;
  private readonly script: string | undefined;
  private workers: PoolWorker[] | undefined;
  private readonly queue: Chunk[] = [];
  private nextId = 0;
  private closed = false;

  constructor(options: WorkerParserOptions = {}) {
    this.size = Math.max(1, options.workers ?? availableParallelism() - 1);
    this.script = options.script ?? parseWorkerScript();
  }

  /** Whether batches of at least {@link WORKER_MIN_BATCH} documents go to worker threads (false without a built worker script). */
  get usesWorkers(): boolean {
    return this.script !== undefined && !this.closed;
  }

  /** Live worker threads (0 until the first large batch, and after {@link close}). */
  get threadCount(): number {
    return this.workers?.length ?? 0;
  }

  async parseBatch(docs: readonly SourceDocument[], origin: string, now: Date): Promise<ParseOutcome[]> {
    if (docs.length < WORKER_MIN_BATCH || !this.usesWorkers) return inThreadParser.parseBatch(docs, origin, now);
    this.start();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const batch: Batch = { outcomes: new Array<ParseOutcome>(docs.length), remaining: docs.length, done };
    for (let start = 0; start < docs.length; start += PARSE_CHUNK_SIZE) {
      this.queue.push({ id: this.nextId++, batch, start, docs: docs.slice(start, start + PARSE_CHUNK_SIZE), origin, now });
    }
    this.dispatch();
    void this.helpInThread();
    await finished;
    return batch.outcomes;
  }

  /** Stops the worker threads. Documents they held are reported as failed; later batches parse in-thread. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((w) => w.worker.terminate()));
    this.parseQueueInThread();
  }

  /** Starts the workers, or replaces any that died since the last batch. */
  private start(): void {
    if (!this.script) return;
    this.workers ??= [];
    while (this.workers.length < this.size) this.workers.push(this.spawn(this.script));
  }

  private spawn(script: string): PoolWorker {
    const worker = new Worker(script);
    const entry: PoolWorker = { worker, inFlight: new Map() };
    // Idle workers never hold the process open; a busy one does (see dispatch), so an awaited batch cannot be cut short.
    worker.unref();
    worker.on("message", (response: ParseResponse) => {
      const chunk = entry.inFlight.get(response.id);
      if (!chunk) return;
      entry.inFlight.delete(response.id);
      this.complete(chunk, response.outcomes);
      this.dispatch();
    });
    let failure = "";
    worker.on("error", (error) => (failure = error.message));
    // A reply that cannot be read would leave its chunk waiting for ever: treat it as the worker failing.
    worker.on("messageerror", (error) => {
      failure = error.message;
      void worker.terminate();
    });
    worker.on("exit", (code) => {
      this.workers = this.workers?.filter((w) => w !== entry);
      const reason = `the parse worker stopped (${failure || `exit code ${code}`}) before parsing this document`;
      for (const chunk of entry.inFlight.values()) this.complete(chunk, chunk.docs.map(() => ({ error: reason })));
      entry.inFlight.clear();
      // No worker left: the main thread parses whatever is still queued.
      if (!this.workers || this.workers.length === 0) this.parseQueueInThread();
      else this.dispatch();
    });
    return entry;
  }

  /** Hands queued chunks to workers, oldest first, up to CHUNKS_PER_WORKER each. */
  private dispatch(): void {
    for (const entry of this.workers ?? []) {
      while (entry.inFlight.size < CHUNKS_PER_WORKER && this.queue.length > 0) {
        const chunk = this.queue.shift()!;
        if (entry.inFlight.size === 0) entry.worker.ref();
        entry.inFlight.set(chunk.id, chunk);
        const request: ParseRequest = { id: chunk.id, docs: chunk.docs, origin: chunk.origin, now: chunk.now };
        entry.worker.postMessage(request);
      }
      if (entry.inFlight.size === 0) entry.worker.unref();
    }
  }

  /**
   * The main thread's share: between other work (reading files, writing the previous batch) it parses the newest
   * queued chunks, one at a time, yielding after each so worker replies are handled and workers are kept fed.
   */
  private async helpInThread(): Promise<void> {
    await yieldToEventLoop();
    while (this.queue.length > 0) {
      const chunk = this.queue.pop()!;
      this.complete(chunk, chunk.docs.map((doc) => parseOutcome(doc, chunk.origin, chunk.now)));
      await yieldToEventLoop();
    }
  }

  private parseQueueInThread(): void {
    for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) {
      this.complete(chunk, chunk.docs.map((doc) => parseOutcome(doc, chunk.origin, chunk.now)));
    }
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

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
