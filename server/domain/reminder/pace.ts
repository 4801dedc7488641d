// Spreads one recipient's messages over the platform's rate windows before they enter the outbox (notBefore),
// so the outbox never holds a batch behind one busy recipient while the client's rate gate waits. Same rule
// as the gate (a sliding window per rule), applied to times already scheduled or sent for that recipient.
export interface PaceRule { points: number; durationMs: number }

/**
 * Send times for `count` new messages, given the recipient's scheduled or sent times (any order, may lie in the
 * future: earlier paced rows, retries with backoff). Each new time is the earliest ≥ now that keeps every window
 * of every rule within its limit. `guardMs` lengthens each window, as the gate does, for network jitter.
 */
export function paceSlots(existing: number[], count: number, now: number, rules: PaceRule[], guardMs = 0): number[] {
  const times = [...existing].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const candidates = [now, ...times.flatMap((x) => rules.map((r) => x + r.durationMs + guardMs))].filter((x) => x >= now).sort((a, b) => a - b);
    const at = candidates.find((c) => fits(times, c, rules, guardMs)) ?? Math.max(now, (times[times.length - 1] ?? now) + Math.max(...rules.map((r) => r.durationMs)) + guardMs);
    insertSorted(times, at);
    out.push(at);
  }
  return out;
}

/** True when adding a send at `c` keeps every window [x − W − guard, x] (x = c or a later send) within the limit. */
function fits(times: number[], c: number, rules: PaceRule[], guardMs: number): boolean {
  for (const r of rules) {
    const w = r.durationMs + guardMs;
    for (const x of [c, ...times.filter((t) => t > c && t < c + w)]) {
      let n = x - w < c && c <= x ? 1 : 0;
      for (const t of times) if (t > x - w && t <= x) n++;
      if (n > r.points) return false;
    }
  }
  return true;
}

function insertSorted(list: number[], v: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > v) i--;
  list.splice(i, 0, v);
}
