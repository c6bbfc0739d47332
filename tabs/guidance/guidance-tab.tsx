import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type MouseEvent } from "react";
import { APP_NAME, isApiError, type ApiClient, type GuidanceResult, type GuidanceSearchResponse, type Me } from "../shared";
import { canCurateSearch, ManageSearch, VIEW_TITLES } from "./curation";
import { guidanceHref, isPlainClick, readGuidanceLink, replaceGuidanceLink, type ManageView } from "./deep-link";
import { PageView } from "./page-view";
import { SearchForm } from "./search-form";
import { SearchResults } from "./search-results";
import { statusText, type SearchState } from "./search-status";

/** Results asked of the host per search: a screenful of cards, well under the host's maximum of 50. */
export const RESULTS_PER_SEARCH = 10;

const TAB_NAME = "Guidance";

const useStyles = makeStyles({
  // Margins, not flex gap: the live regions are often empty, and an empty region must not add a gap.
  heading: { ...typographyStyles.title2, margin: 0 },
  titleRow: { display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", columnGap: tokens.spacingHorizontalL },
  manageLink: { display: "inline-block", minHeight: "24px", fontSize: tokens.fontSizeBase300 },
  intro: { display: "block", margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalL}`, color: tokens.colorNeutralForeground2 },
  status: { fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalM}`, minHeight: tokens.lineHeightBase300 },
  spinner: { justifyContent: "flex-start", marginBottom: tokens.spacingVerticalM },
  alert: { "& > *": { marginBottom: tokens.spacingVerticalM } },
});

/** Which page is open, and whether it was opened from the results (so Back can return there). */
interface OpenPage {
  readonly id: string;
  readonly fromResults: boolean;
}

/** Props of {@link GuidanceTab}. */
export interface GuidanceTabProps {
  readonly api: ApiClient;
  /** The signed-in user: their roles decide whether "Manage search" is offered. */
  readonly user: Me;
}

/**
 * The Guidance tab: search the intranet guidance, read a page, say whether it helped.
 * `?q=` runs a search on open and `?page=` opens a page directly (links from the bot's cards); `?view=` opens
 * Manage search (vocabulary, best bets, content-gap report) for the communications team.
 */
