import { Worker } from "node:worker_threads";
import { inThreadRenderer, type MarkdownRenderer } from "../../core";
import type { RenderRequest, RenderResponse } from "./render-messages";
import { compiledWorkerScript } from "./worker-parser";

/**
 * Longest a page may take to render. Real pages take a millisecond or so; marked takes seconds to minutes on some
 * hostile input, and past this the page is shown as plain text instead.
 */
export const RENDER_TIME_BUDGET_MS = 2_000;

export interface WorkerRendererOptions {
  /** The compiled worker script; default dist/store/parse-pool/render-worker.js. */
  readonly script?: string;
  /** Longest one render may take; default RENDER_TIME_BUDGET_MS. */
  readonly budgetMs?: number;
}

interface Pending {
  readonly resolve: (html: string | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Renders Markdown on a worker thread, within a time budget, so a hostile page never holds up the host's other
 * requests. A render that runs out of time stops the worker (a stuck render cannot be interrupted any other way);
 * it and any render queued behind it resolve to undefined (the page is then shown as plain text), and the next
 * render starts a fresh worker. Without a built worker script it renders in-thread. An idle worker never keeps the
 * process alive.
 */
export class WorkerMarkdownRenderer implements MarkdownRenderer {
  private readonly script: string | undefined;
  private readonly budgetMs: number;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(options: WorkerRendererOptions = {}) {
    this.script = options.script ?? compiledWorkerScript("render-worker.js");
    this.budgetMs = options.budgetMs ?? RENDER_TIME_BUDGET_MS;
  }

  async render(markdown: string): Promise<string | undefined> {
    if (this.script === undefined) return inThreadRenderer.render(markdown);
    const worker = (this.worker ??= this.spawn(this.script));
    const id = this.nextId++;
    return new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), this.budgetMs);
      this.pending.set(id, { resolve, timer });
      worker.ref();
      worker.postMessage({ id, markdown } satisfies RenderRequest);
    });
  }

  /** Stops the worker; renders in flight resolve to undefined. */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private spawn(script: string): Worker {
    const worker = new Worker(script);
    worker.on("message", (response: RenderResponse) => {
      this.settle(response.id, response.html);
      if (this.pending.size === 0) worker.unref();
    });
    // A worker that fails or is stopped (out of time) answers nothing more: its renders fall back to plain text.
    worker.on("error", () => undefined);
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    });
    // After the listeners: adding a "message" listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  private settle(id: number, html: string | undefined): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(html);
  }
}

let shared: WorkerMarkdownRenderer | undefined;

/** The process's one render worker, shared by every hub in it; idle, it never keeps the process alive. */
export function sharedMarkdownRenderer(): WorkerMarkdownRenderer {
  shared ??= new WorkerMarkdownRenderer();
  return shared;
}
