import type { Activity } from "botbuilder";
import { systemClock, type Clock, type ConversationTarget, type NotificationFailureReason } from "../../core";
import { silentBotLog, type BotLog } from "../bot-log";
import { TEAMS_TENANT_WINDOWS, TEAMS_THREAD_WINDOWS, type RateWindow } from "./rate-windows";
import { DEFAULT_RETRY_SETTINGS, decideRetry, type RetrySettings, type SendAttemptResult } from "./send-retry-policy";
import { SlidingWindowLimiter } from "./sliding-window-limiter";

/** One message to deliver. */
export interface ProactiveMessage {
  /**
   * Identifies this delivery. Queuing the same id again while it is still pending returns the first one's outcome
   * instead of sending twice.
   */
  readonly id: string;
  readonly target: ConversationTarget;
  readonly activity: Partial<Activity>;
}

/** How a message ended. Every queued message gets exactly one. */
export type ProactiveSendOutcome =
  | { readonly status: "sent"; readonly attempts: number; readonly activityId?: string }
  | {
      readonly status: "failed";
      readonly attempts: number;
      readonly reason: NotificationFailureReason;
      /** The conversation reference no longer works (403/404): mark it stale. */
      readonly stale: boolean;
      readonly httpStatus?: number;
      readonly code?: string;
    };

/** One attempt at the connector; BotConnectorSender.send in production. Should not throw (a throw counts as no answer). */
export type ProactiveTransport = (target: ConversationTarget, activity: Partial<Activity>) => Promise<SendAttemptResult>;

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Options for {@link ProactiveSendQueue}; everything but the transport has a production default. */
export interface ProactiveSendQueueOptions {
  readonly transport: ProactiveTransport;
  /** "Now" for pacing and backoff; tests pass a virtual clock. */
  readonly clock?: Clock;
  /** How the queue waits; tests pass one that moves the virtual clock instead of real time. */
  readonly sleep?: Sleep;
  /** [0, 1) source for backoff jitter. */
  readonly random?: () => number;
  readonly retry?: Partial<RetrySettings>;
  /** Limits per conversation (thread); default Teams' published ones. */
  readonly threadWindows?: readonly RateWindow[];
  /** Limits per tenant across all conversations; default the proactive target of 30 a second. */
  readonly tenantWindows?: readonly RateWindow[];
  readonly log?: BotLog;
}

interface Pending {
  readonly message: ProactiveMessage;
  attempts: number;
  readonly settle: (outcome: ProactiveSendOutcome) => void;
}

/** Messages for one conversation, sent one at a time in order. */
interface Lane {
  readonly key: string;
  readonly tenantKey: string;
  readonly queue: Pending[];
  busy: boolean;
  /** Backoff: no attempt before this (epoch ms). */
  notBefore: number;
}

/** Waits on a real timer, cut short by the signal. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * Paces and retries proactive bot messages so Teams never has cause to throttle, and a throttle that happens anyway
 * costs a wait, not a message.
 *
 * - Pacing: a message starts only when its conversation is within Teams' per-thread windows (7/1 s, 8/2 s, 60/30 s,
 *   1,800/h) and the tenant within the per-app rate, both as sliding windows.
 * - Order and no duplicates: each conversation is a lane; its messages go one at a time, in order. A message is
 *   sent again only after an answer that says it was not stored (429, 412, 502, 503, 504, or no answer), and
 *   leaves the lane once sent or failed. Re-queuing a pending id joins the pending delivery.
 * - Retries: a 429's Retry-After is honoured and holds the whole conversation (Teams throttles the thread, not one
 *   message); otherwise exponential backoff with jitter, bounded by `maxAttempts`. 403/404 fail at once, stale.
 * - Nothing lost: every `send` resolves with an outcome and never rejects; nothing waits on real time that a test's
 *   clock and sleep do not control.
 *
 * One dispatcher loop makes every decision, so all waiting happens in one `sleep` call that an injected virtual
 * clock can fast-forward, and the lanes' sends run concurrently up to the tenant rate.
 */
export class ProactiveSendQueue {
  private readonly transport: ProactiveTransport;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly retry: RetrySettings;
  private readonly threads: SlidingWindowLimiter;
  private readonly tenants: SlidingWindowLimiter;
  private readonly log: BotLog;

  /** Lanes in round-robin order: a lane that sends moves to the back, so a long lane cannot starve the others. */
  private readonly lanes = new Map<string, Lane>();
  private readonly pendingById = new Map<string, Promise<ProactiveSendOutcome>>();
  private inFlight = 0;
  private running = false;
  private wakeController = new AbortController();

  constructor(options: ProactiveSendQueueOptions) {
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.retry = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
    if (!(Number.isInteger(this.retry.maxAttempts) && this.retry.maxAttempts >= 1)) throw new RangeError("maxAttempts must be a whole number of at least 1.");
    this.threads = new SlidingWindowLimiter(options.threadWindows ?? TEAMS_THREAD_WINDOWS);
    this.tenants = new SlidingWindowLimiter(options.tenantWindows ?? TEAMS_TENANT_WINDOWS);
    this.log = options.log ?? silentBotLog;
  }

