import { useCallback } from "react";
import { isApiError } from "../../shared";

/** What a Manage search view shows for a failed call: the host's message, a fallback, or nothing after a 403. */
export type FailureMessage = (error: unknown, fallback: string) => string | undefined;

/**
 * The message to show for a failed call in a Manage search view. A 403 shows no message: it is handed to
 * `onForbidden`, so the shell says "not available to you" instead (the user's roles changed since the tab opened).
 */
export function useFailureMessage(onForbidden: () => void): FailureMessage {
  return useCallback(
    (error: unknown, fallback: string): string | undefined => {
      if (isApiError(error) && error.status === 403) {
        onForbidden();
        return undefined;
      }
      return isApiError(error) ? error.message : fallback;
    },
    [onForbidden],
  );
}
