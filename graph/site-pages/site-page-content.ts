import type { Client } from "@microsoft/microsoft-graph-client";
import { parseDocument, type GuidancePage, type SourceDocument } from "../../core";

/** A web part on a page's canvas. Only text web parts carry prose worth indexing. */
export interface CanvasWebPart {
  readonly "@odata.type"?: string;
  readonly id?: string;
  /** Set on `#microsoft.graph.textWebPart`: the rich text the author wrote, as HTML. */
  readonly innerHtml?: string;
}

/** A column of a horizontal section, or the vertical section: web parts in reading order. */
export interface CanvasColumn {
  readonly webparts?: readonly CanvasWebPart[];
}

/** `canvasLayout` of a modern page: horizontal sections top to bottom, and an optional side (vertical) section. */
export interface CanvasLayout {
  readonly horizontalSections?: ReadonlyArray<{ readonly columns?: readonly CanvasColumn[] }>;
  readonly verticalSection?: CanvasColumn;
}

/** The `sitePage` properties the sync reads. */
export interface SitePageResource {
  readonly id: string;
  readonly name?: string;
  readonly title?: string;
  readonly webUrl?: string;
  /** The page description authors set in page details; search ranks it with the page's keywords. */
  readonly description?: string;
  readonly lastModifiedDateTime?: string;
  /** `published`, `draft` or `checkout`. */
  readonly publishingState?: { readonly level?: string };
  readonly canvasLayout?: CanvasLayout;
}

/** The only publishing level whose content every reader sees; drafts must never reach the shared index. */
const PUBLISHED = "published";
const TEXT_WEB_PART = "#microsoft.graph.textWebPart";

/**
 * Reads one page with its canvas: `GET /sites/{siteId}/pages/{id}/microsoft.graph.sitePage?$expand=canvasLayout`.
 *
 * Why the pages API rather than the list item's `CanvasContent1` field (which delta could return inline): the
 * canvas field is SharePoint's internal serialisation (web part JSON inside HTML attributes) and changes without
 * notice, while `canvasLayout` is the documented, typed shape. The price is one GET per changed page, which delta
 * already keeps proportional to what changed.
 */
export async function fetchSitePage(client: Client, siteId: string, pageUniqueId: string): Promise<SitePageResource> {
  const path = `/sites/${siteId}/pages/${encodeURIComponent(pageUniqueId)}/microsoft.graph.sitePage`;
  return (await client.api(path).expand("canvasLayout").get()) as SitePageResource;
}

/** True unless the page is a draft or checked out: the published version is the only one all staff may read. */
export function isPublished(page: SitePageResource): boolean {
  // Classic pages and older tenants may omit the facet; they have no draft state to leak.
  return page.publishingState?.level === undefined || page.publishingState.level === PUBLISHED;
}

/** The HTML of every text web part, in reading order: sections top to bottom, columns left to right, then the side section. */
export function textWebPartsHtml(layout: CanvasLayout | undefined): string[] {
  const columns: CanvasColumn[] = [...(layout?.horizontalSections ?? []).flatMap((s) => s.columns ?? []), ...(layout?.verticalSection ? [layout.verticalSection] : [])];
  return columns.flatMap((c) => c.webparts ?? []).filter((w) => w["@odata.type"] === TEXT_WEB_PART && typeof w.innerHtml === "string").map((w) => w.innerHtml as string);
}

/**
 * The page as an HTML document core's parser understands: `<title>` for the title, a canonical link for the URL,
 * and the text web parts inside `<main>`. Deterministic, so an unchanged page hashes the same and is skipped.
 */
export function toSourceDocument(pageId: string, page: SitePageResource): SourceDocument {
  const title = page.title?.trim() || page.name?.replace(/\.aspx$/i, "") || pageId;
  const canonical = page.webUrl ? `<link rel="canonical" href="${escapeHtml(page.webUrl)}">` : "";
  const body = textWebPartsHtml(page.canvasLayout).map((html) => `<section>${html}</section>`).join("\n");
  const description = page.description?.trim() ? `<meta name="description" content="${escapeHtml(page.description.trim())}">` : "";
  const content = `<!doctype html><html><head><title>${escapeHtml(title)}</title>${canonical}${description}</head><body><main>\n${body}\n</main></body></html>`;
  const modified = page.lastModifiedDateTime ? new Date(page.lastModifiedDateTime) : undefined;
  return { id: pageId, content, ...(modified && !Number.isNaN(modified.getTime()) ? { modifiedAt: modified } : {}) };
}

/**
 * Runs core's parser on a site page. Core picks Markdown or HTML from the id's extension and does not know `.aspx`,
 * so the document is parsed under an `.html` alias and the real id put back; everything else (sanitising, text,
 * headings, hash) is core's own.
 */
export function parseSitePage(doc: SourceDocument, origin: string, now: Date): GuidancePage {
  return { ...parseDocument({ ...doc, id: `${doc.id}.html` }, origin, now), id: doc.id };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
