import { Button, makeStyles, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useRef, type JSX } from "react";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.title2, margin: 0, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
});

/** Props of {@link NotAvailable}. */
export interface NotAvailableProps {
  readonly onClose: () => void;
}

/**
 * What someone outside the communications team sees at a Manage search link (or when the host answers 403): a polite
 * explanation and a way back, never an error.
 */
export function NotAvailable({ onClose }: NotAvailableProps): JSX.Element {
  const styles = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className={styles.view}>
      <h1 ref={headingRef} tabIndex={-1} className={styles.heading}>
        Manage search is not available to you
      </h1>
      <Text as="p">
        Managing search (the vocabulary, best bets and the content-gap report) is for the communications team. If a page
        is missing or search gave you a poor answer, use &ldquo;Was this helpful?&rdquo; on the page, or tell the
        communications team.
      </Text>
      <Button appearance="primary" onClick={onClose}>
        Back to search
      </Button>
    </div>
  );
}