  /** Queues one message; resolves when it has been sent or has finally failed. */
  send(message: ProactiveMessage): Promise<ProactiveSendOutcome> {
    const existing = this.pendingById.get(message.id);
    if (existing) return existing;
    const outcome = new Promise<ProactiveSendOutcome>((resolve) => {
      const key = laneKey(message.target);
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = { key, tenantKey: `tenant:${message.target.tenantId}`, queue: [], busy: false, notBefore: 0 };
        this.lanes.set(key, lane);
      }
      lane.queue.push({ message, attempts: 0, settle: resolve });
    }).finally(() => this.pendingById.delete(message.id));
    this.pendingById.set(message.id, outcome);
    this.kick();
    return outcome;
  }

  /** Messages not yet settled (queued, waiting or in flight). */
  get pendingCount(): number {
    return this.pendingById.size;
  }

  private kick(): void {
    if (this.running) {
      this.wake();
      return;
    }
    this.running = true;
    void this.run();
  }

  private wake(): void {
    this.wakeController.abort();
  }

  /** The dispatcher: start whatever may start now, else wait for the earliest slot or for a send to finish. */
  private async run(): Promise<void> {
    try {
      for (;;) {
        const now = this.nowMs();
        const next = this.nextLane(now);
        if (!next && this.inFlight === 0) {
          this.threads.sweep(now);
          this.tenants.sweep(now);
          return;
        }
        if (next && next.at <= now) {
          this.dispatch(next.lane, now);
          continue;
        }
        // Nothing may start yet: wait for the earliest slot, or until a finished send changes the picture.
        const wake = this.wakeController;
        if (next) await this.sleep(next.at - now, wake.signal);
        else await untilAborted(wake.signal);
        if (wake.signal.aborted) this.wakeController = new AbortController();
      }
    } catch (error) {
      // Only a bug (or a throwing injected clock/sleep) gets here; fail what is queued rather than leave it hanging.
      this.log("error", "bot.proactive.queue-crashed", { error: error instanceof Error ? error.message : String(error) });
      for (const lane of this.lanes.values()) {
        for (const pending of lane.queue.splice(0)) pending.settle({ status: "failed", attempts: pending.attempts, reason: "unavailable", stale: false });
      }
      this.lanes.clear();
    } finally {
      this.running = false;
    }
  }

  /** The idle lane whose head may start soonest, and when. */
  private nextLane(now: number): { lane: Lane; at: number } | undefined {
    let best: { lane: Lane; at: number } | undefined;
    for (const lane of this.lanes.values()) {
      if (lane.busy || lane.queue.length === 0) continue;
      const at = Math.max(lane.notBefore, this.threads.nextAllowedAt(lane.key, now), this.tenants.nextAllowedAt(lane.tenantKey, now));
      if (!best || at < best.at) best = { lane, at };
      if (at <= now) break;
    }
    return best;
  }

  /** Takes the slot (synchronously, so no other lane can take it too) and starts the attempt. */
  private dispatch(lane: Lane, now: number): void {
    const pending = lane.queue[0];
    this.threads.record(lane.key, now);
    this.tenants.record(lane.tenantKey, now);
    lane.busy = true;
    pending.attempts += 1;
    this.inFlight += 1;
    this.lanes.delete(lane.key);
    this.lanes.set(lane.key, lane);
    void this.attempt(lane, pending);
  }

  private async attempt(lane: Lane, pending: Pending): Promise<void> {
    let result: SendAttemptResult;
    try {
      result = await this.transport(pending.message.target, pending.message.activity);
    } catch {
      result = { ok: false };
    }
    const now = this.nowMs();
    const decision = decideRetry(result, pending.attempts, this.retry, this.random);
    const status = result.ok ? undefined : result.status;
    switch (decision.kind) {
      case "sent":
        lane.queue.shift();
        pending.settle({ status: "sent", attempts: pending.attempts, ...(result.ok && result.activityId ? { activityId: result.activityId } : {}) });
        break;
      case "retry":
        // The message stays at the head of its lane, so the conversation keeps its order.
        lane.notBefore = now + decision.delayMs;
        if (decision.throttled) this.threads.blockUntil(lane.key, lane.notBefore);
        this.log("info", "bot.proactive.retry", { attempt: pending.attempts, status, delayMs: decision.delayMs });
        break;
      case "fail":
        lane.queue.shift();
        this.log("warn", "bot.proactive.failed", { attempts: pending.attempts, status, code: result.ok ? undefined : result.code, reason: decision.reason });
        pending.settle({
          status: "failed",
          attempts: pending.attempts,
          reason: decision.reason,
          stale: decision.stale,
          ...(status !== undefined ? { httpStatus: status } : {}),
          ...(!result.ok && result.code ? { code: result.code } : {}),
        });
        break;
    }
    lane.busy = false;
    if (lane.queue.length === 0) this.lanes.delete(lane.key);
    this.inFlight -= 1;
    this.wake();
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}

/** A conversation is identified by its id within its Bot Connector endpoint. */
function laneKey(target: ConversationTarget): string {
  return `thread:${target.serviceUrl}|${target.conversationId}`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}
