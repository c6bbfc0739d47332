import {
  Button,
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, type JSX, type ReactNode } from "react";
import type { ApiClient } from "./api-client";
import type { Me } from "./api-types";
import { DevSignIn } from "./dev-sign-in";
import { FLUENT_THEMES } from "./teams-context";
import { useHubSession, type HostKind } from "./use-hub-session";

/** The product name shown in every tab's header. */
export const APP_NAME = "Council Hub";

/** What a tab gets once someone is signed in. */
export interface SignedInContext {
  readonly api: ApiClient;
  readonly user: Me;
  readonly host: HostKind;
}

/** Props of {@link AppShell}. */
export interface AppShellProps {
  /** The tab's own name, shown after the app name ("Guidance"). */
  readonly tabName: string;
  /** API prefix; "" is the host that served the tab. */
  readonly baseUrl?: string;
  /** The tab itself, rendered only when someone is signed in. */
  readonly children: (context: SignedInContext) => ReactNode;
}

// Page-wide rules Griffel cannot scope to a component: the body margin and the canvas behind the provider.
const useGlobalStyles = makeStaticStyles({
  "html, body": { margin: 0, padding: 0, minHeight: "100%" },
  body: { overflowWrap: "break-word" },
});

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground3,
  },
  dark: { colorScheme: "dark" },
  light: { colorScheme: "light" },
  skipLink: {
    position: "absolute",
    left: tokens.spacingHorizontalS,
    top: "-10rem",
    zIndex: 1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    // Off-screen until focused: keyboard users meet it first, everyone else never sees it.
    ":focus": { top: tokens.spacingVerticalS },
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  appName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  tabName: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  user: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  main: {
    flexGrow: 1,
    width: "100%",
    maxWidth: "60rem",
    boxSizing: "border-box",
    marginInline: "auto",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    // main is focused by the skip link and after sign-in; it is not a control, so no focus ring.
    ":focus": { outlineStyle: "none" },
  },
});

/**
 * The frame every tab shares: Fluent theme (from Teams, or `?theme=`), sign-in gate, skip link and landmarks.
 * @example
 * <AppShell tabName="Guidance">{({ api, user }) => <GuidanceTab api={api} user={user} />}</AppShell>
 */
export function AppShell({ tabName, baseUrl, children }: AppShellProps): JSX.Element {
  useGlobalStyles();
  const styles = useStyles();
  const { state, host, theme, api, signIn, signOut } = useHubSession({ baseUrl });
  const mainRef = useRef<HTMLElement>(null);
  const previousStatus = useRef(state.status);

  // After signing in (or switching user) the sign-in form is gone: put focus at the start of the tab, not on <body>.
  useEffect(() => {
    if (previousStatus.current === "signed-out" && state.status === "signed-in") mainRef.current?.focus();
    previousStatus.current = state.status;
  }, [state.status]);

  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} className={`${styles.root} ${theme === "light" ? styles.light : styles.dark}`}>
      <a className={styles.skipLink} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <span className={styles.appName}>
          {APP_NAME} <span className={styles.tabName}>· {tabName}</span>
        </span>
        {state.status === "signed-in" && (
          <div className={styles.user}>
            <Text>
              Signed in as <Text weight="semibold">{state.user.name}</Text>
            </Text>
            {host === "browser" && (
              <Button size="small" onClick={signOut}>
                Switch user
              </Button>
            )}
          </div>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
        {state.status === "starting" && <Spinner label={`Loading ${APP_NAME}…`} />}
        {state.status === "signed-out" && <DevSignIn api={api} appName={APP_NAME} notice={state.notice} onSignIn={signIn} />}
        {state.status === "failed" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{APP_NAME} could not start</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {state.status === "signed-in" && host && children({ api, user: state.user, host })}
      </main>
    </FluentProvider>
  );
}
