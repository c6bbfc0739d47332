import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type FormEvent, type JSX, type KeyboardEvent } from "react";
import { isApiError, type ApiClient, type BestBet, type BestBetInput, type BestBetMatch, type GuidanceResult } from "../../shared";
import { BEST_BET_FIELDS, checkBestBet, draftFrom, type BestBetDraft, type BestBetField } from "./best-bet-draft";
import { useCurationStyles } from "./curation-styles";
import { fieldErrors } from "./field-errors";

/** Pages offered when finding one to pin. */
const PAGE_CHOICES = 8;

const useStyles = makeStyles({
  finder: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  finderBox: { flexGrow: 1, flexBasis: "14rem", minWidth: 0, maxWidth: "none" },
  chosen: { color: tokens.colorNeutralForeground2 },
});

/** Props of {@link BestBetForm}. */
export interface BestBetFormProps {
  readonly api: ApiClient;
  /** The best bet being edited; absent to add one. */
  readonly bet?: BestBet;
  /** Sends the form; rejects with the host's ApiError (a 400's details are shown next to their fields). */
  readonly onSubmit: (input: BestBetInput) => Promise<void>;
  readonly onCancel: () => void;
}

type Finder =
  | { readonly kind: "idle" }
  | { readonly kind: "finding" }
  | { readonly kind: "found"; readonly query: string; readonly pages: readonly GuidanceResult[] }
  | { readonly kind: "failed"; readonly message: string };

/**
 * Adds or edits a best bet: find the page by searching (the same search staff use), choose it, then the phrases that
 * should show it first, how they match, an optional note and end date. Problems are shown next to their fields.
 */
export function BestBetForm({ api, bet, onSubmit, onCancel }: BestBetFormProps): JSX.Element {
  const styles = useCurationStyles();
  const own = useStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<BestBetDraft>(() => draftFrom(bet));
  const [problems, setProblems] = useState<Partial<Record<BestBetField | "", string>>>({});
  const [pageQuery, setPageQuery] = useState("");
  const [finder, setFinder] = useState<Finder>({ kind: "idle" });
  const [busy, setBusy] = useState(false);
  const finderAbort = useRef<AbortController | undefined>(undefined);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => () => finderAbort.current?.abort(), []);

  const set = (patch: Partial<BestBetDraft>): void => setDraft((current) => ({ ...current, ...patch }));

  const findPages = (): void => {
    const query = pageQuery.trim();
    if (!query) {
      setProblems((p) => ({ ...p, pageId: "Type some words from the page's title to find it." }));
      return;
    }
    finderAbort.current?.abort();
    const controller = new AbortController();
    finderAbort.current = controller;
    setFinder({ kind: "finding" });
    api.guidance.search(query, { top: PAGE_CHOICES, signal: controller.signal }).then(
      (response) => setFinder({ kind: "found", query, pages: response.results }),
      (error: unknown) => {
        if (!controller.signal.aborted) setFinder({ kind: "failed", message: isApiError(error) ? error.message : "Pages could not be found. Try again." });
      },
    );
  };

  const onFinderKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Enter here finds pages; it must not submit the whole best bet.
    if (event.key === "Enter") {
      event.preventDefault();
      findPages();
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const { problems: found, input } = checkBestBet(draft, new Date().toISOString().slice(0, 10));
    setProblems(found);
    if (!input) return;
    setBusy(true);
    try {
      await onSubmit(bet?.version !== undefined ? { ...input, version: bet.version } : input);
    } catch (error) {
      if (isApiError(error) && error.status === 400 && error.details.length > 0) setProblems(fieldErrors(error.details, BEST_BET_FIELDS));
      else if (isApiError(error) && error.status === 404) setProblems({ pageId: error.message });
      else if (isApiError(error) && error.status === 409) setProblems({ "": `${error.message} Cancel and open the best bet again to see the latest version.` });
      else setProblems({ "": isApiError(error) ? error.message : "The best bet could not be saved. Try again." });
      setBusy(false);
    }
  };

  const choices = finder.kind === "found" ? finder.pages : [];
  // The chosen page stays a choice after a new search, so it is never silently dropped.
  const options = draft.page && !choices.some((p) => p.id === draft.page?.id) ? [{ id: draft.page.id, title: draft.page.title }, ...choices] : choices;

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className={styles.subheading}>
        {bet ? `Edit best bet: ${bet.pageTitle}` : "Add a best bet"}
      </h3>
      <div role="alert" className={styles.live}>
        {problems[""] && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{problems[""]}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <Field className={styles.field} label="Find the page to pin" hint="Type words from its title, then press Enter or Find pages." validationMessage={problems.pageId}>
        <div className={own.finder}>
          <SearchBox className={own.finderBox} value={pageQuery} autoComplete="off" onChange={(_, data) => setPageQuery(data.value)} onKeyDown={onFinderKey} />
          <Button onClick={findPages}>Find pages</Button>
        </div>
      </Field>
      <Text role="status" className={styles.live}>
        {finder.kind === "found" ? (finder.pages.length === 0 ? `No pages found for ${finder.query}` : `${finder.pages.length} pages found for ${finder.query}`) : ""}
      </Text>
      {finder.kind === "finding" && <Spinner size="tiny" label="Finding pages…" />}
      {finder.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{finder.message}</MessageBarBody>
        </MessageBar>
      )}
      {options.length > 0 && (
        <Field className={styles.field} label="Page to pin" required>
          <RadioGroup
            value={draft.page?.id ?? ""}
            onChange={(_, data) => {
              const page = options.find((p) => p.id === data.value);
              if (page) set({ page: { id: page.id, title: page.title } });
            }}
          >
            {options.map((p) => (
              <Radio key={p.id} value={p.id} label={p.title} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {draft.page && <Text className={own.chosen}>Pinning: {draft.page.title}</Text>}
      <Field
        className={styles.field}
        label="Questions that show this page first"
        hint="One per line, up to 20, each up to 100 characters. Case, punctuation and British or US spelling do not matter."
        validationMessage={problems.triggers}
        required
      >
        <Textarea value={draft.triggers} resize="vertical" rows={3} onChange={(_, data) => set({ triggers: data.value })} />
      </Field>
      <Field className={styles.field} label="How the question must match" validationMessage={problems.match}>
        <RadioGroup value={draft.match} onChange={(_, data) => set({ match: data.value as BestBetMatch })}>
          <Radio value="phrase" label="It contains the phrase" />
          <Radio value="all-words" label="It contains all the words, in any order" />
        </RadioGroup>
      </Field>
      <Field className={styles.field} label="Note for the team (optional)" hint="Why this page is pinned, for whoever reviews it later." validationMessage={problems.note}>
        <Input value={draft.note} onChange={(_, data) => set({ note: data.value })} />
      </Field>
      <Field className={styles.field} label="Stop pinning after (optional)" hint="Leave empty to keep it until someone removes it." validationMessage={problems.expiresAt}>
        <Input type="date" value={draft.expires} onChange={(_, data) => set({ expires: data.value })} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? "Saving…" : bet ? "Save best bet" : "Add best bet"}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
