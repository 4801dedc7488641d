// A page's loading: one request at a time counts. A newer request (a filter changed, pulled to refresh) makes an
// older one's answer stale, so it is dropped instead of overwriting what the newer one shows; its error and its
// loading flag are dropped with it.
import { useCallback, useRef, useState } from 'react';

/** `current()`: this request is still the latest (check it before setting anything from its answer). */
export type Work = (current: () => boolean) => Promise<void>;

export function useLatestRequest(): { loading: boolean; error: string | null; run: (work: Work) => Promise<void> } {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const run = useCallback(async (work: Work) => {
    const mine = ++latest.current;
    const current = () => mine === latest.current;
    setError(null);
    setLoading(true);
    try {
      await work(current);
    } catch (e) {
      if (current()) setError((e as Error).message);
    } finally {
      if (current()) setLoading(false);
    }
  }, []);
  return { loading, error, run };
}
