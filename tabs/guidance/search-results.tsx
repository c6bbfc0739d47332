import { Badge, Link, makeStyles, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useId, type JSX, type MouseEvent } from "react";
import type { GuidanceResult, NextStep } from "../shared";
import { guidanceHref, isPlainClick } from "./deep-link";
import { pinnedFirst } from "./search-status";
import { SnippetText } from "./snippet-text";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  // A block-level link with a 24px minimum keeps the whole title an easy target (WCAG 2.5.8).
  link: {
    display: "inline-block",
    minHeight: "24px",
    fontSize: "inherit",
    fontWeight: "inherit",
    lineHeight: "inherit",
    // Fluent's own link focus (a double underline) is easy to miss on a heading; add a ring as well.
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  snippet: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2 },
  // A thicker leading edge marks a pinned card without relying on colour alone (the badge says it in words).
  pinnedItem: { borderInlineStartWidth: tokens.strokeWidthThickest, borderInlineStartColor: tokens.colorBrandStroke1 },
  badge: { marginBlockStart: tokens.spacingVerticalXXS },
  sectionHeading: { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  noAnswer: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder2}`,
    borderInlineStartWidth: tokens.strokeWidthThickest,
  },
  afterEmpty: { marginTop: tokens.spacingVerticalM },
  noAnswerHeading: { ...typographyStyles.subtitle2, margin: 0 },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  stepLabel: { display: "inline-block", minHeight: "24px", fontWeight: tokens.fontWeightSemibold },
  newTab: { fontWeight: tokens.fontWeightRegular },
  stepDetail: { display: "block", color: tokens.colorNeutralForeground2 },
  empty: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
});

/** The badge on a best bet; also the link's accessible description, so it is heard with the title. */
export const PINNED_LABEL = "Pinned by the communications team";

/** Props of {@link SearchResults}. */
export interface SearchResultsProps {
  readonly query: string;
  readonly results: readonly GuidanceResult[];
  /** True when no result answers the question well: they are shown as "Closest pages", not as answers. */
  readonly noAnswer?: boolean;
  /** Where to go next when there is no good answer. */
  readonly nextSteps?: readonly NextStep[];
  readonly onOpen: (result: GuidanceResult) => void;
  /** Receives each title link, so Back can return focus to the one that was opened. */
  readonly linkRef: (id: string, element: HTMLAnchorElement | null) => void;
}

/**
 * Results as a list of cards: title link (opens the page in the tab), snippet with the matches marked, and a badge
 * on pinned best bets. When the host says nothing answers well, that is said first, with where to go next, and the
 * results follow under "Closest pages".
 */
export function SearchResults({ query, results, noAnswer, nextSteps, onOpen, linkRef }: SearchResultsProps): JSX.Element {
  const styles = useStyles();
  const headingId = useId();
  const ordered = pinnedFirst(results);
  const steps = noAnswer ? (nextSteps ?? []) : [];
  if (results.length === 0) {
    return (
      <>
        <div className={styles.empty}>
          <Text weight="semibold">No pages matched.</Text>
          <Text>Try other words, check the spelling, or use fewer words: &ldquo;leave&rdquo; finds more than &ldquo;carrying over leave days&rdquo;.</Text>
        </div>
        {steps.length > 0 && <NextSteps steps={steps} headingLevel="h2" title="Where to go next" />}
      </>
    );
  }
  const list = (
    <ol className={styles.list} aria-label={noAnswer ? `Closest pages for ${query}` : `Results for ${query}`}>
      {ordered.map((result) => (
        <ResultItem key={result.id} result={result} query={query} titleLevel={noAnswer ? "h3" : "h2"} onOpen={onOpen} linkRef={linkRef} />
      ))}
    </ol>
  );
  if (!noAnswer) return list;
  return (
    <>
      <section className={styles.noAnswer} aria-labelledby={`${headingId}-none`}>
        <h2 id={`${headingId}-none`} className={styles.noAnswerHeading}>
          No page answers this well
        </h2>
        <Text>
          Council Hub could not find a page that answers &ldquo;{query}&rdquo;. The pages below are only the closest matches
          {steps.length > 0 ? ", so here is where to ask instead." : "."}
        </Text>
        {steps.length > 0 && <StepList steps={steps} />}
      </section>
      <h2 id={headingId} className={styles.sectionHeading}>
        Closest pages
      </h2>
      {list}
    </>
  );
}

/** Props of {@link ResultItem}. */
interface ResultItemProps {
  readonly result: GuidanceResult;
  readonly query: string;
  readonly titleLevel: "h2" | "h3";
  readonly onOpen: (result: GuidanceResult) => void;
  readonly linkRef: (id: string, element: HTMLAnchorElement | null) => void;
}

function ResultItem({ result, query, titleLevel: Title, onOpen, linkRef }: ResultItemProps): JSX.Element {
  const styles = useStyles();
  const badgeId = useId();
  return (
    <li className={result.pinned ? `${styles.item} ${styles.pinnedItem}` : styles.item}>
      <Title className={styles.title}>
        <Link
          className={styles.link}
          // A real href: the page opens in a new browser tab with Ctrl/middle click, and the link is copyable.
          href={guidanceHref({ page: result.id, query })}
          ref={(el: HTMLAnchorElement | null) => linkRef(result.id, el)}
          aria-describedby={result.pinned ? badgeId : undefined}
          onClick={(event: MouseEvent<HTMLAnchorElement>) => {
            if (isPlainClick(event)) {
              event.preventDefault();
              onOpen(result);
            }
          }}
        >
          {result.title}
        </Link>
      </Title>
      {result.pinned && (
        <Badge id={badgeId} className={styles.badge} appearance="tint" color="brand" shape="rounded">
          {PINNED_LABEL}
        </Badge>
      )}
      <p className={styles.snippet}>
        <SnippetText snippet={result.snippet} />
      </p>
    </li>
  );
}

/** Next steps under their own heading (used when there are no results at all). */
function NextSteps({ steps, title, headingLevel: Heading }: { readonly steps: readonly NextStep[]; readonly title: string; readonly headingLevel: "h2" }): JSX.Element {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={`${styles.noAnswer} ${styles.afterEmpty}`} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.noAnswerHeading}>
        {title}
      </Heading>
      <StepList steps={steps} />
    </section>
  );
}

function StepList({ steps }: { readonly steps: readonly NextStep[] }): JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.steps}>
      {steps.map((step) => (
        <li key={`${step.label}|${step.url ?? ""}`}>
          {step.url ? (
            <Link className={styles.stepLabel} href={step.url} {...(isExternal(step.url) ? { target: "_blank", rel: "noopener noreferrer" } : {})}>
              {step.label}
              {isExternal(step.url) && <span className={styles.newTab}> (opens in a new tab)</span>}
            </Link>
          ) : (
            <Text className={styles.stepLabel}>{step.label}</Text>
          )}
          <Text className={styles.stepDetail}>{step.detail}</Text>
        </li>
      ))}
    </ul>
  );
}

/** An http(s) link to another site opens in a new tab; mailto: and our own tab links stay where they are. */
function isExternal(url: string): boolean {
  try {
    const parsed = new URL(url, window.location.href);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.origin !== window.location.origin;
  } catch {
    return false;
  }
}
