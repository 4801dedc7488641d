import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateGate } from '../../../../../bot/platforms/shared/rate-gate.js';

/** Largest number of timestamps inside any window of `ms` (closed on both ends: the strictest reading). */
function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && times[j] - times[i] <= ms; j++) n++;
    best = Math.max(best, n);
  }
  return best;
}

describe('RateGate', () => {
  beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(0); });
  afterEach(() => { vi.useRealTimers(); });

  it('lets every message through eventually and never more than N in any window (30/min, 1000/h)', async () => {
    const gate = new RateGate({ rules: [{ name: 'm', points: 30, durationMs: 60_000 }, { name: 'h', points: 1000, durationMs: 3_600_000 }], marginMs: 1 });
    const times: number[] = [];
    const all = Array.from({ length: 200 }, () => gate.waitForSlot('rep.zhang').then(() => { times.push(Date.now()); }));
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    await Promise.all(all);
    expect(times).toHaveLength(200);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(30);
    expect(maxInWindow(times, 3_600_000)).toBeLessThanOrEqual(1000);
  });

  it('keys are independent: one busy member does not slow another', async () => {
    const gate = new RateGate({ rules: [{ name: 'm', points: 4, durationMs: 1000 }] });
    const busy = Array.from({ length: 20 }, () => gate.waitForSlot('a'));
    let otherDone = false;
    const other = gate.waitForSlot('b').then(() => { otherDone = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(otherDone).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([...busy, other]);
  });

  it('with a single point per window it spaces sends out instead of dropping them', async () => {
    const gate = new RateGate({ rules: [{ name: 'one', points: 1, durationMs: 1000 }] });
    const times: number[] = [];
    const all = Array.from({ length: 5 }, () => gate.waitForSlot('k').then(() => { times.push(Date.now()); }));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(times).toHaveLength(5);
    expect(maxInWindow(times, 1000)).toBe(1);
  });
});
