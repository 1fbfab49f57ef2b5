import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after a write, or when the user asks). */
  reload: () => void;
}

/**
 * Runs `load` when the component mounts and whenever `key` changes, keeping only the answer of
 * the latest run (an older one that arrives late is dropped). While `enabled` is false nothing
 * is loaded and nothing is kept.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, enabled = true): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: enabled });
  const [round, setRound] = useState(0);
  // `load` is a new function on every render; `key` says when it asks for something else.
  const run = useCallback(load, [key, round]);
  useEffect(() => {
    if (!enabled) {
      setState({ loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, enabled]);
  return { ...state, reload: useCallback(() => setRound((n) => n + 1), []) } as Loaded<T>;
}
