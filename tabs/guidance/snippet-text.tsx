import { makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, type JSX } from "react";
import { parseSnippet } from "./parse-snippet";

const useStyles = makeStyles({
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderRadius: tokens.borderRadiusSmall,
    paddingInline: "1px",
    // Colour alone does not carry the highlight in the high-contrast theme (yellow becomes black there).
    boxShadow: `inset 0 -2px 0 ${tokens.colorPaletteYellowBorder2}`,
  },
});

/** Props of {@link SnippetText}. */
export interface SnippetTextProps {
  /** Snippet from the search API, matched terms wrapped in `**…**`. */
  readonly snippet: string;
}

/** Renders a search snippet with the matched terms in `<mark>`, as React text nodes (never as HTML). */
export function SnippetText({ snippet }: SnippetTextProps): JSX.Element {
  const styles = useStyles();
  const parts = useMemo(() => parseSnippet(snippet), [snippet]);
  return (
    <>
      {parts.map((part, i) =>
        part.highlighted ? (
          <mark key={i} className={styles.mark}>
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
