// Makes senders wait (never drop) until a platform's documented send rate allows one more message. Knows no
// platform: the rules (e.g. WeCom 30/min and 1000/h per member) are passed in by each client.

export interface RateRule {
  name: string;
  /** At most `points` sends in any window of `durationMs`. */
  points: number;
  durationMs: number;
}

export interface RateGateOptions {
  rules: RateRule[];
  /** Injectable for tests driven by fake timers. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Kept for callers of the former sliced gate; unused. */
  slices?: number;
  /** Extra time each send is held in its window (on top of `jitterMs`), e.g. for clock doubts. */
  marginMs?: number;
  /** See GATE_JITTER_MS. */
  jitterMs?: number;
}

/**
 * The platform stamps a send when it arrives, a little after we let it go; if an earlier send travelled slower
 * than a later one, the two would sit closer together at the platform than here. Holding each send this much
 * longer than the window covers loopback and LAN jitter; a WeCom window of 60 s loses 0.04 % to it.
 */
export const GATE_JITTER_MS = 25;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * An exact sliding-window log per key: it remembers the times of the last N sends and lets the next one go the
 * moment the oldest of them leaves the window (plus the jitter guard). So it never exceeds a limit in any window,
 * wherever the window starts (WeCom's window is not documented: assume sliding), and it reaches the limit —
 * unlike fixed windows, which let 2N through across a boundary, or slices of them, which run well below N.
 */
export class RateGate {
  private readonly rules: RateRule[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly holdMs: number;
  private readonly keep: number;
  private readonly longest: number;
  /** Send times per key, oldest first, at most `keep` of them. */
  private readonly logs = new Map<string, number[]>();
  /** One queue per key keeps waiting senders in arrival order. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(opts: RateGateOptions) {
    this.rules = opts.rules.filter((r) => r.points > 0);
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.now ?? (() => Date.now());
    this.holdMs = (opts.marginMs ?? 0) + (opts.jitterMs ?? GATE_JITTER_MS);
    this.keep = Math.max(1, ...this.rules.map((r) => r.points));
    this.longest = Math.max(0, ...this.rules.map((r) => r.durationMs)) + this.holdMs;
  }

  /** Resolves when one more send to `key` stays within every rule; the slot is taken on return. */
  waitForSlot(key: string): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const mine = prev.then(() => this.take(key));
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    return mine;
  }

  /** How long the next send to `key` would wait now (0 = it may go). */
  delayFor(key: string, now = this.now()): number {
    const log = this.logs.get(key);
    if (!log) return 0;
    let wait = 0;
    for (const rule of this.rules) {
      if (log.length >= rule.points) wait = Math.max(wait, log[log.length - rule.points] + rule.durationMs + this.holdMs - now);
    }
    return Math.max(0, wait);
  }

  /**
   * The sends to `keys` granted last have now finished: count them from now. The platform stamps a send somewhere
   * between our grant and its answer; counting from the answer means a slow request can never let the next window
   * open early at the platform's end, whatever the latency did.
   */
  markSent(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const log = this.logs.get(key);
      if (log?.length && log[log.length - 1] < now) log[log.length - 1] = now;
    }
  }

  private async take(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const wait = this.delayFor(key, now);
      if (wait <= 0) {
        const log = this.logs.get(key) ?? [];
        // Forget what no rule can see any more; drop the key when nothing is left.
        while (log.length && (log.length >= this.keep || log[0] + this.longest <= now)) log.shift();
        log.push(now);
        this.logs.set(key, log);
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }
}
