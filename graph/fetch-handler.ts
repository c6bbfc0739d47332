import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

/** The WHATWG `fetch` signature; Node's global fetch fits, and so does any adapter with the same contract. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Last link of the Graph middleware chain when the caller supplies its own fetch. The SDK's HTTPMessageHandler
 * always calls the global fetch, which cannot be told to trust an extra CA (Node 20's built-in fetch ignores
 * `agent`, and its undici `dispatcher` is not exposed) or to go through a council's outbound proxy. Injecting the
 * fetch here is the one seam that covers both, while every other handler (auth, retry, redirect, telemetry) stays
 * the SDK's own.
 */
export class FetchHandler implements Middleware {
  constructor(private readonly fetchFn: FetchFunction) {}

  /** Sends the request as the SDK's HTTPMessageHandler would, through the injected fetch. */
  async execute(context: Context): Promise<void> {
    context.response = await this.fetchFn(context.request, context.options);
  }
}
