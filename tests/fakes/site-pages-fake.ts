import { randomUUID } from "node:crypto";
import type { FakeRequest, FakeResponse, GraphFake, RecordedRequest } from "./graph-fake";
import type { SearchFakePage } from "./search-fake";

/** Items a delta page holds when the request gives no `$top` (Graph's page size for list items). */
export const FAKE_DELTA_PAGE_SIZE = 200;
/** Content class Microsoft Search gives pages of a Site Pages library. */
export const SITE_PAGE_CONTENT_CLASS = "STS_ListItem_WebPageLibrary";

/** Options for {@link SitePagesFake}. */
export interface SitePagesFakeOptions {
  /** Tenant host (default `council.sharepoint.com`). */
  readonly hostname?: string;
  /** Server-relative site path (default `/sites/intranet`). */
  readonly sitePath?: string;
  /** Items per delta page when the request has no smaller `$top` (default {@link FAKE_DELTA_PAGE_SIZE}). */
  readonly pageSize?: number;
  /** How a deleted item is marked: the `deleted` facet listItem delta documents (default), or `@removed`. */
  readonly removedMarker?: "deleted" | "@removed";
  /** Display name of the Site Pages library: localised by SharePoint (default `Site Pages`; e.g. `Pages du site`). */
  readonly sitePagesDisplayName?: string;
  /** The site's other lists, returned before the Site Pages library (default: the Documents library and an Events list). */
  readonly otherLists?: readonly FakeListSummary[];
  /** Lists per page of `GET /sites/{site}/lists` (default {@link FAKE_LISTS_PAGE_SIZE}). */
  readonly listsPageSize?: number;
}

/** A list of the site other than Site Pages, as `GET /sites/{site}/lists` shows it. */
export interface FakeListSummary {
  /** URL name, e.g. `Shared Documents`. */
  readonly name: string;
  readonly displayName: string;
  /** `list.template`, e.g. `documentLibrary`, `genericList`, `webPageLibrary`. */
  readonly template: string;
}

/** Lists a `GET /sites/{site}/lists` page holds when the fake is given no smaller size. */
export const FAKE_LISTS_PAGE_SIZE = 200;
/** The URL name SharePoint gives the page library of every site, whatever its display name. */
const SITE_PAGES_NAME = "SitePages";
const DEFAULT_OTHER_LISTS: readonly FakeListSummary[] = [
  { name: "Shared Documents", displayName: "Documents", template: "documentLibrary" },
  { name: "Events", displayName: "Events", template: "events" },
];

/** What a test gives to create or change a page. */
export interface SitePageInput {
  readonly title?: string;
  /** Text web parts' HTML, top to bottom; a string is one web part. */
  readonly html?: string | readonly string[];
  /** Text web parts of the side (vertical) section. */
  readonly sidebarHtml?: readonly string[];
  /** False for a draft that was never published or has unpublished edits (default true). */
  readonly published?: boolean;
}

/** One item of the Site Pages library: a page or a folder. */
export interface FakeSitePageItem {
  readonly itemId: string;
  /** The file's UniqueId: `sharepointIds.listItemUniqueId`, and the sitePage id of the pages API. */
  readonly uniqueId: string;
  readonly kind: "page" | "folder";
  /** File name, e.g. `Annual-Leave.aspx`, or folder name. */
  name: string;
  title: string;
  webParts: string[];
  sidebar: string[];
  published: boolean;
  /** Bumped on every change; part of the eTag. */
  version: number;
  modified: string;
  /** Change-log position of the latest change (including deletion). */
  changeSeq: number;
  deleted: boolean;
}

/** What a delta token (opaque to clients) says. */
interface DeltaToken {
  /** Changes after this change-log position; null for a full enumeration. */
  readonly since: number | null;
  /** Change-log position when the round started; the round's deltaLink continues from here. */
  readonly anchor: number;
  /** Items of this round already returned. */
  readonly offset: number;
  /** Token generation; tokens from before {@link SitePagesFake.expireTokens} answer 410. */
  readonly generation: number;
}

type Json = Record<string, unknown>;

