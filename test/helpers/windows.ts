// Checking rate limits from the outside: how many sends any one window saw.

/** Largest number of timestamps inside any window of `ms` (closed on both ends: the strictest reading). */
export function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let n = 0;
    for (let j = i; j < sorted.length && sorted[j] - sorted[i] <= ms; j++) n++;
    best = Math.max(best, n);
  }
  return best;
}
