import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from "react";
import type { FailureMessage } from "./failure-message";

/** A view's data: still loading, failed (with the message to show), or ready. */
export type Load<T> = { readonly kind: "loading" } | { readonly kind: "failed"; readonly message: string } | { readonly kind: "ready"; readonly value: T };

/** Options of {@link useLoad}. Pass stable functions (useCallback): a new one loads again. */
export interface UseLoadOptions<T> {
  /** Reads the data; the signal is aborted when the view closes. */
  readonly fetch: (signal?: AbortSignal) => Promise<T>;
  /** From {@link useFailureMessage}: a 403 leaves the view, anything else is shown. */
  readonly messageOf: FailureMessage;
  /** Shown when the host gave no message. */
  readonly fallback: string;
  /** Runs after each successful load, for state the view derives from the data (a draft to edit). */
  readonly onLoaded?: (value: T) => void;
}

/** What {@link useLoad} returns. */
export interface LoadState<T> {
  readonly load: Load<T>;
  /** For a view that changes the loaded data in place after a save. */
  readonly setLoad: Dispatch<SetStateAction<Load<T>>>;
  /** Loads again ("Try again", or after someone else's change). */
  readonly reload: (signal?: AbortSignal) => void;
}

/**
 * Loads a Manage search view's data when it opens (cancelled if it closes first) and on `reload`, tracking
 * loading, failure and the data.
 */
export function useLoad<T>({ fetch, messageOf, fallback, onLoaded }: UseLoadOptions<T>): LoadState<T> {
  const [load, setLoad] = useState<Load<T>>({ kind: "loading" });

  const reload = useCallback(
    (signal?: AbortSignal) => {
      setLoad({ kind: "loading" });
      fetch(signal).then(
        (value) => {
          setLoad({ kind: "ready", value });
          onLoaded?.(value);
        },
        (error: unknown) => {
          if (signal?.aborted) return;
          const message = messageOf(error, fallback);
          if (message) setLoad({ kind: "failed", message });
        },
      );
    },
    [fetch, messageOf, fallback, onLoaded],
  );

  useEffect(() => {
    const controller = new AbortController();
    reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  return { load, setLoad, reload };
}
