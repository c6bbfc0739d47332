import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useId, type JSX } from "react";
import type { ReportWeek } from "../../shared";
import { useCurationStyles } from "./curation-styles";
import { formatDate } from "./format";
import { CountCells, CountHeaders, useReportTableStyles } from "./report-table";

const useStyles = makeStyles({
  table: { "& th, & td": { verticalAlign: "middle", whiteSpace: "nowrap" } },
  barCell: { width: "40%", minWidth: "6rem" },
  // The bar repeats the row's numbers as a picture; the numbers are the content, so it is hidden from assistive tech.
  track: { display: "flex", height: "12px", minWidth: "4rem", borderRadius: tokens.borderRadiusSmall, backgroundColor: tokens.colorNeutralBackground4, overflow: "hidden" },
  answered: { backgroundColor: tokens.colorBrandBackground },
  unanswered: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground3,
    // A pattern as well as a colour, so the two parts differ in the high-contrast theme and for colour-blind readers.
    backgroundImage: `repeating-linear-gradient(45deg, transparent 0 3px, ${tokens.colorNeutralBackground1} 3px 5px)`,
  },
  key: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, listStyleType: "none" },
  swatch: { display: "inline-block", width: "12px", height: "12px", marginInlineEnd: tokens.spacingHorizontalXS, verticalAlign: "middle", borderRadius: tokens.borderRadiusSmall },
});

/** Props of {@link WeeklyTrend}. */
export interface WeeklyTrendProps {
  readonly weeks: readonly ReportWeek[];
  /** The report's sub-heading style, so "Searches per week" matches its siblings. */
  readonly headingClassName?: string;
}

/**
 * The weekly trend as a table (the content) with a bar in each row (a picture of the same numbers): searches split
 * into answered and "no answer", scaled to the busiest week.
 */
export function WeeklyTrend({ weeks, headingClassName }: WeeklyTrendProps): JSX.Element {
  const styles = useStyles();
  const shared = useCurationStyles();
  const tables = useReportTableStyles();
  const headingId = useId();
  const busiest = Math.max(1, ...weeks.map((w) => w.searches));
  const heading = (
    <h3 id={headingId} className={headingClassName}>
      Searches per week
    </h3>
  );
  if (weeks.length === 0) {
    return (
      <>
        {heading}
        <p className={shared.muted}>No searches in this period.</p>
      </>
    );
  }
  return (
    <>
      {heading}
      {/* The title stays outside the scrolling region, so it wraps on a phone while the table scrolls. */}
      <div className={tables.scroller} role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className={mergeClasses(tables.table, styles.table)} aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <CountHeaders />
              <td className={styles.barCell} aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{formatDate(w.weekStart)}</th>
                <CountCells counts={w} />
                <td className={styles.barCell} aria-hidden="true">
                  <div className={styles.track}>
                    <div className={styles.answered} style={{ width: `${(100 * Math.max(0, w.searches - w.noAnswer)) / busiest}%` }} />
                    <div className={styles.unanswered} style={{ width: `${(100 * Math.min(w.noAnswer, w.searches)) / busiest}%` }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className={styles.key} aria-hidden="true">
        <li>
          <span className={`${styles.swatch} ${styles.answered}`} />
          Answered
        </li>
        <li>
          <span className={`${styles.swatch} ${styles.unanswered}`} />
          No answer
        </li>
      </ul>
    </>
  );
}
