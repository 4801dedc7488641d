// A polling worker: runs `tick` while it finds work, sleeps when idle, wakes early on poke(). Stops cleanly.
export interface Worker { poke(): void; stop(): Promise<void>; /** Runs ticks until one finds nothing (tests). */ drain(): Promise<void> }

export interface WorkerOptions {
  name: string;
  /** Does one batch; returns how many items it handled. */
  tick: () => Promise<number>;
  idleMs?: number;
  onError?: (e: unknown) => void;
  /** For ticks that start work without awaiting it: resolves once everything started so far has finished. */
  settle?: () => Promise<void>;
}

export function startWorker(o: WorkerOptions, autoStart = true): Worker {
  let stopped = false;
  let wake: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  const idle = o.idleMs ?? 1000;

  async function loop(): Promise<void> {
    while (!stopped) {
      let n = 0;
      try { n = await o.tick(); } catch (e) { o.onError?.(e); }
      if (n > 0) continue;
      await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, idle).unref?.(); });
      wake = undefined;
    }
  }
  if (autoStart) running = loop();
  return {
    poke: () => wake?.(),
    async stop() { stopped = true; wake?.(); await running; await o.settle?.(); },
    async drain() {
      for (let i = 0; i < 1000; i++) {
        const n = await o.tick();
        await o.settle?.();
        if (n === 0) break;
      }
    },
  };
}