export function GuidanceTab({ api, user }: GuidanceTabProps): JSX.Element {
  const styles = useStyles();
  const initial = useMemo(() => readGuidanceLink(), []);
  const [input, setInput] = useState(initial.query ?? "");
  const [search, setSearch] = useState<SearchState>({ kind: "idle" });
  const [openPage, setOpenPage] = useState<OpenPage | undefined>(initial.page ? { id: initial.page, fromResults: false } : undefined);
  const [view, setView] = useState<ManageView | undefined>(initial.view);
  const manageLinkRef = useRef<HTMLAnchorElement>(null);
  const mayCurate = canCurateSearch(user);
  // After Back, the id of the result to focus once the results are visible again ("" = the search box).
  const [returnFocusTo, setReturnFocusTo] = useState<string | undefined>(undefined);
  const [pageTitle, setPageTitle] = useState<string | undefined>(undefined);
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const inputRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef<AbortController | undefined>(undefined);

  const runSearch = useCallback(
    (query: string): void => {
      // Only the latest search may update the results: an older, slower answer must not overwrite a newer one.
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setSearch({ kind: "loading", query });
      api.guidance.search(query, { top: RESULTS_PER_SEARCH, signal: controller.signal }).then(
        (response) => setSearch(doneState(response)),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setSearch({ kind: "failed", query, message: isApiError(error) ? error.message : "The search could not be run. Try again." });
        },
      );
    },
    [api],
  );

  useEffect(() => {
    if (initial.query) runSearch(initial.query);
    return () => inFlight.current?.abort();
  }, [initial.query, runSearch]);

  const lastQuery = search.kind === "idle" ? (initial.query ?? "") : search.query;

  useEffect(() => {
    replaceGuidanceLink({ page: openPage?.id, query: lastQuery || undefined, view });
  }, [openPage, lastQuery, view]);

  useEffect(() => {
    const current = view ? VIEW_TITLES[view] : openPage ? (pageTitle ?? TAB_NAME) : lastQuery ? `${lastQuery} – ${TAB_NAME}` : TAB_NAME;
    document.title = current === TAB_NAME ? `${TAB_NAME} – ${APP_NAME}` : `${current} – ${TAB_NAME} – ${APP_NAME}`;
  }, [openPage, pageTitle, lastQuery, view]);

  // Runs after the results are shown again: focus the result that was opened, or the search box.
  useEffect(() => {
    if (returnFocusTo === undefined || openPage) return;
    const target = links.current.get(returnFocusTo) ?? inputRef.current;
    target?.focus();
    setReturnFocusTo(undefined);
  }, [returnFocusTo, openPage]);

  const linkRef = useCallback((id: string, element: HTMLAnchorElement | null) => {
    if (element) links.current.set(id, element);
    else links.current.delete(id);
  }, []);

  const open = useCallback((result: GuidanceResult) => {
    setPageTitle(undefined);
    setOpenPage({ id: result.id, fromResults: true });
  }, []);

  const back = useCallback(() => {
    setReturnFocusTo(openPage?.id ?? "");
    setPageTitle(undefined);
    setOpenPage(undefined);
  }, [openPage]);

  const closeManage = useCallback(() => {
    setView(undefined);
    // Back where they came from: the "Manage search" link (or the search box for someone who came by a deep link).
    window.setTimeout(() => (manageLinkRef.current ?? inputRef.current)?.focus(), 0);
  }, []);

  const hasResults = search.kind === "done" && search.results.length > 0;

  return (
    <>
      {/*
        The search view stays mounted (only hidden) while a page or Manage search is open: the results, their scroll
        position and the link to return focus to are all still there when the user comes back.
      */}
      <div hidden={openPage !== undefined || view !== undefined}>
        <div className={styles.titleRow}>
          <h1 className={styles.heading}>Guidance</h1>
          {mayCurate && (
            <Link
              ref={manageLinkRef}
              className={styles.manageLink}
              href={guidanceHref({ view: "vocabulary" })}
              onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                if (isPlainClick(event)) {
                  event.preventDefault();
                  setView("vocabulary");
                }
              }}
            >
              Manage search
            </Link>
          )}
        </div>
        <Text className={styles.intro}>Search the council&rsquo;s policies and procedures: HR, IT, health and safety, and more.</Text>
        <SearchForm value={input} onChange={setInput} onSearch={runSearch} inputRef={inputRef} />
        {/* Always in the DOM, so screen readers announce each new count without moving focus. */}
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.status}>
          {statusText(search)}
        </div>
        {search.kind === "loading" && <Spinner className={styles.spinner} size="small" label="Searching…" />}
        {/* A live container that exists before its message, so the error is announced when it appears. */}
        <div role="alert" className={styles.alert}>
          {search.kind === "failed" && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Search failed</MessageBarTitle>
                {search.message}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
        {search.kind === "done" && (
          <SearchResults query={search.query} results={search.results} noAnswer={search.noAnswer} nextSteps={search.nextSteps} onOpen={open} linkRef={linkRef} />
        )}
      </div>
      {view && <ManageSearch api={api} user={user} view={view} onViewChange={setView} onClose={closeManage} />}
      {!view && openPage && (
        <PageView
          api={api}
          pageId={openPage.id}
          query={lastQuery}
          backLabel={openPage.fromResults || hasResults ? "Back to results" : "Back to search"}
          onBack={back}
          onTitle={setPageTitle}
        />
      )}
    </>
  );
}

function doneState(response: GuidanceSearchResponse): SearchState {
  return {
    kind: "done",
    query: response.query,
    results: response.results,
    ...(response.noAnswer ? { noAnswer: true, nextSteps: response.nextSteps ?? [] } : {}),
  };
}
