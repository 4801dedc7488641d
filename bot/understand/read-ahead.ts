// Reads the dates in a chat line ahead of the turn, on another thread. The date recognizer is most of the CPU a
// follow-up costs; done on the event loop it holds up every other callback, turn and delivery. The thread runs the
// same understand() with a fresh memo and hands the memo back; the turn then understands the line again on the
// main thread, where each reading it needs is already there (keys hold every input, so a hit is exact) and anything
// missing (another language hint, configured stages) is simply read in place. So a slow, failed or absent thread
// changes only speed, never the answer.
import { Worker } from 'node:worker_threads';
import type { DateMemo, DateMention, TextLanguage } from './parse-date.js';

export interface ReadAheadRequest { id: number; text: string; now: number; timeZone: string; locale?: TextLanguage }
export interface ReadAheadResponse { id: number; entries: [string, DateMention[]][]; error?: string }

export interface ReadAhead {
  /** The date memo for this line, or undefined when the thread could not answer in time. */
  read(text: string, at: { now: Date; timeZone: string; locale?: TextLanguage }): Promise<DateMemo | undefined>;
  close(): Promise<void>;
}

export interface ReadAheadOptions {
  /** Waits no longer than this for the thread, then the turn reads in place. Default 2 s. */
  timeoutMs?: number;
  onError?: (e: unknown) => void;
}

const WORKER_URL = new URL('./read-ahead.worker.ts', import.meta.url).href;

/** One reader thread, started now (it loads the recognizers while the server starts), restarted if it dies. */
export function startReadAhead(o: ReadAheadOptions = {}): ReadAhead {
  const timeoutMs = o.timeoutMs ?? 2000;
  const pending = new Map<number, (memo: DateMemo | undefined) => void>();
  let nextId = 1;
  let worker: Worker | undefined;
  let closed = false;

  function spawn(): Worker {
    // The thread runs TypeScript like the server does, through tsx's loader (registered inside the thread: a
    // worker does not inherit the main thread's module hooks).
    const w = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`, { eval: true });
    w.unref();
    w.on('message', (r: ReadAheadResponse) => {
      const done = pending.get(r.id);
      pending.delete(r.id);
      if (r.error) o.onError?.(new Error(r.error));
      done?.(r.error ? undefined : new Map(r.entries.map(([k, ms]) => [k, ms.map((m) => ({ ...m, at: new Date(m.at) }))])));
    });
    const lost = (e: unknown) => {
      if (worker === w) worker = undefined;
      if (!closed && e) o.onError?.(e);
      for (const done of pending.values()) done(undefined);
      pending.clear();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(code && !closed ? new Error(`read-ahead thread exited with ${code}`) : undefined));
    return w;
  }
  worker = spawn();

  return {
    read(text, at) {
      if (closed) return Promise.resolve(undefined);
      worker ??= spawn();
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => { pending.delete(id); resolve(undefined); }, timeoutMs);
        timer.unref();
        pending.set(id, (memo) => { clearTimeout(timer); resolve(memo); });
        worker!.postMessage({ id, text, now: at.now.getTime(), timeZone: at.timeZone, locale: at.locale } satisfies ReadAheadRequest);
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      for (const done of pending.values()) done(undefined);
      pending.clear();
      if (w) await w.terminate();
    },
  };
}
