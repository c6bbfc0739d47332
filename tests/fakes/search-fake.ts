import { createHash } from "node:crypto";
import type { FakeRequest, FakeResponse, GraphFake } from "./graph-fake";

/** Largest `size` Microsoft Search accepts for SharePoint content; above it Graph answers 400. */
export const FAKE_SEARCH_MAX_SIZE = 500;
/** `size` when a request gives none (Graph's default). */
export const FAKE_SEARCH_DEFAULT_SIZE = 25;
/** Characters of page text around the first match that a summary quotes. */
const SUMMARY_BEFORE = 40;
const SUMMARY_AFTER = 120;
/** Entity types the fake knows; Graph rejects unknown ones with 400. */
const ENTITY_TYPES = new Set(["listItem", "driveItem", "list", "site", "drive", "message", "event", "chatMessage", "person", "externalItem"]);
/** The KQL property restrictions the fake understands; any other restriction in a template is refused. */
const SUPPORTED_RESTRICTIONS = new Set(["path", "contentclass"]);

/** A page as the search index holds it. */
export interface SearchFakePage {
  readonly webUrl: string;
  readonly title: string;
  /** Body text. Passed through into summaries as is, so a test can plant markup or entities to see them handled. */
  readonly text: string;
  readonly fileName?: string;
  /** SharePoint content class (a Site Pages page is `STS_ListItem_WebPageLibrary`). */
  readonly contentClass?: string;
  /** Users (as `userOf` names them) who may read the page; absent: everyone signed in. */
  readonly readers?: readonly string[];
}

/** Options for {@link SearchFake}. */
export interface SearchFakeOptions {
  /** The index: a fixed list, or a function read on every request (e.g. a {@link SitePagesFake}'s current pages). */
  readonly pages: readonly SearchFakePage[] | (() => readonly SearchFakePage[]);
  /** Who a bearer token belongs to; undefined means Graph does not accept the token (401). */
  readonly userOf: (token: string) => string | undefined;
}

/** One query the fake answered, for assertions. */
export interface SearchFakeQuery {
  readonly user: string;
  readonly queryString: string;
  readonly queryTemplate?: string;
  readonly from: number;
  readonly size: number;
  readonly fields?: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * Microsoft Search (`POST /search/query`) over a set of pages, registered on the HTTPS {@link GraphFake}. It checks
 * the request the way Graph does (entity types, size limit, a query string), runs `queryTemplate` with its
 * `{searchTerms}` and `path:`/`contentclass:` restrictions, evaluates the free text as KQL (whole words, "phrases",
 * brackets, AND and OR; any other operator or syntax is a 400, as a leak would be), trims results to
 * the pages the token's user may read, ranks title matches above body matches, pages with `from`/`size` and
 * `moreResultsAvailable`, and writes summaries with `<c0>` highlights and `<ddd/>` cuts.
 *
 * @example
 * const search = new SearchFake(graph, { pages, userOf: (token) => tokens.get(token) });
 */
export class SearchFake {
  /** Every query answered, in order. */
  readonly queries: SearchFakeQuery[] = [];

  constructor(
    graph: GraphFake,
    private readonly options: SearchFakeOptions,
  ) {
    graph.on("POST", "/search/query", (request) => this.query(request));
  }

