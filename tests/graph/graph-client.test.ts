import type { AuthenticationResult } from "@azure/msal-node";
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { createGraphClient, iteratePages, MsalClientCredentialsTokenProvider, StaticTokenProvider, GRAPH_DEFAULT_SCOPE } from "../../graph";
import { GraphFake } from "../fakes";

const TOKEN = "test-token-123";

describe("Graph client against the HTTPS Graph fake", () => {
  let fake: GraphFake;
  let tokens: StaticTokenProvider;

  beforeEach(async () => {
    fake = await GraphFake.start();
    tokens = new StaticTokenProvider(TOKEN);
  });
  afterEach(async () => {
    await fake.close();
  });

  function client(overrides: { maxRetries?: number } = {}): Client {
    return createGraphClient({ tokenProvider: tokens, baseUrl: fake.baseUrl, fetch: fake.fetch, retryDelaySeconds: 0, ...overrides });
  }

  it("sends the bearer token over verified TLS to the fake", async () => {
    fake.on("GET", "/me", () => ({ body: { displayName: "Jo Bloggs" } }));

    const me = (await client().api("/me").get()) as { displayName: string };

    expect(me.displayName).toBe("Jo Bloggs");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "GET", url: "/v1.0/me", path: "/me" });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.requests[0].headers.sdkversion).toMatch(/graph-js/);
  });

  it("rejects the fake's certificate when the client does not trust it", async () => {
    fake.on("GET", "/me", () => ({ body: {} }));
    // Global fetch knows only the public CAs, so TLS verification is really on in the tests above.
    const untrusting = createGraphClient({ tokenProvider: tokens, baseUrl: fake.baseUrl, maxRetries: 0 });
    const error = await untrusting
      .api("/me")
      .get()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).statusCode).toBe(-1); // no HTTP status: the TLS handshake itself failed
    expect(fake.requests).toHaveLength(0);
  });

  it("retries 429 twice, honouring Retry-After, then succeeds", async () => {
    fake.on("GET", "/users/42", () => ({ body: { id: "42" } }));
    fake.injectFaults({ status: 429, retryAfterSeconds: 1, count: 2 });

    const started = Date.now();
    const user = (await client().api("/users/42").get()) as { id: string };
    const elapsed = Date.now() - started;

    expect(user.id).toBe("42");
    const attempts = fake.requestsTo("GET", "/users/42");
    expect(attempts).toHaveLength(3);
    // Two 1-second waits; a little slack for timer granularity.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(950);
    expect(attempts[1].headers["retry-attempt"]).toBe("1");
    expect(attempts[2].headers["retry-attempt"]).toBe("2");
    expect(attempts.every((a) => a.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("uses a fractional Retry-After as the wait, so short throttles cost little", async () => {
    fake.on("GET", "/sites/root", () => ({ body: { id: "root" } }));
    fake.injectFaults({ status: 503, retryAfterSeconds: 0.2, count: 1 });

    const started = Date.now();
    await client().api("/sites/root").get();

    expect(fake.requestsTo("GET", "/sites/root")).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("surfaces a 503 storm as a GraphError with status 503 after maxRetries", async () => {
    fake.on("GET", "/groups", () => ({ body: { value: [] } }));
    fake.injectFaults({ status: 503, retryAfterSeconds: 0, count: 100 });

    const error = await client({ maxRetries: 2 })
      .api("/groups")
      .get()
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).statusCode).toBe(503);
    expect((error as GraphError).code).toBe("serviceNotAvailable");
    expect(fake.requestsTo("GET", "/groups")).toHaveLength(3); // the first try plus 2 retries
  });

  it("does not retry a call the caller aborted", async () => {
    fake.on("GET", "/groups", () => ({ body: { value: [] } }));
    fake.injectFaults({ status: 429, retryAfterSeconds: 0, count: 5 });
    const controller = new AbortController();
    const aborting = createGraphClient({
      tokenProvider: tokens,
      baseUrl: fake.baseUrl,
      retryDelaySeconds: 0,
      // Abort as the first 429 comes back, as a user cancelling a slow search would.
      fetch: async (input, init) => {
        const response = await fake.fetch(input, init);
        controller.abort();
        return response;
      },
      fetchOptions: { signal: controller.signal },
    });

    await expect(aborting.api("/groups").get()).rejects.toMatchObject({ statusCode: 429 });
    expect(fake.requestsTo("GET", "/groups")).toHaveLength(1);
  });

  it("follows @odata.nextLink across three pages, one page fetch at a time", async () => {
    fake.onPaged("/users", [
      [{ id: "1" }, { id: "2" }],
      [{ id: "3" }, { id: "4" }],
      [{ id: "5" }],
    ]);

    const seen: string[] = [];
    for await (const user of iteratePages<{ id: string }>(client(), "/users?$select=id&$top=2")) {
      seen.push(user.id);
      // Lazy: page 2 is fetched only once page 1 has been consumed.
      if (user.id === "2") expect(fake.requestsTo("GET", "/users")).toHaveLength(1);
    }

    expect(seen).toEqual(["1", "2", "3", "4", "5"]);
    const pages = fake.requestsTo("GET", "/users");
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => new URL(p.url, fake.baseUrl).searchParams.get("$skiptoken"))).toEqual([null, "1", "2"]);
    expect(pages.every((p) => p.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("stops paging when the consumer breaks out", async () => {
    fake.onPaged("/users", [[{ id: "1" }], [{ id: "2" }], [{ id: "3" }]]);

    for await (const user of iteratePages<{ id: string }>(client(), "/users")) {
      if (user.id === "1") break;
    }

    expect(fake.requestsTo("GET", "/users")).toHaveLength(1);
  });

  it("runs $batch steps through the same routes and faults", async () => {
    fake.on("GET", /^\/users\/(\w+)$/, ({ params }) => ({ body: { id: params[0] } }));
    fake.injectFaults({ status: 429, retryAfterSeconds: 1, count: 1, match: { path: "/users/b" } });

    const batch = (await client()
      .api("/$batch")
      .post({
        requests: [
          { id: "1", method: "GET", url: "/users/a" },
          { id: "2", method: "GET", url: "/users/b" },
        ],
      })) as { responses: Array<{ id: string; status: number; body: { id?: string }; headers: Record<string, string> }> };

    expect(batch.responses.map((r) => [r.id, r.status])).toEqual([
      ["1", 200],
      ["2", 429],
    ]);
    expect(batch.responses[0].body.id).toBe("a");
    expect(batch.responses[1].headers["retry-after"]).toBe("1");
    expect(fake.requests.map((r) => r.batchStepId ?? "envelope")).toEqual(["envelope", "1", "2"]);
  });

  it("rejects a batch over the 20-request limit as Graph does", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    await expect(client().api("/$batch").post({ requests })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("MsalClientCredentialsTokenProvider", () => {
  it("asks MSAL for the Graph .default scope and returns the token", async () => {
    const calls: string[][] = [];
    const provider = new MsalClientCredentialsTokenProvider({
      client: {
        acquireTokenByClientCredential: async (request) => {
          calls.push(request.scopes ?? []);
          // Only accessToken matters to the provider; the rest of MSAL's result is irrelevant here.
          return { accessToken: "msal-token" } as AuthenticationResult;
        },
      },
    });

    await expect(provider.getAccessToken()).resolves.toBe("msal-token");
    expect(calls).toEqual([[GRAPH_DEFAULT_SCOPE]]);
  });

  it("refuses delegated scopes, which the client-credentials grant cannot use", async () => {
    const provider = new MsalClientCredentialsTokenProvider({ client: { acquireTokenByClientCredential: async () => null } });
    await expect(provider.getAccessToken({ scopes: ["User.Read"] })).rejects.toThrow(/\.default/);
  });

  it("fails clearly when MSAL returns no token", async () => {
    const provider = new MsalClientCredentialsTokenProvider({ client: { acquireTokenByClientCredential: async () => null } });
    await expect(provider.getAccessToken()).rejects.toThrow(/no access token/);
  });
});
