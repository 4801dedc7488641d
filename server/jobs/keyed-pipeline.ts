// Work items start as soon as they are handed over; items with the same key run one after another, in order.
// Used by the inbox (per sender) and the outbox (per recipient) so one slow key never holds up the others.
export interface KeyedPipeline {
  /** Chains `fn` after earlier work of the same key; `onDone` runs when it finishes (either way). */
  run(key: string, fn: () => Promise<void>, onDone?: () => void): void;
  readonly inFlight: number;
  /** Resolves when everything handed over so far (and anything chained meanwhile) has finished. */
  settle(): Promise<void>;
}

export function keyedPipeline(): KeyedPipeline {
  const chains = new Map<string, Promise<void>>();
  let inFlight = 0;
  return {
    run(key, fn, onDone) {
      inFlight++;
      const next: Promise<void> = (chains.get(key) ?? Promise.resolve())
        .then(fn)
        .catch(() => undefined)
        .finally(() => {
          inFlight--;
          if (chains.get(key) === next) chains.delete(key);
          onDone?.();
        });
      chains.set(key, next);
    },
    get inFlight() { return inFlight; },
    async settle() { while (chains.size) await Promise.all([...chains.values()]); },
  };
}
