import { Button, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useId, useMemo, useRef, useState, type JSX } from "react";
import { isApiError, type ApiClient, type GuidancePage } from "../shared";
import { FeedbackPrompt } from "./feedback-prompt";
import { stripTitleHeading } from "./strip-title-heading";

const focusRing = { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" };

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalL },
  article: {
    alignSelf: "stretch",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    "@media (max-width: 480px)": { paddingInline: tokens.spacingHorizontalM },
  },
  title: { ...typographyStyles.title2, margin: 0, ":focus-visible": focusRing },
  updated: { display: "block", margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalL}`, color: tokens.colorNeutralForeground3 },
  // The page body is the host's sanitised HTML, so it can only be styled from outside with descendant rules.
  body: {
    ...typographyStyles.body1,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
    "& h2": { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
    "& h3, & h4, & h5, & h6": { ...typographyStyles.subtitle2, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}` },
    "& p, & ul, & ol, & table, & blockquote, & pre": { marginBlock: `0 ${tokens.spacingVerticalM}` },
    "& li": { marginBlockEnd: tokens.spacingVerticalXS },
    "& a": { color: tokens.colorBrandForegroundLink, textDecorationLine: "underline" },
    "& a:hover": { color: tokens.colorBrandForegroundLinkHover },
    "& a:focus-visible": { ...focusRing, borderRadius: tokens.borderRadiusSmall },
    "& img": { maxWidth: "100%", height: "auto" },
    "& table": { borderCollapse: "collapse", width: "100%" },
    "& th, & td": {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      textAlign: "start",
      verticalAlign: "top",
    },
    "& th": { backgroundColor: tokens.colorNeutralBackground3 },
    "& blockquote": {
      borderInlineStartWidth: tokens.strokeWidthThickest,
      borderInlineStartStyle: "solid",
      borderInlineStartColor: tokens.colorNeutralStroke1,
      paddingInlineStart: tokens.spacingHorizontalM,
      marginInline: 0,
    },
    "& pre, & code": { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "pre-wrap" },
  },
  original: { display: "inline-block", minHeight: "24px", marginTop: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase300 },
});

/** Props of {@link PageView}. */
export interface PageViewProps {
  readonly api: ApiClient;
  readonly pageId: string;
  /** The search that led here (feedback is about a question); empty for a deep link from a card. */
  readonly query: string;
  /** "Back to results" after a search, "Back to search" after a deep link. */
  readonly backLabel: string;
  readonly onBack: () => void;
  /** Tells the tab the page's title, for the document title. */
  readonly onTitle?: (title: string) => void;
}

type PageState =
  | { readonly kind: "loading" }
  | { readonly kind: "loaded"; readonly page: GuidancePage }
  | { readonly kind: "failed"; readonly message: string };

const UPDATED_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** One guidance page: focused title, the page body, a link to the original, and "Was this helpful?". */
export function PageView({ api, pageId, query, backLabel, onBack, onTitle }: PageViewProps): JSX.Element {
  const styles = useStyles();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [state, setState] = useState<PageState>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    api.guidance.getPage(pageId, { signal: controller.signal }).then(
      (page) => setState({ kind: "loaded", page }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: "failed", message: isApiError(error) ? error.message : "The page could not be loaded." });
      },
    );
    return () => controller.abort();
  }, [api, pageId]);

  // Moving focus to the new heading tells screen reader users the view changed and starts reading at the top.
  useEffect(() => {
    if (state.kind !== "loading") headingRef.current?.focus();
  }, [state]);

  useEffect(() => {
    if (state.kind === "loaded") onTitle?.(state.page.title);
  }, [state, onTitle]);

  const bodyHtml = useMemo(() => (state.kind === "loaded" ? stripTitleHeading(state.page.html) : ""), [state]);

  return (
    <div className={styles.view}>
      <Button onClick={onBack}>{backLabel}</Button>
      {state.kind === "loading" && <Spinner label="Loading the page…" />}
      {state.kind === "failed" && (
        <>
          <h1 ref={headingRef} tabIndex={-1} className={styles.title}>
            This page could not be shown
          </h1>
          <MessageBar intent="error">
            <MessageBarBody>{state.message}</MessageBarBody>
          </MessageBar>
        </>
      )}
      {state.kind === "loaded" && (
        <>
          <article className={styles.article} aria-labelledby={titleId}>
            <h1 id={titleId} ref={headingRef} tabIndex={-1} className={styles.title}>
              {state.page.title}
            </h1>
            <Text size={200} className={styles.updated}>
              Updated {formatDate(state.page.updatedAt)}
            </Text>
            {/*
              The one place we render HTML. It is safe because the API only ever returns sanitised HTML (sanitize-html
              allow-list: no script, style, iframe, event handler or javascript: URL survives): an HTML page is
              sanitised when it is ingested, a Markdown page when the host renders it for this request
              (core/guidance/markdown-html). The host's CSP (script-src 'self') blocks inline script even if
              something slipped through. Snippets and titles are never rendered as HTML.
            */}
            <div className={styles.body} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
            {state.page.url && (
              <Link className={styles.original} href={state.page.url} target="_blank" rel="noopener noreferrer">
                Open the original page on the intranet (opens in a new tab)
              </Link>
            )}
          </article>
          {/* A deep link from a card carries no search; the page title is the best description of what was asked. */}
          <FeedbackPrompt key={state.page.id} api={api} query={query || state.page.title} pageId={state.page.id} />
        </>
      )}
    </div>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : UPDATED_FORMAT.format(date);
}
