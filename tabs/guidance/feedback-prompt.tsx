import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type JSX } from "react";
import { isApiError, type ApiClient } from "../shared";

const useStyles = makeStyles({
  section: {
    alignSelf: "stretch",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    "@media (max-width: 480px)": { paddingInline: tokens.spacingHorizontalM },
  },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  thanks: { ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
});

/** Props of {@link FeedbackPrompt}. */
export interface FeedbackPromptProps {
  readonly api: ApiClient;
  /** The question that led here; the host records it without the asker's identity. */
  readonly query: string;
  readonly pageId: string;
}

type Status = { readonly kind: "asking" } | { readonly kind: "sending" } | { readonly kind: "sent" } | { readonly kind: "failed"; readonly message: string };

/** "Was this helpful?" with Yes and No. After answering, focus moves to the thank-you so it is heard. */
export function FeedbackPrompt({ api, query, pageId }: FeedbackPromptProps): JSX.Element {
  const styles = useStyles();
  const headingId = useId();
  const [status, setStatus] = useState<Status>({ kind: "asking" });
  const thanksRef = useRef<HTMLParagraphElement>(null);

  // The Yes/No buttons are replaced by the thank-you, so focus would otherwise fall back to <body>.
  useEffect(() => {
    if (status.kind === "sent") thanksRef.current?.focus();
  }, [status.kind]);

  const send = async (helpful: boolean): Promise<void> => {
    setStatus({ kind: "sending" });
    try {
      await api.guidance.sendFeedback({ query, pageId, helpful });
      setStatus({ kind: "sent" });
    } catch (error) {
      setStatus({ kind: "failed", message: isApiError(error) ? error.message : "Your answer could not be sent. Try again." });
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Was this helpful?
      </h2>
      {status.kind === "sent" ? (
        <Text as="p" ref={thanksRef} tabIndex={-1} role="status" className={styles.thanks}>
          Thank you for your feedback.
        </Text>
      ) : (
        <>
          <div className={styles.buttons}>
            <Button disabledFocusable={status.kind === "sending"} onClick={() => void send(true)}>
              Yes
            </Button>
            <Button disabledFocusable={status.kind === "sending"} onClick={() => void send(false)}>
              No
            </Button>
          </div>
          <div role="alert">
            {status.kind === "failed" && (
              <MessageBar intent="error">
                <MessageBarBody>{status.message}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </>
      )}
    </section>
  );
}