/**
 * A SharePoint site's Site Pages library as Graph shows it, registered on the HTTPS {@link GraphFake}:
 * `GET /sites/{site}/lists/{list}/items/delta` (full enumeration, `@odata.nextLink` paging, `@odata.deltaLink`
 * tokens, deleted items, `$select`, `$top`, 410 Gone with a `Location` for expired tokens) and
 * `GET /sites/{site}/pages/{id}/microsoft.graph.sitePage?$expand=canvasLayout` (text and non-text web parts,
 * publishing state), plus the site itself (`GET /sites/{id}` and `/sites/{host}:{path}`) and its lists
 * (`GET /sites/{site}/lists`, for the Site Pages list lookup). Pages change through methods here, as authors would
 * change them in SharePoint.
 *
 * @example
 * const graph = await GraphFake.start();
 * const site = new SitePagesFake(graph, { pageSize: 5 });
 * site.addPage("Annual-Leave.aspx", { title: "Annual leave", html: "<p>Book leave in MyView.</p>" });
 */
export class SitePagesFake {
  /** Graph site id: `host,site guid,web guid`. */
  readonly siteId: string;
  /** Id of the Site Pages list. */
  readonly listId = randomUUID();
  /** `https://host/sites/intranet`. */
  readonly siteUrl: string;
  /** Every item ever created, deleted ones included, by item id. */
  readonly items = new Map<string, FakeSitePageItem>();

  private readonly pageSize: number;
  private readonly removedMarker: "deleted" | "@removed";
  private readonly lists: ReadonlyArray<FakeListSummary & { readonly id: string }>;
  private readonly listsPageSize: number;
  private seq = 0;
  private nextItemId = 1;
  private generation = 1;

  constructor(
    private readonly graph: GraphFake,
    options: SitePagesFakeOptions = {},
  ) {
    const hostname = options.hostname ?? "council.sharepoint.com";
    this.siteId = `${hostname},${randomUUID()},${randomUUID()}`;
    this.siteUrl = `https://${hostname}${options.sitePath ?? "/sites/intranet"}`;
    this.pageSize = options.pageSize ?? FAKE_DELTA_PAGE_SIZE;
    this.removedMarker = options.removedMarker ?? "deleted";
    this.lists = [
      ...(options.otherLists ?? DEFAULT_OTHER_LISTS).map((l) => ({ ...l, id: randomUUID() })),
      { id: this.listId, name: SITE_PAGES_NAME, displayName: options.sitePagesDisplayName ?? "Site Pages", template: "webPageLibrary" },
    ];
    this.listsPageSize = options.listsPageSize ?? FAKE_LISTS_PAGE_SIZE;
    graph.on("GET", /^\/sites\/([^/:]+)$/, (request) => this.site(request, (site) => site === this.siteId));
    graph.on("GET", /^\/sites\/([^/:,]+):(\/[^:]*)$/, (request) => this.site(request, (host, path) => this.isSiteAt(host, path)));
    graph.on("GET", /^\/sites\/([^/]+)\/lists$/, (request) => this.listLists(request));
    graph.on("GET", /^\/sites\/([^/]+)\/lists\/([^/]+)\/items\/delta$/, (request) => this.delta(request));
    graph.on("GET", /^\/sites\/([^/]+)\/pages\/([^/]+)\/microsoft\.graph\.sitePage$/, (request) => this.page(request));
  }

  /** Creates a page, as an author publishing a new page would. */
  addPage(name: string, input: SitePageInput = {}): FakeSitePageItem {
    return this.create(name, "page", input);
  }

  /** Adds a folder to the library (folders are list items too, and not pages). */
  addFolder(name: string): FakeSitePageItem {
    return this.create(name, "folder", { title: name });
  }

  private create(name: string, kind: FakeSitePageItem["kind"], input: SitePageInput): FakeSitePageItem {
    if (this.find(name)) throw new Error(`An item named ${name} already exists`);
    const item: FakeSitePageItem = {
      itemId: String(this.nextItemId++),
      uniqueId: randomUUID(),
      kind,
      name,
      title: input.title ?? name.replace(/\.aspx$/i, ""),
      webParts: toParts(input.html),
      sidebar: [...(input.sidebarHtml ?? [])],
      published: input.published ?? true,
      version: 1,
      modified: new Date().toISOString(),
      changeSeq: ++this.seq,
      deleted: false,
    };
    this.items.set(item.itemId, item);
    return item;
  }

