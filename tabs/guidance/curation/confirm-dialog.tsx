import { Button, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useId, useRef, type JSX, type ReactNode } from "react";

const useStyles = makeStyles({
  dialog: {
    maxWidth: "min(32rem, calc(100vw - 2rem))",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusXLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  title: { ...typographyStyles.subtitle1, margin: `0 0 ${tokens.spacingVerticalS}` },
  body: { ...typographyStyles.body1, margin: `0 0 ${tokens.spacingVerticalL}` },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, justifyContent: "flex-end" },
});

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  /** The confirming button's words, e.g. "Delete best bet". */
  readonly confirmLabel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A modal "are you sure?" for changes that cannot be undone from here, on the browser's own modal `<dialog>`: the
 * rest of the page is inert while it is open, Escape cancels, and focus starts on Cancel (the safe choice) and goes
 * back where it was when it closes. Fluent's Dialog was tried first: it left the page `aria-hidden` when unmounted
 * while open, and its focus-trap sentinels stayed in the page (axe: aria-hidden-focus) while closed.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, onConfirm, onCancel }: ConfirmDialogProps): JSX.Element {
  const styles = useStyles();
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className={styles.dialog}
      // Escape: let React state close it, so state and the element never disagree.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      <p id={bodyId} className={styles.body}>
        {children}
      </p>
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onConfirm}>
          {busy ? "Working…" : confirmLabel}
        </Button>
        <Button ref={cancelRef} disabledFocusable={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </dialog>
  );
}
