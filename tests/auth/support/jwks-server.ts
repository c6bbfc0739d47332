import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "jose";
import { closeServer } from "../../../teams-app/http/close-server";

const KEYS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;

/**
 * Entra's key endpoint on 127.0.0.1: answers `/{tenant}/discovery/v2.0/keys` with the keys published so far and
 * records each fetch, so tests can count them, roll keys over and take the endpoint down.
 */
export class JwksServer {
  /** Tenant of every key document fetched, in order. */
  readonly fetches: string[] = [];
  private keys: JWK[] = [];
  private failure: number | undefined;

  private readonly server: Server = createServer((req, res) => this.answer(req.url ?? "", res));
  private port = 0;

  private constructor() {}

  /** Starts the endpoint on a free loopback port with the given public keys published. */
  static async start(keys: readonly JWK[] = []): Promise<JwksServer> {
    const jwks = new JwksServer();
    jwks.publish(...keys);
    await new Promise<void>((resolve) => jwks.server.listen(0, "127.0.0.1", resolve));
    jwks.port = (jwks.server.address() as AddressInfo).port; // kept after close(), so a closed endpoint still has a URL
    return jwks;
  }

  /** `http://127.0.0.1:<port>`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The `jwksUri` template for the validator settings. */
  get uriTemplate(): string {
    return `${this.baseUrl}/{tenantId}/discovery/v2.0/keys`;
  }

  /** Replaces the published keys, as Entra does when it rolls them over. */
  publish(...keys: readonly JWK[]): void {
    this.keys = [...keys];
  }

  /** Answers every fetch with this HTTP status from now on (`undefined` to recover). */
  failWith(status: number | undefined): void {
    this.failure = status;
  }

  /** Fetches for one tenant. */
  fetchesFor(tenantId: string): number {
    return this.fetches.filter((t) => t === tenantId).length;
  }

  /** Stops listening: later fetches get connection refused. */
  close(): Promise<void> {
    return closeServer(this.server);
  }

  private answer(url: string, res: ServerResponse): void {
    const match = KEYS_PATH.exec(url);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    this.fetches.push(decodeURIComponent(match[1]!));
    if (this.failure) {
      res.writeHead(this.failure, { "content-type": "text/html" }).end("<h1>Service unavailable</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: this.keys }));
  }
}