  /** Changes a page's title, text or publishing state. */
  editPage(name: string, input: SitePageInput): FakeSitePageItem {
    const item = this.require(name);
    if (input.title !== undefined) item.title = input.title;
    if (input.html !== undefined) item.webParts = toParts(input.html);
    if (input.sidebarHtml !== undefined) item.sidebar = [...input.sidebarHtml];
    if (input.published !== undefined) item.published = input.published;
    return this.touch(item);
  }

  /** Renames a page's file: same item, new URL. */
  renamePage(name: string, newName: string): FakeSitePageItem {
    const item = this.require(name);
    item.name = newName;
    return this.touch(item);
  }

  /** Deletes a page (to the recycle bin, as far as delta is concerned: it is reported deleted). */
  deletePage(name: string): FakeSitePageItem {
    const item = this.require(name);
    item.deleted = true;
    return this.touch(item);
  }

  /** Makes every delta token issued so far answer 410 Gone, as after a long outage or a service-side reset. */
  expireTokens(): void {
    this.generation++;
  }

  /** Live (not deleted) pages, in item order. */
  pages(): FakeSitePageItem[] {
    return [...this.items.values()].filter((i) => i.kind === "page" && !i.deleted);
  }

  /** The page's URL as SharePoint shows it (names are URL-encoded, e.g. spaces as %20). */
  webUrl(item: FakeSitePageItem): string {
    return `${this.siteUrl}/SitePages/${encodeURIComponent(item.name)}`;
  }

  /** Requests for delta pages (first, next and delta links alike). */
  deltaRequests(): RecordedRequest[] {
    return this.graph.requestsTo("GET", /^\/sites\/[^/]+\/lists\/[^/]+\/items\/delta$/);
  }

  /** Requests for the site's lists (the Site Pages list lookup). */
  listRequests(): RecordedRequest[] {
    return this.graph.requestsTo("GET", /^\/sites\/[^/]+\/lists$/);
  }

  /** Requests for page contents. */
  pageRequests(): RecordedRequest[] {
    return this.graph.requestsTo("GET", /^\/sites\/[^/]+\/pages\/[^/]+\/microsoft\.graph\.sitePage$/);
  }

  /**
   * The published pages as Microsoft Search would index them, for a {@link SearchFake} over the same site.
   * `readers` maps a page name to the users allowed to see it (others: everyone).
   */
  searchPages(readers: Readonly<Record<string, readonly string[]>> = {}): SearchFakePage[] {
    return this.pages()
      .filter((p) => p.published)
      .map((p) => ({
        webUrl: this.webUrl(p),
        title: p.title,
        fileName: p.name,
        text: [...p.webParts, ...p.sidebar].join(" ").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
        contentClass: SITE_PAGE_CONTENT_CLASS,
        ...(readers[p.name] ? { readers: readers[p.name] } : {}),
      }));
  }

  private find(name: string): FakeSitePageItem | undefined {
    return [...this.items.values()].find((i) => !i.deleted && i.name.toLowerCase() === name.toLowerCase());
  }

  private require(name: string): FakeSitePageItem {
    const item = this.find(name);
    if (!item) throw new Error(`No page named ${name}`);
    return item;
  }

  private touch(item: FakeSitePageItem): FakeSitePageItem {
    item.version++;
    item.modified = new Date().toISOString();
    item.changeSeq = ++this.seq;
    return item;
  }

  private checkTarget(request: FakeRequest): FakeResponse | undefined {
    if (!/^Bearer \S+/.test(request.headers.authorization ?? "")) return { status: 401, body: graphError("InvalidAuthenticationToken", "Access token is empty.") };
    if (decodeURIComponent(request.params[0] ?? "") !== this.siteId) return { status: 404, body: graphError("itemNotFound", "Site not found") };
    return undefined;
  }

  /** `GET /sites/{id}` or `GET /sites/{host}:{path}`: the site, as `resolveSite` reads it. */
  private site(request: FakeRequest, matches: (first: string, second: string) => boolean): FakeResponse {
    if (!/^Bearer \S+/.test(request.headers.authorization ?? "")) return { status: 401, body: graphError("InvalidAuthenticationToken", "Access token is empty.") };
    const [first = "", second = ""] = request.params.map((p) => decodeURIComponent(p));
    if (!matches(first, second)) return { status: 404, body: graphError("itemNotFound", "Requested site could not be found") };
    return { body: { id: this.siteId, name: "intranet", displayName: "Intranet", webUrl: this.siteUrl } };
  }

