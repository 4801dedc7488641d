// Makes senders wait (never drop) until a platform's documented send rate allows one more message. Knows no
// platform: the rules (e.g. WeCom 30/min and 1000/h per member) are passed in by each client.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

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
  /** Slices per window: more slices = smoother, fewer = bigger bursts. */
  slices?: number;
  /** Added to every slice so network jitter cannot squeeze two slices into one platform window. */
  marginMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * rate-limiter-flexible counts in fixed windows that start at the first consume. A fixed window of N per D
 * lets 2N through in a moment straddling a boundary, which WeCom (whose window is not documented: assume
 * sliding) would silently drop. So each rule is enforced as disjoint slices of length > D/k holding
 * floor(N/(k+1)) points: any interval of length D touches at most k+1 slices, so never more than N.
 */
export class RateGate {
  private readonly limiters: { rule: RateRule; limiter: RateLimiterMemory }[];
  private readonly sleep: (ms: number) => Promise<void>;
  /** One queue per key keeps waiting senders in arrival order. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(opts: RateGateOptions) {
    this.sleep = opts.sleep ?? realSleep;
    const slices = Math.max(1, opts.slices ?? 4);
    const margin = opts.marginMs ?? 0;
    this.limiters = opts.rules.map((rule) => {
      let k = Math.min(slices, rule.points - 1);
      let perSlice = k >= 1 ? Math.floor(rule.points / (k + 1)) : 0;
      let sliceMs: number;
      if (perSlice >= 1) {
        sliceMs = rule.durationMs / k + margin;
      } else {
        // Too few points to slice: space single sends D/N apart, so N+1 sends always span more than D.
        k = rule.points;
        perSlice = 1;
        sliceMs = rule.durationMs / rule.points + margin;
      }
      return { rule, limiter: new RateLimiterMemory({ points: perSlice, duration: (sliceMs + 1) / 1000, keyPrefix: rule.name }) };
    });
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

  private async take(key: string): Promise<void> {
    for (const { limiter } of this.limiters) {
      for (;;) {
        try {
          await limiter.consume(key, 1);
          break;
        } catch (e) {
          if (!(e instanceof RateLimiterRes)) throw e;
          await this.sleep(Math.max(1, e.msBeforeNext + 1));
        }
      }
    }
  }
}
