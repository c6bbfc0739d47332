import { Agent, request as httpsRequest } from "node:https";
import type { IncomingMessage } from "node:http";
import type { FetchFunction } from "../../graph/fetch-handler";

/** Statuses whose Response must have a null body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` over node:https that trusts the given CA, for talking to the local HTTPS fakes.
 *
 * Why not the global fetch: in Node 20 it is undici, which ignores `agent`, reads NODE_EXTRA_CA_CERTS only at
 * process start (too late inside a jest worker, and not ours to set for the whole run), and takes a `dispatcher`
 * only from the `undici` package, which is not a dependency. `NODE_TLS_REJECT_UNAUTHORIZED=0` would switch TLS checks
 * off for the whole process. So the Graph client gets this function through its FetchHandler seam instead; TLS
 * verification stays on and the certificate really is checked against `ca`.
 */
export function createTrustingFetch(ca: string | Buffer): FetchFunction {
  const agent = new Agent({ ca, keepAlive: false });
  return async (input, init) => {
    // Normalising through Request gives one place to read method, headers and body, whatever shape the SDK passed.
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const response = await send(request, body, agent);
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const status = response.statusCode ?? 500;
    return new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
      status,
      statusText: response.statusMessage ?? "",
      headers: toHeaders(response),
    });
  };
}

/** Sends one request and resolves with the response head; the body is read by the caller. */
function send(request: Request, body: Buffer | undefined, agent: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      request.url,
      { method: request.method, headers: Object.fromEntries(request.headers), agent, signal: request.signal },
      resolve,
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** Copies node's header object (arrays for repeated headers) into a WHATWG Headers. */
function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