  private isSiteAt(host: string, path: string): boolean {
    const url = new URL(this.siteUrl);
    return host.toLowerCase() === url.hostname && path.replace(/\/+$/, "").toLowerCase() === url.pathname.toLowerCase();
  }

  /** `GET /sites/{id}/lists`, paged with `$skiptoken`, honouring `$select` like Graph. */
  private listLists(request: FakeRequest): FakeResponse {
    const refused = this.checkTarget(request);
    if (refused) return refused;
    const offset = Number(request.query.get("$skiptoken") ?? "0");
    const select = parseSelect(request.query.get("$select"));
    const value = this.lists.slice(offset, offset + this.listsPageSize).map((l) => {
      const full: Json = {
        id: l.id,
        name: l.name,
        displayName: l.displayName,
        webUrl: `${this.siteUrl}/${encodeURIComponent(l.name)}`,
        createdDateTime: "2024-01-08T09:00:00Z",
        list: { template: l.template, hidden: false, contentTypesEnabled: l.template === "webPageLibrary" },
        parentReference: { siteId: this.siteId },
      };
      return select ? Object.fromEntries(Object.entries(full).filter(([key]) => key === "id" || select.has(key.toLowerCase()))) : full;
    });
    const body: Json = { value };
    if (offset + this.listsPageSize < this.lists.length) {
      const query = new URLSearchParams(request.query);
      query.set("$skiptoken", String(offset + this.listsPageSize));
      body["@odata.nextLink"] = `${request.baseUrl}/v1.0/sites/${this.siteId}/lists?${query.toString()}`;
    }
    return { body };
  }

  private delta(request: FakeRequest): FakeResponse {
    const refused = this.checkTarget(request);
    if (refused) return refused;
    if (request.params[1] !== this.listId) return { status: 404, body: graphError("itemNotFound", "List not found") };
    const raw = request.query.get("token");
    const parsed = raw === null ? { since: null, anchor: this.seq, offset: 0, generation: this.generation } : decodeToken(raw);
    if (!parsed) return { status: 400, body: graphError("invalidRequest", "Invalid delta token") };
    // A round's first page fixes its end: changes made while the client pages through go to the next round.
    const token = parsed.offset === 0 ? { ...parsed, anchor: this.seq } : parsed;
    if (parsed.generation !== this.generation) {
      const fresh = this.link(request, { since: null, anchor: this.seq, offset: 0, generation: this.generation });
      return { status: 410, headers: { location: fresh }, body: graphError("resyncChangesApplyDifferences", "Resync required: the delta token has expired.") };
    }
    const all = [...this.items.values()];
    const round =
      token.since === null
        ? all.filter((i) => !i.deleted).sort((a, b) => Number(a.itemId) - Number(b.itemId))
        : all.filter((i) => i.changeSeq > (token.since as number) && i.changeSeq <= token.anchor).sort((a, b) => a.changeSeq - b.changeSeq);
    const top = Number(request.query.get("$top") ?? this.pageSize);
    const size = Math.max(1, Math.min(this.pageSize, Number.isInteger(top) && top > 0 ? top : this.pageSize));
    const slice = round.slice(token.offset, token.offset + size);
    const select = parseSelect(request.query.get("$select"));
    const expandFields = (request.query.get("$expand") ?? "").split(",").includes("fields");
    const body: Json = { value: slice.map((i) => this.renderItem(i, select, expandFields)) };
    if (token.offset + size < round.length) body["@odata.nextLink"] = this.link(request, { ...token, offset: token.offset + size });
    else body["@odata.deltaLink"] = this.link(request, { since: token.anchor, anchor: token.anchor, offset: 0, generation: this.generation });
    return { body };
  }

  private page(request: FakeRequest): FakeResponse {
    const refused = this.checkTarget(request);
    if (refused) return refused;
    const item = [...this.items.values()].find((i) => i.uniqueId === decodeURIComponent(request.params[1] ?? ""));
    if (!item || item.deleted || item.kind !== "page") return { status: 404, body: graphError("itemNotFound", "The page was not found.") };
    const body: Json = {
      "@odata.type": "#microsoft.graph.sitePage",
      id: item.uniqueId,
      name: item.name,
      title: item.title,
      webUrl: this.webUrl(item),
      pageLayout: "article",
      lastModifiedDateTime: item.modified,
      eTag: `"{${item.uniqueId.toUpperCase()}},${item.version}"`,
      publishingState: { level: item.published ? "published" : "draft", versionId: item.published ? `${item.version}.0` : `${item.version}.1` },
    };
    if ((request.query.get("$expand") ?? "").split(",").includes("canvasLayout")) body.canvasLayout = renderCanvas(item);
    return { body };
  }

