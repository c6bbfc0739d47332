import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import { useEffect, useState, type FormEvent, type JSX } from "react";
import type { ApiClient } from "./api-client";
import { isApiError } from "./api-error";
import type { DevUser } from "./api-types";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "32rem",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  heading: { ...typographyStyles.title3, margin: 0 },
  form: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalM },
  // minWidth 0 everywhere: a long option ("Name – Department (roles)") must not push the select out of the card.
  select: { width: "100%", minWidth: 0 },
  field: { width: "100%", minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
});

/** Props of {@link DevSignIn}. */
export interface DevSignInProps {
  readonly api: ApiClient;
  readonly appName: string;
  /** Why the user is here again, e.g. their session expired. */
  readonly notice?: string;
  readonly onSignIn: (upn: string) => Promise<void>;
}

/**
 * Outside Teams there is no SSO, so in dev mode the host issues tokens for sample users: pick one to sign in.
 * In production (AUTH_MODE=entra) the host does not serve the dev endpoints and this says so.
 */
export function DevSignIn({ api, appName, notice, onSignIn }: DevSignInProps): JSX.Element {
  const styles = useStyles();
  const [users, setUsers] = useState<readonly DevUser[] | undefined>(undefined);
  const [selected, setSelected] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.dev.listUsers({ signal: controller.signal }).then(
      (list) => {
        setUsers(list);
        setSelected((current) => current || (list[0]?.upn ?? ""));
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setUsers([]);
        setError(
          isApiError(e) && e.status === 404
            ? `Open ${appName} from Microsoft Teams to sign in. The development sign-in is switched off on this server.`
            : isApiError(e)
              ? e.message
              : "The sample users could not be loaded.",
        );
      },
    );
    return () => controller.abort();
  }, [api, appName]);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!selected || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(selected);
    } catch (e) {
      setError(isApiError(e) ? e.message : "Signing in failed. Try again.");
      setBusy(false);
    }
  };

  return (
    <section className={styles.card} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className={styles.heading}>
        Sign in to {appName}
      </h1>
      <Text>This is the development sign-in: choose a sample member of staff. Inside Microsoft Teams you are signed in automatically.</Text>
      {notice && (
        <MessageBar intent="warning">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {users === undefined ? (
        <Spinner size="small" label="Loading sample users…" />
      ) : (
        users.length > 0 && (
          <form className={styles.form} onSubmit={(e) => void submit(e)}>
            <Field label="Sample user" className={styles.field}>
              <Select className={styles.select} value={selected} onChange={(_, data) => setSelected(data.value)}>
                {users.map((u) => (
                  <option key={u.upn} value={u.upn}>
                    {describeUser(u)}
                  </option>
                ))}
              </Select>
            </Field>
            {/* disabledFocusable, not disabled: keyboard focus stays on the button while the token is fetched. */}
            <Button type="submit" appearance="primary" disabledFocusable={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </Button>
          </form>
        )
      )}
    </section>
  );
}

/** "Priya Shah – HR (staff, line manager)": enough to pick the right role for a test. */
function describeUser(user: DevUser): string {
  const roles = user.roles.map((r) => r.replace(/_/g, " ")).join(", ");
  return `${user.name} – ${user.department}${roles ? ` (${roles})` : ""}`;
}
