import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { JSX } from "react";

/** Props of {@link RetryMessage}. */
export interface RetryMessageProps {
  readonly message: string;
  readonly onRetry: () => void;
}

/** A load that failed: the message, and "Try again". */
export function RetryMessage({ message, onRetry }: RetryMessageProps): JSX.Element {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Try again</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