  private renderItem(item: FakeSitePageItem, select: Set<string> | undefined, expandFields: boolean): Json {
    if (item.deleted) {
      // A deleted item carries its id and the marker only: no URL, no fields.
      return this.removedMarker === "deleted" ? { id: item.itemId, deleted: { state: "deleted" } } : { id: item.itemId, "@removed": { reason: "deleted" } };
    }
    const full: Json = {
      id: item.itemId,
      eTag: `"{${item.uniqueId.toUpperCase()}},${item.version}"`,
      createdDateTime: item.modified,
      lastModifiedDateTime: item.modified,
      webUrl: item.kind === "folder" ? `${this.siteUrl}/SitePages/${encodeURIComponent(item.name)}` : this.webUrl(item),
      contentType: { id: item.kind === "folder" ? "0x0120" : "0x0101009D1CB255DA76424F860D91F20E6C4118", name: item.kind === "folder" ? "Folder" : "Site Page" },
      parentReference: { siteId: this.siteId },
    };
    // Like Graph, sharepointIds is not a default property: only a $select naming it returns it.
    if (select?.has("sharepointids")) {
      full.sharepointIds = { listId: this.listId, listItemId: item.itemId, listItemUniqueId: item.uniqueId, siteId: this.siteId.split(",")[1], siteUrl: this.siteUrl };
    }
    if (expandFields) full.fields = { id: item.itemId, Title: item.title, FileLeafRef: item.name };
    if (!select) return full;
    return Object.fromEntries(Object.entries(full).filter(([key]) => key === "id" || select.has(key.toLowerCase()) || key === "fields"));
  }

  /** A delta URL for `token`, keeping the request's other query options as Graph's links do. */
  private link(request: FakeRequest, token: DeltaToken): string {
    const query = new URLSearchParams(request.query);
    query.set("token", encodeToken(token));
    return `${request.baseUrl}/v1.0/sites/${this.siteId}/lists/${this.listId}/items/delta?${query.toString()}`;
  }
}

function toParts(html: string | readonly string[] | undefined): string[] {
  return html === undefined ? [] : typeof html === "string" ? [html] : [...html];
}

/** The page's canvas: text web parts in one section, an image web part after them (never indexed), the sidebar. */
function renderCanvas(item: FakeSitePageItem): Json {
  const text = (html: string, i: number): Json => ({ "@odata.type": "#microsoft.graph.textWebPart", id: `${item.uniqueId}-t${i}`, innerHtml: html });
  const image: Json = {
    "@odata.type": "#microsoft.graph.standardWebPart",
    id: `${item.uniqueId}-img`,
    webPartType: "d1d91016-032f-456d-98a4-721247c305e8",
    data: { title: "Image", description: "decorative banner SHOULD-NOT-BE-INDEXED", serverProcessedContent: { htmlStrings: [] } },
  };
  return {
    horizontalSections: [{ id: "1", layout: "oneColumn", emphasis: "none", columns: [{ id: "1", width: 12, webparts: [...item.webParts.map(text), image] }] }],
    ...(item.sidebar.length > 0 ? { verticalSection: { emphasis: "none", webparts: item.sidebar.map((html, i) => text(html, 100 + i)) } } : {}),
  };
}

function parseSelect(value: string | null): Set<string> | undefined {
  return value ? new Set(value.split(",").map((s) => s.trim().toLowerCase())) : undefined;
}

function encodeToken(token: DeltaToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeToken(raw: string): DeltaToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<DeltaToken>;
    if (typeof value.anchor !== "number" || typeof value.offset !== "number" || typeof value.generation !== "number") return undefined;
    if (value.since !== null && typeof value.since !== "number") return undefined;
    return value as DeltaToken;
  } catch {
    return undefined;
  }
}

function graphError(code: string, message: string): Json {
  return { error: { code, message } };
}
