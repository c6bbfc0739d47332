import { Button, Label, makeStyles, SearchBox, Text, tokens } from "@fluentui/react-components";
import { useId, useState, type FormEvent, type JSX, type Ref } from "react";

/** The host refuses longer queries; stopping at the box is kinder than an error after submitting. */
export const MAX_QUERY_LENGTH = 500;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Grows to fill the row, but wraps under nothing: at 320px the button drops below the box.
  box: { flexGrow: 1, flexBasis: "14rem", maxWidth: "none", minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Props of {@link SearchForm}. */
export interface SearchFormProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Called with the trimmed query; never with an empty one. */
  readonly onSearch: (query: string) => void;
  /** The text box, so the tab can return focus to it. */
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** The search box: a visible label, Enter or the Search button submits, and an empty search explains itself. */
export function SearchForm({ value, onChange, onSearch, inputRef }: SearchFormProps): JSX.Element {
  const styles = useStyles();
  const inputId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const query = value.trim();
    if (!query) {
      setError("Type some words to search for.");
      return;
    }
    setError(undefined);
    onSearch(query);
  };

  return (
    <form role="search" aria-label="Guidance" className={styles.form} onSubmit={submit}>
      <Label htmlFor={inputId} weight="semibold">
        Search guidance
      </Label>
      <div className={styles.row}>
        <SearchBox
          id={inputId}
          ref={inputRef}
          className={styles.box}
          value={value}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="For example: annual leave"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(_, data) => {
            onChange(data.value);
            if (error && data.value.trim()) setError(undefined);
          }}
        />
        <Button type="submit" appearance="primary">
          Search
        </Button>
      </div>
      {error && (
        <Text id={errorId} className={styles.error} role="alert">
          {error}
        </Text>
      )}
    </form>
  );
}
