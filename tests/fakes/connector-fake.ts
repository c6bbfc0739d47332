import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer } from "../../teams-app/http/close-server";

/** Statuses the fake can answer instead of storing a message. */
export type ConnectorFaultStatus = 403 | 404 | 412 | 429 | 500 | 502 | 503 | 504;

/** Failures to play before the fake stores messages again. */
export interface ConnectorFault {
  readonly status: ConnectorFaultStatus;
  /** How many matching POSTs get the fault. */
  readonly count: number;
  /** Sent as Retry-After (fractions allowed, so tests stay fast). */
  readonly retryAfterSeconds?: number;
  /** Only POSTs to this conversation; default any. */
  readonly conversationId?: string;
  /** The error code in the body; default a Bot Connector-like code per status. */
  readonly code?: string;
}

/** One POST the fake received. */
export interface ConnectorPost {
  /** Path as sent, e.g. `/v3/conversations/a%3A1/activities`. */
  readonly path: string;
  /** The decoded conversation id. */
  readonly conversationId: string;
  /** The `Authorization` header, if any. */
  readonly authorization?: string;
  /** Parsed JSON body (the activity). */
  readonly body: Record<string, unknown>;
  /** The status the fake answered. */
  readonly status: number;
  /** The fake's `now()` on arrival: the tests' virtual clock when given, else Date.now(). */
  readonly receivedAt: number;
}

/** Options for {@link ConnectorFake.start}. */
export interface ConnectorFakeOptions {
  /** Stamps `receivedAt`; pass the virtual clock a queue runs on to assert its pacing at the HTTP boundary. */
  readonly now?: () => number;
}

/** Error codes the real Bot Connector returns for these statuses. */
const DEFAULT_CODES: Record<ConnectorFaultStatus, string> = {
  403: "BotNotInConversationRoster",
  404: "ConversationNotFound",
  412: "PreconditionFailed",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/** `/v3/conversations/{id}/activities`, optionally `/{replyToId}`. */
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * A Bot Connector stand-in (the `serviceUrl` Teams gives a bot) on plain HTTP, port 0: records every activity POST
 * with its Authorization header, answers 201 with a resource id, and can play Teams' throttling and failures.
 *
 * @example
 * const connector = await ConnectorFake.start({ now: () => clock.now().getTime() });
 * connector.injectFaults({ status: 429, retryAfterSeconds: 2, count: 1 });
 * // … send with serviceUrl: connector.serviceUrl …
 * expect(connector.delivered).toHaveLength(1);
 */
export class ConnectorFake {
  /** Every POST, in arrival order, whatever was answered. */
  readonly posts: ConnectorPost[] = [];
  /** `http://127.0.0.1:<port>/`: use as the conversation reference's serviceUrl. */
  readonly serviceUrl: string;

  private readonly faults: Array<{ spec: ConnectorFault; remaining: number }> = [];
  private readonly now: () => number;

  private constructor(
    private readonly server: Server,
    options: ConnectorFakeOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  /** Starts a fake on a free loopback port. */
  static async start(options: ConnectorFakeOptions = {}): Promise<ConnectorFake> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    return new ConnectorFake(server, options);
  }

  /** POSTs the fake stored (answered 2xx): what Teams users would see. */
  get delivered(): ConnectorPost[] {
    return this.posts.filter((post) => post.status < 300);
  }

  /** Queues a fault for the next `count` matching POSTs. */
  injectFaults(spec: ConnectorFault): void {
    this.faults.push({ spec, remaining: spec.count });
  }

  /** Forgets posts and pending faults. */
  reset(): void {
    this.posts.length = 0;
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const receivedAt = this.now();
    const path = (req.url ?? "/").split("?")[0];
    const match = req.method === "POST" ? ACTIVITIES_PATH.exec(path) : null;
    if (!match) return send(res, 404, { error: { code: "NotFound", message: `connector-fake has no route for ${req.method} ${path}` } });

    const conversationId = decodeURIComponent(match[1]);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    const fault = this.takeFault(conversationId);
    const status = fault?.status ?? 201;
    this.posts.push({ path, conversationId, authorization: req.headers.authorization, body, status, receivedAt });
    if (!fault) return send(res, status, { id: `activity-${this.posts.length}` });

    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
    const code = fault.code ?? DEFAULT_CODES[fault.status];
    return send(res, fault.status, { error: { code, message: `connector-fake injected ${fault.status}` } }, headers);
  }

  private takeFault(conversationId: string): ConnectorFault | undefined {
    const pending = this.faults.find((f) => f.remaining > 0 && (f.spec.conversationId === undefined || f.spec.conversationId === conversationId));
    if (!pending) return undefined;
    pending.remaining -= 1;
    return pending.spec;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
