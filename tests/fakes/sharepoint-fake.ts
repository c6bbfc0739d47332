import { randomUUID } from "node:crypto";
import type { FetchFunction } from "../../graph/fetch-handler";
import { GraphFake, type FakeRequest, type FakeResponse, type RecordedRequest } from "./graph-fake";
import { FaultPlan, faultAnswer, type FaultTally, type SharePointFaultSpec } from "./sharepoint-faults";
import { errorAnswer, isObject, notEmulated, ok, wantsExpand, type Target } from "./sharepoint-http";
import { checkIfMatch, createItem, listItems, updateFields } from "./sharepoint-item-routes";
import { columnsTarget, findList, renderList, renderSite, updateList } from "./sharepoint-list-routes";
import { builtInColumns, createColumn, removeItem, renderFields, renderItem, SharePointRuleError, spNow, writeValues, type FakeItem, type FakeList, type FakeSite, type StoredValue } from "./sharepoint-model";

/** Options for {@link SharePointFake.start}. */
export interface SharePointFakeOptions {
  /** Tenant host of the first site (default `council.sharepoint.com`). */
  readonly hostname?: string;
  /** Server-relative path of the first site (default `/sites/hub`). */
  readonly sitePath?: string;
  /** Seed of the generator that picks which requests a fractional storm hits (default 1). */
  readonly seed?: number;
}

/**
 * SharePoint lists through Microsoft Graph, emulated on the HTTPS {@link GraphFake}: site lookup, lists, columns
 * (types, indexes, unique values, SharePoint's limits), list items with eTags and If-Match, `$filter` with the
 * list view threshold and the Prefer header, `$top`/`$skiptoken` paging in id order, and `$batch` (the base fake
 * runs each step through these same routes). Fault storms can hit requests before they run or after (lost
 * answers); item counts let a test prove nothing was lost or written twice.
 *
 * @example
 * const sp = await SharePointFake.start();
 * const client = createGraphClient({ tokenProvider, baseUrl: sp.baseUrl, fetch: sp.fetch, retryDelaySeconds: 0 });
 * const site = await client.api(`/sites/${sp.site.hostname}:${sp.site.path}`).get();
 */
export class SharePointFake {
  /** The sites, lists and items, for assertions; mutate only through HTTP. */
  readonly sites: FakeSite[] = [];
  /** Active storms and totals of faults injected. */
  readonly faults: FaultPlan;
  /**
   * A fetch for the Graph client: the base fake's trusting fetch, plus storms on `$batch` envelopes, which the base
   * fake answers itself rather than through routes (`before` faults are queued on it, `after` ones replace the answer).
   */
  readonly fetch: FetchFunction;

  private constructor(
    readonly graph: GraphFake,
    options: SharePointFakeOptions,
  ) {
    this.faults = new FaultPlan(options.seed ?? 1);
    this.addSite(options.hostname ?? "council.sharepoint.com", options.sitePath ?? "/sites/hub");
    for (const method of ["GET", "POST", "PATCH", "DELETE"]) graph.on(method, /^\/sites\/(.+)$/, (request) => this.handle(request));
    this.fetch = (input, init) => this.fetchWithEnvelopeFaults(input, init);
  }

  /** Starts a Graph fake with SharePoint routes and one empty site. */
  static async start(options: SharePointFakeOptions = {}): Promise<SharePointFake> {
    return new SharePointFake(await GraphFake.start(), options);
  }

  /** The first site. */
  get site(): FakeSite {
    return this.sites[0]!;
  }

  /** `https://127.0.0.1:<port>`, the Graph client's baseUrl. */
  get baseUrl(): string {
    return this.graph.baseUrl;
  }

  /** Every request received (batch steps after their envelope). */
  get requests(): RecordedRequest[] {
    return this.graph.requests;
  }

  /** Adds a site, e.g. to check a store never strays to another site's lists. */
  addSite(hostname: string, path: string): FakeSite {
    const site: FakeSite = { id: `${hostname},${randomUUID()},${randomUUID()}`, hostname, path, displayName: path.split("/").pop() ?? path, lists: [] };
    this.sites.push(site);
    return site;
  }

  /** A list of the first site by URL name or display name. */
  list(nameOrTitle: string): FakeList | undefined {
    return findList(this.site, nameOrTitle);
  }

  /** Items of a list, in id order. */
  items(nameOrTitle: string): FakeItem[] {
    return [...(this.list(nameOrTitle)?.items.values() ?? [])];
  }

