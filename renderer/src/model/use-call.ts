import { useCallback, useEffect, useState } from 'react';
import type { CallName, CallRequest, CallResult } from '../../../main/api/contract/api-contract.ts';
import { useApp } from './app-context.ts';

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Runs one contract call when its request changes (null = not yet); the request is compared by its JSON. */
export function useCall<N extends CallName>(name: N, request: CallRequest<N> | null): CallState<CallResult<N>> {
  const { host } = useApp();
  const [state, setState] = useState<{ data: CallResult<N> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: false });
  const [generation, setGeneration] = useState(0);
  const key = request === null ? null : JSON.stringify(request);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    host.api.call(name, JSON.parse(key) as CallRequest<N>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error: (error as Error).message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [host, name, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
