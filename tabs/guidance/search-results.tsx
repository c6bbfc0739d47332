import { Link, makeStyles, Text, tokens, typographyStyles } from "@fluentui/react-components";
import type { JSX, MouseEvent } from "react";
import type { GuidanceResult } from "../shared";
import { guidanceHref } from "./deep-link";
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

/** Props of {@link SearchResults}. */
export interface SearchResultsProps {
  readonly query: string;
  readonly results: readonly GuidanceResult[];
  readonly onOpen: (result: GuidanceResult) => void;
  /** Receives each title link, so Back can return focus to the one that was opened. */
  readonly linkRef: (id: string, element: HTMLAnchorElement | null) => void;
}

/** Results as a list of cards: title link (opens the page in the tab), snippet with the matches marked. */
export function SearchResults({ query, results, onOpen, linkRef }: SearchResultsProps): JSX.Element {
  const styles = useStyles();
  if (results.length === 0) {
    return (
      <div className={styles.empty}>
        <Text weight="semibold">No pages matched.</Text>
        <Text>Try other words, check the spelling, or use fewer words: &ldquo;leave&rdquo; finds more than &ldquo;carrying over leave days&rdquo;.</Text>
      </div>
    );
  }
  return (
    <ol className={styles.list} aria-label={`Results for ${query}`}>
      {results.map((result) => (
        <li key={result.id} className={styles.item}>
          <h2 className={styles.title}>
            <Link
              className={styles.link}
              // A real href: the page opens in a new browser tab with Ctrl/middle click, and the link is copyable.
              href={guidanceHref({ page: result.id, query })}
              ref={(el: HTMLAnchorElement | null) => linkRef(result.id, el)}
              onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                if (isPlainClick(event)) {
                  event.preventDefault();
                  onOpen(result);
                }
              }}
            >
              {result.title}
            </Link>
          </h2>
          <p className={styles.snippet}>
            <SnippetText snippet={result.snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** A click the tab should handle itself: left button, no modifier asking the browser for a new tab or window. */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}
