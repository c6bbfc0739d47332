import { Button, Link, makeStyles, mergeClasses, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type JSX, type MouseEvent } from "react";
import type { ApiClient, Me } from "../../shared";
import { guidanceHref, isPlainClick, MANAGE_VIEWS, type ManageView } from "../deep-link";
import { BestBetsEditor } from "./best-bets-editor";
import { canCurateSearch } from "./curation-roles";
import { GapReport } from "./gap-report";
import { NotAvailable } from "./not-available";
import { VocabularyEditor } from "./vocabulary-editor";

/** Each view's name, as its tab and in the document title. */
export const VIEW_TITLES: Readonly<Record<ManageView, string>> = {
  vocabulary: "Vocabulary",
  "best-bets": "Best bets",
  report: "Content-gap report",
};

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  back: { alignSelf: "flex-start" },
  heading: { ...typographyStyles.title2, margin: 0, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
  intro: { color: tokens.colorNeutralForeground2, margin: 0 },
  // Wraps at 320px instead of scrolling sideways.
  nav: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  navList: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyleType: "none" },
  navLink: {
    display: "inline-block",
    minHeight: "24px",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase400,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: "none",
    borderBottom: `${tokens.strokeWidthThickest} solid transparent`,
    ":hover": { color: tokens.colorNeutralForeground1, textDecorationLine: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px", borderRadius: tokens.borderRadiusSmall },
  },
  // The current view is marked by weight and an underline bar as well as colour (and aria-current for screen readers).
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThickest} solid ${tokens.colorCompoundBrandStroke}`,
  },
});

/** Props of {@link ManageSearch}. */
export interface ManageSearchProps {
  readonly api: ApiClient;
  readonly user: Me;
  readonly view: ManageView;
  readonly onViewChange: (view: ManageView) => void;
  /** Back to the search. */
  readonly onClose: () => void;
}

/**
 * Manage search, for the communications team: the vocabulary, best bets and the content-gap report as three views
 * (`?view=vocabulary|best-bets|report`), reached by a small navigation of real links (so each can be opened in a new
 * tab or copied). A view stays mounted once opened, so switching views keeps unsaved edits.
 * Anyone else, or anyone the host answers 403, is told politely that this is not for them.
 */
export function ManageSearch({ api, user, view, onViewChange, onClose }: ManageSearchProps): JSX.Element {
  const styles = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [forbidden, setForbidden] = useState(false);
  const [visited, setVisited] = useState<ReadonlySet<ManageView>>(() => new Set([view]));
  const allowed = canCurateSearch(user) && !forbidden;

  useEffect(() => {
    setVisited((current) => (current.has(view) ? current : new Set([...current, view])));
  }, [view]);

  // Opening Manage search is a change of view: start reading at its heading.
  useEffect(() => {
    if (allowed) headingRef.current?.focus();
  }, [allowed]);

  const onForbidden = useCallback(() => setForbidden(true), []);

  if (!allowed) return <NotAvailable onClose={onClose} />;

  return (
    <div className={styles.view}>
      <Button className={styles.back} onClick={onClose}>
        Back to search
      </Button>
      <h1 ref={headingRef} tabIndex={-1} className={styles.heading}>
        Manage search
      </h1>
      <Text as="p" className={styles.intro}>
        Shape what staff find when they search the guidance: words that mean the same, pages pinned for common questions,
        and the questions search could not answer.
      </Text>
      <nav className={styles.nav} aria-label="Manage search">
        <ul className={styles.navList}>
          {MANAGE_VIEWS.map((v) => (
            <li key={v}>
              <Link
                className={mergeClasses(styles.navLink, v === view && styles.navCurrent)}
                href={guidanceHref({ view: v })}
                aria-current={v === view ? "page" : undefined}
                onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                  if (isPlainClick(event)) {
                    event.preventDefault();
                    onViewChange(v);
                  }
                }}
              >
                {VIEW_TITLES[v]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {MANAGE_VIEWS.filter((v) => visited.has(v)).map((v) => (
        <div key={v} hidden={v !== view}>
          {v === "vocabulary" && <VocabularyEditor api={api} onForbidden={onForbidden} />}
          {v === "best-bets" && <BestBetsEditor api={api} onForbidden={onForbidden} />}
          {v === "report" && <GapReport api={api} onForbidden={onForbidden} />}
        </div>
      ))}
    </div>
  );
}