  private query(request: FakeRequest): FakeResponse {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    const user = token === undefined ? undefined : this.options.userOf(token);
    if (user === undefined) return { status: 401, body: graphError("InvalidAuthenticationToken", "Access token validation failure.") };
    const parsed = parseSearchRequest(request.body);
    if (typeof parsed === "string") return { status: 400, body: graphError("BadRequest", parsed) };
    this.queries.push({ user, ...parsed });

    const pages = typeof this.options.pages === "function" ? this.options.pages() : this.options.pages;
    const matches = pages
      .filter((p) => p.readers === undefined || p.readers.includes(user))
      .filter((p) => parsed.restrictions.every((r) => restrictionMatches(r, p)))
      .map((page) => ({ page, score: score(page, parsed.expression) }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || a.page.webUrl.localeCompare(b.page.webUrl));
    const window = matches.slice(parsed.from, parsed.from + parsed.size);
    const hits = window.map(({ page }, i) => renderHit(page, parsed.terms, parsed.from + i + 1, parsed.fields));
    const container: Json = { total: matches.length, moreResultsAvailable: parsed.from + parsed.size < matches.length };
    // Graph leaves `hits` out entirely when there are none.
    if (hits.length > 0) container.hits = hits;
    return {
      body: {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.searchResponse)",
        value: [{ searchTerms: parsed.terms, hitsContainers: [container] }],
      },
    };
  }
}

interface Restriction {
  readonly property: string;
  readonly value: string;
}

interface ParsedSearch extends Omit<SearchFakeQuery, "user"> {
  /** Every word of the query, for highlights and `searchTerms`. */
  readonly terms: string[];
  readonly expression: KqlNode;
  readonly restrictions: Restriction[];
}

/** KQL free text as the fake understands it: a word or "phrase" (a list of words), all of (AND), any of (OR). */
export type KqlNode = { readonly phrase: readonly string[] } | { readonly all: readonly KqlNode[] } | { readonly any: readonly KqlNode[] };

/** KQL's operators, upper case only ([MS-KQL] 2); the fake runs AND and OR and refuses the others. */
const KQL_OPERATORS = new Set(["ALL", "AND", "ANY", "NEAR", "NONE", "NOT", "ONEAR", "OR", "WORDS", "XRANK"]);
/** A bare word the fake takes literally: letters, digits and inner apostrophes. Wildcards, `+`/`-` and the like are refused. */
const BARE_WORD = /^[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*$/u;

/**
 * Parses KQL free text (property restrictions already taken out), strictly: balanced brackets and quotes, no empty
 * group, OR only between operands, and nothing beyond words, phrases, brackets, AND and OR. A string is the error.
 */
export function parseKql(text: string): KqlNode | string {
  const tokens = text.match(/"[^"]*"?|[()]|[^\s()"]+/g) ?? [];
  let at = 0;
  const anyOf = (): KqlNode | string => {
    const items: KqlNode[] = [];
    for (;;) {
      const item = allOf();
      if (typeof item === "string") return item;
      items.push(item);
      if (tokens[at] !== "OR") return items.length === 1 ? items[0]! : { any: items };
      at++;
    }
  };
  const allOf = (): KqlNode | string => {
    const items: KqlNode[] = [];
    while (at < tokens.length && tokens[at] !== ")" && tokens[at] !== "OR") {
      if (tokens[at] === "AND" && items.length > 0) at++;
      const item = operand();
      if (typeof item === "string") return item;
      items.push(item);
    }
    if (items.length === 0) return `Syntax error: expected a term at token ${at + 1}.`;
    return items.length === 1 ? items[0]! : { all: items };
  };
  const operand = (): KqlNode | string => {
    const token = tokens[at++];
    if (token === undefined) return "Syntax error: the query ends where a term was expected.";
    if (token === "(") {
      const inner = anyOf();
      if (typeof inner === "string") return inner;
      return tokens[at++] === ")" ? inner : "Syntax error: unbalanced brackets.";
    }
    if (token.startsWith('"')) {
      if (token.length < 2 || !token.endsWith('"')) return "Syntax error: unterminated phrase.";
      const words = token.slice(1, -1).split(/[^\p{L}\p{N}']+/u).filter((w) => w !== "");
      return words.length > 0 ? { phrase: words.map((w) => w.toLowerCase()) } : "Syntax error: empty phrase.";
    }
    if (KQL_OPERATORS.has(token)) return `The fake does not support the KQL operator ${token} here.`;
    return BARE_WORD.test(token) ? { phrase: [token.toLowerCase()] } : `The fake does not support the KQL syntax in ${JSON.stringify(token)}.`;
  };
  const expression = anyOf();
  if (typeof expression === "string") return expression;
  return at === tokens.length ? expression : "Syntax error: unbalanced brackets.";
}

/** Every word of an expression, once each, in order. */
function wordsOf(node: KqlNode): string[] {
  const words = "phrase" in node ? [...node.phrase] : ("all" in node ? node.all : node.any).flatMap(wordsOf);
  return [...new Set(words)];
}

/** Validates the body as Graph would and works out terms and restrictions; a string is the 400 message. */
function parseSearchRequest(body: unknown): ParsedSearch | string {
  const requests = isObject(body) ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length !== 1 || !isObject(requests[0])) return "requests must hold exactly one searchRequest (the fake answers one).";
  const request = requests[0];
  const entityTypes = request.entityTypes;
  if (!Array.isArray(entityTypes) || entityTypes.length === 0 || !entityTypes.every((t) => typeof t === "string" && ENTITY_TYPES.has(t))) {
    return "entityTypes must name at least one known entity type.";
  }
  const query = isObject(request.query) ? request.query : {};
  const queryString = typeof query.queryString === "string" ? query.queryString.trim() : "";
  if (queryString === "") return "query.queryString is required.";
  const queryTemplate = typeof query.queryTemplate === "string" ? query.queryTemplate : undefined;
  if (queryTemplate !== undefined && !queryTemplate.includes("{searchTerms}")) return "queryTemplate must contain {searchTerms}.";
  const from = request.from ?? 0;
  const size = request.size ?? FAKE_SEARCH_DEFAULT_SIZE;
  if (!Number.isInteger(from) || (from as number) < 0) return "from must be a non-negative integer.";
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > FAKE_SEARCH_MAX_SIZE) return `size must be from 1 to ${FAKE_SEARCH_MAX_SIZE}.`;
  const fields = Array.isArray(request.fields) ? request.fields.map(String) : undefined;

