import WebSocket from "ws";
import type { StreamEvent } from "./playground-api";
import { PLAYGROUND_PATHS } from "./playground-api";

/** How long to wait for the stream's WebSocket to open. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A pending `waitFor`. */
interface Waiter {
  readonly from: number;
  readonly predicate: (event: StreamEvent) => boolean;
  readonly resolve: (event: StreamEvent) => void;
}

/**
 * Everything the playground pushes on its conversation stream, kept in arrival order, with a way to wait for the
 * event a test expects. The playground buffers events while no client is connected and flushes them on connect.
 *
 * @example
 * const stream = await ConversationStream.connect(playground.url);
 * const mark = stream.mark();
 * await client.sendText("help");
 * const reply = await stream.waitFor((e) => e.action === "createMessage", 15_000, mark);
 */
export class ConversationStream {
  private readonly received: StreamEvent[] = [];
  private readonly waiters = new Set<Waiter>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: WebSocket.RawData) => this.receive(data));
  }

  /** Opens the stream of the playground at `baseUrl` (http://localhost:port). */
  static async connect(baseUrl: string): Promise<ConversationStream> {
    const url = new URL(PLAYGROUND_PATHS.conversationStream, baseUrl);
    url.protocol = "ws:";
    const socket = new WebSocket(url, { handshakeTimeout: CONNECT_TIMEOUT_MS });
    // Listen before the socket opens: buffered events are sent as soon as the server accepts it.
    const stream = new ConversationStream(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    socket.on("error", () => undefined); // after open, a broken socket shows up as a waitFor timeout
    return stream;
  }

  /** Every event so far, oldest first. */
  get events(): readonly StreamEvent[] {
    return this.received;
  }

  /** A position in the stream: pass it to `waitFor` to ignore everything that arrived before. */
  mark(): number {
    return this.received.length;
  }

  /**
   * The first event at or after position `from` that satisfies `predicate`, already received or yet to come.
   * Rejects after `timeoutMs`, listing what did arrive so the failure explains itself.
   */
  waitFor<T extends StreamEvent>(predicate: (event: StreamEvent) => event is T, timeoutMs: number, from?: number): Promise<T>;
  waitFor(predicate: (event: StreamEvent) => boolean, timeoutMs: number, from?: number): Promise<StreamEvent>;
  waitFor(predicate: (event: StreamEvent) => boolean, timeoutMs: number, from = 0): Promise<StreamEvent> {
    const seen = this.received.slice(from).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        from,
        predicate,
        resolve: (event) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const got = JSON.stringify(this.received.slice(from)).slice(0, 2000);
        reject(new Error(`no matching conversation event within ${timeoutMs} ms; received since mark: ${got}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once("close", () => resolve()));
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close();
    await closed;
  }

  private receive(data: WebSocket.RawData): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const text = bytes.toString("utf8");
    const event = JSON.parse(text) as StreamEvent;
    const position = this.received.push(event) - 1;
    for (const waiter of [...this.waiters]) {
      if (position >= waiter.from && waiter.predicate(event)) waiter.resolve(event);
    }
  }
}