  /**
   * Test setup shortcut: adds items straight to a list, skipping HTTP, so a test can start past the list view
   * threshold in milliseconds. Values are stored as given (no type checks); everything else goes through HTTP.
   */
  seedItems(nameOrTitle: string, rows: ReadonlyArray<Readonly<Record<string, StoredValue>>>): void {
    const list = this.list(nameOrTitle);
    if (!list) throw new Error(`No list ${nameOrTitle}`);
    for (const row of rows) {
      const now = spNow();
      const item: FakeItem = { id: list.nextItemId++, uniqueId: randomUUID(), version: 1, created: now, modified: now, values: new Map() };
      writeValues(list, item, new Map(Object.entries(row)));
      list.items.set(item.id, item);
    }
  }

  /** Starts a storm; see {@link SharePointFaultSpec}. */
  injectFaults(spec: SharePointFaultSpec): FaultTally {
    return this.faults.add(spec);
  }

  /** Forgets recorded requests and ends storms; sites, lists and items stay. */
  reset(): void {
    this.graph.reset();
    this.faults.clear();
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.graph.close();
  }

  private async fetchWithEnvelopeFaults(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const path = new URL(url).pathname.replace(/^\/(?:v1\.0|beta)(?=\/|$)/, "");
    const fault = method === "POST" && path === "/$batch" ? this.faults.take({ method, path, kind: "batch" }) : undefined;
    if (fault && (fault.timing ?? "before") === "before") {
      // Let the base fake answer it, so the attempt is recorded like any other request (it plays 429/503/504 only).
      this.graph.injectFaults({ status: fault.status === 500 ? 503 : fault.status, retryAfterSeconds: fault.retryAfterSeconds ?? 0, count: 1, match: { method: "POST", path: "/$batch" } });
    }
    const response = await this.graph.fetch(input, init);
    if (!fault || (fault.timing ?? "before") === "before") return response;
    await response.arrayBuffer(); // the batch ran; its answer is what gets lost
    const answer = faultAnswer(fault);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  }

  private async handle(request: FakeRequest): Promise<FakeResponse> {
    // The base fake records a request just before calling its route, so the last record is this request; it is
    // the only place a batch step's id is visible to a route.
    const last = this.graph.requests[this.graph.requests.length - 1];
    const batchStepId = last && last.method === request.method && last.path === request.path ? last.batchStepId : undefined;
    let target: Target;
    try {
      target = this.resolve(request);
    } catch (error) {
      return errorAnswer(error);
    }
    const fault = this.faults.take({ method: request.method, path: request.path, kind: target.kind, batchStepId });
    if (fault && (fault.timing ?? "before") === "before") return faultAnswer(fault);
    let answer: FakeResponse;
    try {
      answer = target.run();
    } catch (error) {
      answer = errorAnswer(error);
    }
    return fault ? faultAnswer(fault) : answer;
  }

  /** Works out what a `/sites/...` request addresses, and how to answer it. */
  private resolve(request: FakeRequest): Target {
    const rest = request.path.slice("/sites/".length);
    const byPath = /^([^/:,]+):(\/[^:]*?)(?::(\/.*)?)?$/.exec(rest);
    let site: FakeSite | undefined;
    let remainder: string;
    if (byPath) {
      const [, hostname, path, tail] = byPath;
      site = this.sites.find((s) => s.hostname.toLowerCase() === hostname!.toLowerCase() && s.path.toLowerCase() === decodeURIComponent(path!).replace(/\/+$/, "").toLowerCase());
      remainder = tail ?? "";
    } else {
      const slash = rest.indexOf("/");
      const id = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
      site = id === "root" ? this.sites[0] : this.sites.find((s) => s.id.toLowerCase() === id.toLowerCase());
      remainder = slash === -1 ? "" : rest.slice(slash);
    }
    if (!site) throw new SharePointRuleError(404, "itemNotFound", "Requested site could not be found");
    const segments = remainder.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
    return this.route(request, site, segments);
  }

