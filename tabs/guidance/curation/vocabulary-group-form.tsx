import { Button, Field, Input, Textarea } from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type FormEvent, type JSX } from "react";
import { useCurationStyles } from "./curation-styles";
import { checkGroup, splitTerms, type GroupProblems } from "./vocabulary-draft";

/** Props of {@link VocabularyGroupForm}. */
export interface VocabularyGroupFormProps {
  /** "Add a group" or "Edit group". */
  readonly title: string;
  readonly initialTerms: readonly string[];
  readonly initialBroader: readonly string[];
  readonly onDone: (terms: string[], broader: string[]) => void;
  readonly onCancel: () => void;
}

/** Adds or edits one group of the draft vocabulary. Nothing is saved to the host until "Save changes". */
export function VocabularyGroupForm({ title, initialTerms, initialBroader, onDone, onCancel }: VocabularyGroupFormProps): JSX.Element {
  const styles = useCurationStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [terms, setTerms] = useState(initialTerms.join(", "));
  const [broader, setBroader] = useState(initialBroader.join(", "));
  const [problems, setProblems] = useState<GroupProblems>({});

  // The form replaced the button that opened it: move focus into it, to its heading, so it is announced.
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const t = splitTerms(terms);
    const b = splitTerms(broader);
    const found = checkGroup(t, b);
    setProblems(found);
    if (found.terms || found.broader) return;
    onDone(t, b);
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className={styles.subheading}>
        {title}
      </h3>
      <Field
        className={styles.field}
        label="Words and phrases that mean the same"
        hint="Separate them with commas, for example: annual leave, holiday, vacation. Acronyms go here too: OH, occupational health."
        validationMessage={problems.terms}
        required
      >
        <Textarea value={terms} resize="vertical" onChange={(_, data) => setTerms(data.value)} />
      </Field>
      <Field
        className={styles.field}
        label="Broader terms (optional)"
        hint="Searched for one way only: a question about a laptop also finds pages about equipment, not the other way round."
        validationMessage={problems.broader}
      >
        <Input value={broader} onChange={(_, data) => setBroader(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          Done
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
