// Makes senders wait (never drop) until a platform's documented send rate allows one more message. Knows no
// platform: the rules (e.g. WeCom 30/min and 1000/h per member) are passed in by each client.

export interface RateRule {
  name: string;
  /** At most `points` sends in any window of `durationMs`. */
  points: number;
  durationMs: number;
}

/**
 * Who waits for a send: `answer` — a person who just wrote, tapped or called (they are watching the chat);
 * `push` — nobody (a reminder, a scheduled board).
 */
export type RateLane = 'answer' | 'push';

/** The lane of a send from the adapter's options (core/platform.ts SendOptions). */
export function laneOf(opts?: { push?: boolean }): RateLane {
  return opts?.push ? 'push' : 'answer';
}

/**
 * What pushes may use of a rule: a sixth of every window (rounded down) stays free for answers, so a backlog of
 * reminders never makes a person wait a whole window for the answer to their own message. 30/min → 25,
 * 1000/h → 834, 20/min → 17; a rule of fewer than 6 points keeps them all.
 */
export function pushAllowance(rule: RateRule): RateRule {
  return { ...rule, points: rule.points - Math.floor(rule.points / 6) };
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

/** How many grants between sweeps of idle keys: the sweep walks every key, so this keeps it amortized O(1). */
const SWEEP_EVERY = 1024;

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
  /** The same rules cut to the push allowance. */
  private readonly pushRules: RateRule[];
  /** Send times per key (both lanes: the platform counts them all), oldest first, at most `keep` of them. */
  private readonly logs = new Map<string, number[]>();
  /** Grant times per key not yet counted from their finish (markSent), oldest first. */
  private readonly unmarked = new Map<string, number[]>();
  /**
   * One queue per key and lane keeps waiting senders in arrival order; an answer never queues behind pushes
   * (pushes stop short of the full limit, so the answer finds a free slot while they wait).
   */
  private readonly tails = new Map<string, Promise<void>>();
  /** Grants since the last sweep of keys no rule can see any more (members and chats come and go). */
  private grantsSinceSweep = 0;

  constructor(opts: RateGateOptions) {
    this.rules = opts.rules.filter((r) => r.points > 0);
    this.pushRules = this.rules.map(pushAllowance);
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.now ?? (() => Date.now());
    this.holdMs = (opts.marginMs ?? 0) + (opts.jitterMs ?? GATE_JITTER_MS);
    this.keep = Math.max(1, ...this.rules.map((r) => r.points));
    this.longest = Math.max(0, ...this.rules.map((r) => r.durationMs)) + this.holdMs;
  }

  /**
   * Resolves when one more send to `key` stays within every rule (a push: within the push allowance of every rule);
   * the slot is taken on return.
   */
  waitForSlot(key: string, lane: RateLane = 'answer'): Promise<void> {
    const queue = `${lane}\u0000${key}`;
    const prev = this.tails.get(queue) ?? Promise.resolve();
    const mine = prev.then(() => this.take(key, lane));
    const tail = mine.catch(() => undefined);
    this.tails.set(queue, tail);
    void tail.then(() => { if (this.tails.get(queue) === tail) this.tails.delete(queue); });
    return mine;
  }

  /** How long the next send to `key` in `lane` would wait now (0 = it may go). */
  delayFor(key: string, now = this.now(), lane: RateLane = 'answer'): number {
    const log = this.logs.get(key);
    if (!log) return 0;
    let wait = 0;
    for (const rule of lane === 'push' ? this.pushRules : this.rules) {
      if (log.length >= rule.points) wait = Math.max(wait, log[log.length - rule.points] + rule.durationMs + this.holdMs - now);
    }
    return Math.max(0, wait);
  }

  /**
   * The sends to `keys` granted last have now finished: count them from now. The platform stamps a send somewhere
   * between our grant and its answer; counting from the answer means a slow request can never let the next window
   * open early at the platform's end, whatever the latency did. An answer and a push to one key may be in flight at
   * once, so each call replaces one grant not yet counted (which one does not matter, only how many fall in a
   * window): once all have finished, the log holds their finish times.
   */
  markSent(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const log = this.logs.get(key);
      if (!log?.length) continue;
      const open = this.unmarked.get(key);
      const granted = open?.shift();
      if (open && !open.length) this.unmarked.delete(key);
      if (granted === undefined) {
        if (log[log.length - 1] < now) log[log.length - 1] = now;
        continue;
      }
      const i = log.lastIndexOf(granted);
      if (i >= 0) log.splice(i, 1);
      const at = Math.max(now, granted);
      let j = log.length;
      while (j > 0 && log[j - 1] > at) j--;
      log.splice(j, 0, at);
    }
  }

  /** Number of keys remembered (tests: a gate forgets idle keys). */
  get size(): number {
    return this.logs.size;
  }

  /**
   * Drops the keys whose every send has left the longest window. A send in flight is in its key's log from its grant,
   * so such a key is never idle; a grant never marked (its sender died) stops counting once no window can see it.
   */
  private sweep(now: number): void {
    this.grantsSinceSweep = 0;
    const idle = (times: number[]) => !times.length || times[times.length - 1] + this.longest <= now;
    for (const [key, open] of this.unmarked) if (idle(open)) this.unmarked.delete(key);
    for (const [key, log] of this.logs) if (idle(log)) this.logs.delete(key);
  }

  private async take(key: string, lane: RateLane): Promise<void> {
    for (;;) {
      const now = this.now();
      const wait = this.delayFor(key, now, lane);
      if (wait <= 0) {
        const log = this.logs.get(key) ?? [];
        // Forget what no rule can see any more.
        while (log.length && (log.length >= this.keep || log[0] + this.longest <= now)) log.shift();
        log.push(now);
        this.logs.set(key, log);
        const open = this.unmarked.get(key) ?? [];
        while (open.length && (open.length >= this.keep || open[0] + this.longest <= now)) open.shift();
        open.push(now);
        this.unmarked.set(key, open);
        if (++this.grantsSinceSweep >= SWEEP_EVERY) this.sweep(now);
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }
}