  private route(request: FakeRequest, site: FakeSite, segments: string[]): Target {
    const { method } = request;
    const read = (run: () => FakeResponse): Target => ({ kind: "read", run });
    if (segments.length === 0 && method === "GET") return read(() => ok(renderSite(site)));
    if (segments[0] !== "lists") return notEmulated(request);
    if (segments.length === 1) {
      if (method === "GET") return read(() => ok({ value: site.lists.map((l) => renderList(site, l, wantsExpand(request, "columns"))) }));
      if (method === "POST") return { kind: "schema", run: () => this.createList(site, request.body) };
      return notEmulated(request);
    }
    const list = findList(site, segments[1]!);
    const missingList = (): never => {
      throw new SharePointRuleError(404, "itemNotFound", "The requested list was not found");
    };
    const listOrThrow = (): FakeList => list ?? missingList();
    if (segments.length === 2) {
      if (method === "GET") return read(() => ok(renderList(site, listOrThrow(), wantsExpand(request, "columns"))));
      if (method === "PATCH") return { kind: "schema", run: () => updateList(site, listOrThrow(), request.body) };
      return notEmulated(request);
    }
    if (segments[2] === "columns") return columnsTarget(request, listOrThrow, segments.slice(3));
    if (segments[2] === "items") return this.itemsTarget(request, site, listOrThrow, segments.slice(3));
    return notEmulated(request);
  }

  private createList(site: FakeSite, body: unknown): FakeResponse {
    if (!isObject(body) || typeof body.displayName !== "string" || body.displayName.trim() === "") {
      throw new SharePointRuleError(400, "invalidRequest", "A list needs a displayName.");
    }
    const displayName = body.displayName.trim();
    // The URL name comes from the display name at creation and never changes afterwards.
    const name = displayName.replace(/[^A-Za-z0-9_ -]/g, "");
    if (site.lists.some((l) => l.name.toLowerCase() === name.toLowerCase() || l.displayName.toLowerCase() === displayName.toLowerCase())) {
      throw new SharePointRuleError(409, "nameAlreadyExists", `A list named '${displayName}' already exists.`);
    }
    const template = isObject(body.list) && typeof body.list.template === "string" ? body.list.template : "genericList";
    if (template !== "genericList") throw new SharePointRuleError(400, "invalidRequest", `The fake only emulates genericList, not ${template}.`);
    const now = spNow();
    const list: FakeList = {
      id: randomUUID(),
      name,
      displayName,
      description: typeof body.description === "string" ? body.description : "",
      template,
      created: now,
      modified: now,
      columns: builtInColumns(),
      items: new Map(),
      nextItemId: 1,
      unique: new Map(),
    };
    if (body.columns !== undefined) {
      if (!Array.isArray(body.columns)) throw new SharePointRuleError(400, "invalidRequest", "columns must be an array.");
      for (const definition of body.columns) {
        const column = createColumn(list, definition);
        list.columns.push(column);
      }
    }
    site.lists.push(list);
    return ok(renderList(site, list, false), 201);
  }

  private itemsTarget(request: FakeRequest, site: FakeSite, listOrThrow: () => FakeList, segments: string[]): Target {
    const { method } = request;
    if (segments.length === 0) {
      if (method === "GET") return { kind: "read", run: () => listItems(request, site, listOrThrow()) };
      if (method === "POST") return { kind: "write", run: () => createItem(request, site, listOrThrow()) };
      return notEmulated(request);
    }
    const itemOrThrow = (): FakeItem => {
      const raw = segments[0]!;
      if (!/^\d{1,10}$/.test(raw)) throw new SharePointRuleError(400, "invalidRequest", `Invalid item id '${raw}'.`);
      const item = listOrThrow().items.get(Number(raw));
      if (!item) throw new SharePointRuleError(404, "itemNotFound", "The resource could not be found.");
      return item;
    };
    const webUrl = (): string => `https://${site.hostname}${site.path}/Lists/${listOrThrow().name}`;
    if (segments.length === 1) {
      if (method === "GET") return { kind: "read", run: () => ok(renderItem(itemOrThrow(), webUrl(), wantsExpand(request, "fields"))) };
      if (method === "DELETE") {
        return {
          kind: "write",
          run: () => {
            const item = itemOrThrow();
            checkIfMatch(request, item);
            removeItem(listOrThrow(), item);
            return { status: 204 };
          },
        };
      }
      return notEmulated(request);
    }
    if (segments.length === 2 && segments[1] === "fields") {
      if (method === "GET") return { kind: "read", run: () => ok(renderFields(itemOrThrow())) };
      if (method === "PATCH") return { kind: "write", run: () => updateFields(request, listOrThrow(), itemOrThrow()) };
    }
    return notEmulated(request);
  }
}
