import { makeStyles, tokens } from "@fluentui/react-components";
import type { JSX } from "react";
import type { SearchCounts } from "../../shared";
import { formatCount } from "./format";

/** The four counts the content-gap report gives for a period, a week or a question, in the order it shows them. */
export const COUNT_COLUMNS = [
  ["searches", "Searches"],
  ["noAnswer", "No answer"],
  ["notHelpful", "Not helpful"],
  ["helpful", "Helpful"],
] as const satisfies ReadonlyArray<readonly [keyof SearchCounts, string]>;

/** Looks shared by the report's tables; each table adds its own alignment and wrapping. */
export const useReportTableStyles = makeStyles({
  // Sideways scrolling inside the table's own region only: the page itself still reflows at 320px (WCAG 1.4.10).
  scroller: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "start",
    },
    "& .number": { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  },
});

/** Column headers for the four counts, as numbers. */
export function CountHeaders(): JSX.Element {
  return (
    <>
      {COUNT_COLUMNS.map(([key, label]) => (
        <th key={key} scope="col" className="number">
          {label}
        </th>
      ))}
    </>
  );
}

/** A row's four counts, under {@link CountHeaders}. */
export function CountCells({ counts }: { readonly counts: SearchCounts }): JSX.Element {
  return (
    <>
      {COUNT_COLUMNS.map(([key]) => (
        <td key={key} className="number">
          {formatCount(counts[key])}
        </td>
      ))}
    </>
  );
}
