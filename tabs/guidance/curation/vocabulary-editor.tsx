import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, SearchBox, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from "react";
import { isApiError, type ApiClient, type ApiErrorDetail, type VocabularyDocument } from "../../shared";
import { ConfirmDialog } from "./confirm-dialog";
import { useCurationStyles } from "./curation-styles";
import { useFailureMessage } from "./failure-message";
import { formatDateTime, plural } from "./format";
import { RetryMessage } from "./retry-message";
import { useLoad } from "./use-load";
import { VocabularyGroupForm } from "./vocabulary-group-form";
import { groupMatches, listStatus, MAX_GROUPS, newGroup, toDraft, toEntries, type DraftGroup } from "./vocabulary-draft";

/**
 * Groups listed at first, and added by each "Show more": a vocabulary can hold 5,000 groups, and a list of them all
 * (two buttons each) would be slow to render and long to tab through. The filter finds any group.
 */
export const GROUPS_PER_PAGE = 50;

/** Props of {@link VocabularyEditor}. */
export interface VocabularyEditorProps {
  readonly api: ApiClient;
  /** The host answered 403: the shell shows "not available to you" instead. */
  readonly onForbidden: () => void;
}

type Notice =
  | { readonly kind: "saved"; readonly text: string }
  | { readonly kind: "invalid"; readonly message: string; readonly details: readonly ApiErrorDetail[] }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "failed"; readonly message: string };

/**
 * The search vocabulary: groups of words that mean the same, with broader terms. Edits are made to a draft and saved
 * together ("Save changes"); a save applies from the next search, with no re-ingest. Someone else's newer save is
 * reported (409) with a way to reload.
 */