  const kql = queryTemplate === undefined ? queryString : queryTemplate.replace("{searchTerms}", queryString);
  const restrictions: Restriction[] = [];
  const free = kql.replace(/(\w+):(?:"([^"]*)"|(\S+))/g, (_all, property: string, quoted?: string, bare?: string) => {
    restrictions.push({ property: property.toLowerCase(), value: quoted ?? bare ?? "" });
    return " ";
  });
  const unsupported = restrictions.find((r) => !SUPPORTED_RESTRICTIONS.has(r.property));
  if (unsupported) return `The fake does not support the KQL property ${unsupported.property}.`;
  // KQL operators are upper case only; lower-case "and"/"or" are ordinary words.
  const expression = parseKql(free);
  if (typeof expression === "string") return expression;
  const terms = wordsOf(expression);
  return { queryString, ...(queryTemplate !== undefined ? { queryTemplate } : {}), from: from as number, size: size as number, ...(fields ? { fields } : {}), terms, expression, restrictions };
}

function restrictionMatches(restriction: Restriction, page: SearchFakePage): boolean {
  if (restriction.property === "contentclass") return (page.contentClass ?? "").toLowerCase() === restriction.value.toLowerCase();
  // path: is a prefix match on the URL, insensitive to case and to percent-encoding.
  return safeDecode(page.webUrl).toLowerCase().startsWith(safeDecode(restriction.value).toLowerCase());
}

/**
 * Whole-word (or whole-phrase) matches, title matches counting three times. Terms side by side must all match (AND,
 * as KQL does by default): zero if any is missing. OR adds up whichever alternatives match.
 */
function score(page: SearchFakePage, node: KqlNode): number {
  if ("phrase" in node) return countWord(page.title, node.phrase) * 3 + countWord(page.text, node.phrase);
  const scores = ("all" in node ? node.all : node.any).map((child) => score(page, child));
  if ("all" in node && scores.includes(0)) return 0;
  return scores.reduce((sum, s) => sum + s, 0);
}

function renderHit(page: SearchFakePage, terms: readonly string[], rank: number, fields: readonly string[] | undefined): Json {
  const hitId = createHash("sha1").update(page.webUrl).digest("base64url");
  const allFields: Record<string, string> = { title: page.title, filename: page.fileName ?? page.webUrl.split("/").pop() ?? "", contentclass: page.contentClass ?? "" };
  const selected = fields === undefined ? {} : Object.fromEntries(fields.map((f) => f.toLowerCase()).filter((f) => f in allFields).map((f) => [f, allFields[f]]));
  return {
    hitId,
    rank,
    summary: summarise(page.text, terms),
    resource: {
      "@odata.type": "#microsoft.graph.listItem",
      id: hitId,
      name: page.fileName ?? page.webUrl.split("/").pop(),
      webUrl: page.webUrl,
      parentReference: { siteId: "fake-site" },
      ...(fields === undefined ? {} : { fields: selected }),
    },
  };
}

/** A window of the text around the first matched term, every term wrapped in `<c0>`, cuts marked `<ddd/>`. */
function summarise(text: string, terms: readonly string[]): string {
  const first = Math.min(...terms.map((t) => wordIndex(text, t)).filter((i) => i >= 0), text.length);
  const start = first <= SUMMARY_BEFORE ? 0 : text.lastIndexOf(" ", first - SUMMARY_BEFORE) + 1;
  const end = Math.min(text.length, first + SUMMARY_AFTER);
  let window = text.slice(start, end);
  for (const term of terms) window = window.replace(wordPattern(term), "<c0>$1</c0>");
  return `${start > 0 ? "<ddd/> " : ""}${window}${end < text.length ? " <ddd/>" : ""}`;
}

/** A word, or the words of a phrase with anything but letters and digits between them. */
function wordPattern(term: string | readonly string[]): RegExp {
  const words = (typeof term === "string" ? [term] : term).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${words.join("[^\\p{L}\\p{N}]+")})(?![\\p{L}\\p{N}])`, "giu");
}

function countWord(text: string, term: string | readonly string[]): number {
  return text.match(wordPattern(term))?.length ?? 0;
}

function wordIndex(text: string, term: string): number {
  return text.search(wordPattern(term));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function graphError(code: string, message: string): Json {
  return { error: { code, message } };
}
