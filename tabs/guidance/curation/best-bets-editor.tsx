import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type JSX } from "react";
import { isApiError, type ApiClient, type BestBet, type BestBetInput } from "../../shared";
import { BestBetForm } from "./best-bet-form";
import { matchLabel } from "./best-bet-draft";
import { ConfirmDialog } from "./confirm-dialog";
import { useCurationStyles } from "./curation-styles";
import { useFailureMessage } from "./failure-message";
import { formatDate, formatDateTime } from "./format";
import { RetryMessage } from "./retry-message";
import { useLoad } from "./use-load";

/** Props of {@link BestBetsEditor}. */
export interface BestBetsEditorProps {
  readonly api: ApiClient;
  /** The host answered 403: the shell shows "not available to you" instead. */
  readonly onForbidden: () => void;
}

/**
 * Best bets: pages the communications team pins for some questions, so they come first (marked "Pinned") in every
 * search. Each change is saved at once; deleting asks first.
 */
export function BestBetsEditor({ api, onForbidden }: BestBetsEditorProps): JSX.Element {
  const styles = useCurationStyles();
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState<BestBet | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  // Someone else changed or removed a best bet since this list was loaded (409): offer a reload.
  const [stale, setStale] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfter, setFocusAfter] = useState<string | undefined>(undefined);

  const messageOf = useFailureMessage(onForbidden);
  const fetch = useCallback((signal?: AbortSignal) => api.guidance.bestBets.list({ signal }).then(({ bestBets }) => bestBets), [api]);
  const { load, setLoad, reload } = useLoad<readonly BestBet[]>({ fetch, messageOf, fallback: "The best bets could not be loaded. Try again." });

  useEffect(() => {
    if (focusAfter === undefined || editing !== undefined || deleting) return;
    (editButtons.current.get(focusAfter) ?? addButton.current)?.focus();
    setFocusAfter(undefined);
  }, [focusAfter, editing, deleting, load]);

  const replace = (bet: BestBet): void =>
    setLoad((current) => (current.kind === "ready" ? { kind: "ready", value: [bet, ...current.value.filter((b) => b.id !== bet.id)] } : current));

  const submit = async (input: BestBetInput, id?: string): Promise<void> => {
    setError(undefined);
    try {
      const saved = id ? await api.guidance.bestBets.update(id, input) : await api.guidance.bestBets.create(input);
      replace(saved);
      setEditing(undefined);
      setFocusAfter(saved.id);
      setStatus(`${id ? "Saved" : "Pinned"} ${saved.pageTitle}. It comes first for its questions from the next search.`);
    } catch (e) {
      if (isApiError(e) && e.status === 403) onForbidden();
      if (isApiError(e) && e.status === 409) setStale(true);
      throw e;
    }
  };

  const confirmDelete = async (): Promise<void> => {
    if (!deleting) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.guidance.bestBets.remove(deleting.id);
      setLoad((current) => (current.kind === "ready" ? { kind: "ready", value: current.value.filter((b) => b.id !== deleting.id) } : current));
      setStatus(`Removed the best bet for ${deleting.pageTitle}.`);
    } catch (e) {
      const message = messageOf(e, "The best bet could not be removed. Try again.");
      if (message) setError(message);
      if (isApiError(e) && (e.status === 409 || e.status === 404)) setStale(true);
    } finally {
      setBusy(false);
      setDeleting(undefined);
      setFocusAfter("add");
    }
  };

  if (load.kind === "loading") return <Spinner className={styles.panel} size="small" label="Loading best bets…" />;
  if (load.kind === "failed") {
    return (
      <div className={styles.panel}>
        <RetryMessage message={load.message} onRetry={() => reload()} />
      </div>
    );
  }

  return (
    <div className={styles.panel}>
      <h2 className={styles.heading}>Pinned pages</h2>
      <Text as="p" className={styles.muted}>
        A best bet puts a page first, marked &ldquo;Pinned by the communications team&rdquo;, when a question matches one
        of its phrases. Use it for common questions whose best page search does not find on its own.
      </Text>
      <div className={styles.actions}>
        <Button
          ref={addButton}
          appearance="primary"
          disabledFocusable={editing !== undefined}
          onClick={() => {
            setStatus("");
            setEditing("new");
          }}
        >
          Add a best bet
        </Button>
      </div>
      <Text role="status" className={styles.live}>
        {status}
      </Text>
      <div role="alert" className={styles.live}>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>Someone else changed the best bets since this list was loaded.</MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                setStale(false);
                setError(undefined);
                setEditing(undefined);
                reload();
              }}
            >
              Reload best bets
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {editing === "new" && (
        <BestBetForm
          api={api}
          onSubmit={(input) => submit(input)}
          onCancel={() => {
            setEditing(undefined);
            setFocusAfter("add");
          }}
        />
      )}
      {load.value.length === 0 ? (
        <Text as="p" className={styles.text}>No pages are pinned yet.</Text>
      ) : (
        <ul className={styles.list} aria-label="Best bets">
          {load.value.map((bet) =>
            editing === bet.id ? (
              <li key={bet.id}>
                <BestBetForm
                  api={api}
                  bet={bet}
                  onSubmit={(input) => submit(input, bet.id)}
                  onCancel={() => {
                    setEditing(undefined);
                    setFocusAfter(bet.id);
                  }}
                />
              </li>
            ) : (
              <li key={bet.id} className={styles.card}>
                <h3 className={styles.subheading}>{bet.pageTitle}</h3>
                <Text>
                  <Text weight="semibold">Questions:</Text> {bet.triggers.join("; ")}
                </Text>
                <Text className={styles.muted}>
                  {matchLabel(bet.match)}. {bet.expiresAt ? `Until ${formatDate(bet.expiresAt)}.` : "No end date."} Changed{" "}
                  {formatDateTime(bet.updatedAt)} (added by {bet.createdBy}).
                </Text>
                {bet.note && <Text>Note: {bet.note}</Text>}
                <div className={styles.actions}>
                  <Button
                    size="small"
                    ref={(el: HTMLButtonElement | null) => {
                      if (el) editButtons.current.set(bet.id, el);
                      else editButtons.current.delete(bet.id);
                    }}
                    aria-label={`Edit best bet for ${bet.pageTitle}`}
                    disabledFocusable={editing !== undefined}
                    onClick={() => {
                      setStatus("");
                      setEditing(bet.id);
                    }}
                  >
                    Edit
                  </Button>
                  <Button size="small" aria-label={`Delete best bet for ${bet.pageTitle}`} disabledFocusable={editing !== undefined} onClick={() => setDeleting(bet)}>
                    Delete
                  </Button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this best bet?"
        confirmLabel="Delete best bet"
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(undefined)}
      >
        {deleting ? `${deleting.pageTitle} will no longer be pinned for: ${deleting.triggers.join("; ")}.` : ""}
      </ConfirmDialog>
    </div>
  );
}