export function VocabularyEditor({ api, onForbidden }: VocabularyEditorProps): JSX.Element {
  const styles = useCurationStyles();
  const [groups, setGroups] = useState<readonly DraftGroup[]>([]);
  const [dirty, setDirty] = useState(false);
  const [filter, setFilter] = useState("");
  const [shown, setShown] = useState(GROUPS_PER_PAGE);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const rowButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfter, setFocusAfter] = useState<string | undefined>(undefined);

  const messageOf = useFailureMessage(onForbidden);

  // The draft starts again from each vocabulary loaded or saved.
  const resetDraft = useCallback((doc: VocabularyDocument) => {
    setGroups(toDraft(doc.entries));
    setDirty(false);
    setEditing(undefined);
  }, []);

  const fetch = useCallback((signal?: AbortSignal) => api.guidance.vocabulary.get({ signal }), [api]);
  const { load, setLoad, reload } = useLoad({ fetch, messageOf, fallback: "The vocabulary could not be loaded. Try again.", onLoaded: resetDraft });

  const show = (doc: VocabularyDocument): void => {
    setLoad({ kind: "ready", value: doc });
    resetDraft(doc);
  };

  const reloadVocabulary = (): void => {
    setNotice(undefined);
    reload();
  };

  // After a form closes, focus goes back to the button that opened it (or the row's Edit button after adding).
  useEffect(() => {
    if (focusAfter === undefined || editing !== undefined) return;
    (focusAfter === "add" ? addButton.current : rowButtons.current.get(focusAfter))?.focus();
    setFocusAfter(undefined);
  }, [focusAfter, editing]);

  const matching = useMemo(() => groups.filter((g) => groupMatches(g, filter)), [groups, filter]);
  const visible = matching.slice(0, shown);

  const save = async (): Promise<void> => {
    if (load.kind !== "ready") return;
    setBusy(true);
    setNotice(undefined);
    try {
      const doc = await api.guidance.vocabulary.save({ entries: toEntries(groups), ...(load.value.version !== undefined ? { version: load.value.version } : {}) });
      show(doc);
      setNotice({ kind: "saved", text: `Saved ${plural(doc.entries.length, "group")}. The next search uses them; pages do not need re-ingesting.` });
    } catch (error) {
      if (isApiError(error) && error.status === 409) setNotice({ kind: "conflict", message: error.message });
      else if (isApiError(error) && error.status === 400) setNotice({ kind: "invalid", message: error.message, details: error.details });
      else {
        const message = messageOf(error, "The vocabulary could not be saved. Try again.");
        if (message) setNotice({ kind: "failed", message });
      }
    } finally {
      setBusy(false);
    }
  };

  const restoreDefaults = async (): Promise<void> => {
    setBusy(true);
    setNotice(undefined);
    try {
      const doc = await api.guidance.vocabulary.reset(load.kind === "ready" ? load.value.version : undefined);
      show(doc);
      setConfirmReset(false);
      setNotice({ kind: "saved", text: "The default vocabulary is restored. The next search uses it." });
    } catch (error) {
      setConfirmReset(false);
      const message = messageOf(error, "The default vocabulary could not be restored. Try again.");
      if (message) setNotice(isApiError(error) && error.status === 409 ? { kind: "conflict", message } : { kind: "failed", message });
    } finally {
      setBusy(false);
    }
  };

  const change = (next: readonly DraftGroup[]): void => {
    setGroups(next);
    setDirty(true);
    setNotice(undefined);
  };

  if (load.kind === "loading") return <Spinner className={styles.panel} size="small" label="Loading the vocabulary…" />;
  if (load.kind === "failed") {
    return (
      <div className={styles.panel}>
        <RetryMessage message={load.message} onRetry={reloadVocabulary} />
      </div>
    );
  }

  const { value: doc } = load;
  return (
    <div className={styles.panel}>
      <h2 className={styles.heading}>Words that mean the same</h2>
      <Text as="p" className={styles.muted}>
        When a question uses any word in a group, search also looks for the others. Broader terms are searched one way
        only. Changes apply to the next search; pages do not need re-ingesting.
      </Text>
      <Text as="p" className={styles.text}>
        {doc.isDefault ? "This is the default vocabulary that comes with Council Hub" : "Last saved"}
        {doc.updatedBy ? ` by ${doc.updatedBy}` : ""}
        {doc.updatedAt ? ` on ${formatDateTime(doc.updatedAt)}` : ""}. {plural(doc.entries.length, "group")}.
      </Text>
      <div className={styles.actions}>
        <Button
          ref={addButton}
          disabledFocusable={editing !== undefined || groups.length >= MAX_GROUPS}
          onClick={() => {
            setEditing("new");
            setNotice(undefined);
          }}
        >
          Add a group
        </Button>
        <Button appearance="primary" disabledFocusable={!dirty || busy || editing !== undefined} onClick={() => void save()}>
          {busy ? "Saving…" : "Save changes"}
        </Button>
        <Button disabledFocusable={busy || doc.isDefault} onClick={() => setConfirmReset(true)}>
          Restore defaults
        </Button>
        {dirty && <Text weight="semibold">You have unsaved changes.</Text>}
      </div>
      <div role="status" className={styles.live}>
        {notice?.kind === "saved" && (
          <MessageBar intent="success">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div role="alert" className={styles.live}>
        {notice?.kind === "invalid" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The vocabulary was not saved</MessageBarTitle>
              {notice.message}
              {notice.details.length > 0 && (
                <ul>
                  {notice.details.map((d) => (
                    <li key={`${d.path}|${d.message}`}>{describeDetail(d, groups)}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {notice?.kind === "conflict" && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Someone else saved the vocabulary first</MessageBarTitle>
              {notice.message} Reloading shows their version; your unsaved changes here will be lost.
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={reloadVocabulary}>Reload the vocabulary</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {notice?.kind === "failed" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{notice.message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {editing === "new" && (
        <VocabularyGroupForm
          title="Add a group"
          initialTerms={[]}
          initialBroader={[]}
          onDone={(terms, broader) => {
            const group = newGroup(terms, broader);
            change([group, ...groups]);
            setEditing(undefined);
            setFilter("");
            setFocusAfter(group.key);
          }}
          onCancel={() => {
            setEditing(undefined);
            setFocusAfter("add");
          }}
        />
      )}
      <Field label="Filter groups" className={styles.field}>
        <SearchBox
          className={styles.filter}
          value={filter}
          onChange={(_, data) => {
            setFilter(data.value);
            setShown(GROUPS_PER_PAGE);
          }}
        />
      </Field>
      <Text role="status">
        {listStatus(visible.length, matching.length, groups.length, filter.trim() !== "")}
      </Text>
      <ul className={styles.list} aria-label="Vocabulary groups">
        {visible.map((group) =>
          editing === group.key ? (
            <li key={group.key}>
              <VocabularyGroupForm
                title={`Edit group: ${group.terms[0] ?? ""}`}
                initialTerms={group.terms}
                initialBroader={group.broader}
                onDone={(terms, broader) => {
                  change(groups.map((g) => (g.key === group.key ? { ...g, terms, broader } : g)));
                  setEditing(undefined);
                  setFocusAfter(group.key);
                }}
                onCancel={() => {
                  setEditing(undefined);
                  setFocusAfter(group.key);
                }}
              />
            </li>
          ) : (
            <li key={group.key} className={styles.card}>
              <Text weight="semibold">{group.terms.join(" · ")}</Text>
              {group.broader.length > 0 && <Text className={styles.muted}>Broader: {group.broader.join(", ")}</Text>}
              <div className={styles.actions}>
                <Button
                  size="small"
                  ref={(el: HTMLButtonElement | null) => {
                    if (el) rowButtons.current.set(group.key, el);
                    else rowButtons.current.delete(group.key);
                  }}
                  aria-label={`Edit ${group.terms[0] ?? "group"}`}
                  disabledFocusable={editing !== undefined}
                  onClick={() => setEditing(group.key)}
                >
                  Edit
                </Button>
                <Button
                  size="small"
                  aria-label={`Remove ${group.terms[0] ?? "group"}`}
                  disabledFocusable={editing !== undefined}
                  onClick={() => {
                    change(groups.filter((g) => g.key !== group.key));
                    setFocusAfter("add");
                  }}
                >
                  Remove
                </Button>
              </div>
            </li>
          ),
        )}
      </ul>
      {matching.length > visible.length && (
        <Button className={styles.more} onClick={() => setShown((n) => n + GROUPS_PER_PAGE)}>
          Show {Math.min(GROUPS_PER_PAGE, matching.length - visible.length)} more groups
        </Button>
      )}
      <ConfirmDialog
        open={confirmReset}
        title="Restore the default vocabulary?"
        confirmLabel="Restore defaults"
        busy={busy}
        onConfirm={() => void restoreDefaults()}
        onCancel={() => setConfirmReset(false)}
      >
        Every group added or changed by the communications team is replaced by the vocabulary that comes with Council
        Hub. The next search uses it.
      </ConfirmDialog>
    </div>
  );
}

/** "Group 3 (annual leave): …" for a detail whose path points into the entries; the raw message otherwise. */
function describeDetail(detail: ApiErrorDetail, groups: readonly DraftGroup[]): string {
  const match = /^entries\.(\d+)/.exec(detail.path);
  if (!match) return detail.message;
  const index = Number(match[1]);
  const first = groups[index]?.terms[0];
  return `Group ${index + 1}${first ? ` (${first})` : ""}: ${detail.message}`;
}
