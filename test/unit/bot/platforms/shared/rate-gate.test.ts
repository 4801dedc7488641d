import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateGate, pushAllowance } from '../../../../../bot/platforms/shared/rate-gate.js';
import { maxInWindow } from '../../../../helpers/windows.js';

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

  it('forgets members and chats once no window can see their sends, and still counts the recent ones', async () => {
    const gate = new RateGate({ rules: [{ name: 'm', points: 1, durationMs: 1000 }], jitterMs: 0 });
    const send = async (key: string) => { await gate.waitForSlot(key); gate.markSent([key]); };
    for (let i = 0; i < 3000; i++) await send(`old-${i}`);
    expect(gate.size).toBe(3000);
    vi.setSystemTime(5000);
    await send('recent');
    for (let i = 0; i < 1100; i++) await send(`new-${i}`);
    // The idle 3000 went at the first sweep; what was sent since is all still there and still limits.
    expect(gate.size).toBe(1101);
    expect(gate.delayFor('recent')).toBe(1000);
    expect(gate.delayFor('old-1')).toBe(0);
  });

  describe('answers first: pushes never take the whole window', () => {
    const rule = { name: 'six', points: 6, durationMs: 1000 };

    it('leaves a sixth of each rule to answers (30/min → 25, 1000/h → 834, 20/min → 17, 1 → 1)', () => {
      expect(pushAllowance({ name: 'm', points: 30, durationMs: 60_000 })).toEqual({ name: 'm', points: 25, durationMs: 60_000 });
      expect(pushAllowance({ name: 'h', points: 1000, durationMs: 3_600_000 }).points).toBe(834);
      expect(pushAllowance({ name: 'g', points: 20, durationMs: 60_000 }).points).toBe(17);
      expect(pushAllowance({ name: 'one', points: 1, durationMs: 2000 }).points).toBe(1);
      expect(pushAllowance(rule).points).toBe(5);
    });

    it('pushes get only 5 of 6 in a window; an answer still goes at once while pushes wait', async () => {
      const gate = new RateGate({ rules: [rule], jitterMs: 0 });
      const pushes: number[] = [];
      const all = Array.from({ length: 12 }, () => gate.waitForSlot('rep.zhang', 'push').then(() => { pushes.push(Date.now()); }));
      await vi.advanceTimersByTimeAsync(0);
      expect(pushes).toHaveLength(5);
      expect(gate.delayFor('rep.zhang', Date.now(), 'push')).toBeGreaterThan(0);
      expect(gate.delayFor('rep.zhang', Date.now(), 'answer')).toBe(0);
      await vi.advanceTimersByTimeAsync(300);
      let answeredAt: number | undefined;
      const answer = gate.waitForSlot('rep.zhang').then(() => { answeredAt = Date.now(); });
      await vi.advanceTimersByTimeAsync(0);
      expect(answeredAt).toBe(300);
      expect(pushes).toHaveLength(5);
      await vi.advanceTimersByTimeAsync(10_000);
      await Promise.all([...all, answer]);
      expect(pushes).toHaveLength(12);
      expect(maxInWindow(pushes, 999)).toBeLessThanOrEqual(5);
    });

    it('an answer does not queue behind waiting pushes, and the total never exceeds 6 in any window', async () => {
      const gate = new RateGate({ rules: [rule], jitterMs: 0 });
      const times: number[] = [];
      const pushes = Array.from({ length: 30 }, () => gate.waitForSlot('rep.zhang', 'push').then(() => { times.push(Date.now()); }));
      // While 30 pushes wait their turn (six windows' worth), a person writes now and then and is answered at once.
      const waited: number[] = [];
      const asked: Promise<void>[] = [];
      for (const at of [300, 1700, 2900, 4100, 5150]) {
        await vi.advanceTimersByTimeAsync(at - Date.now());
        asked.push(gate.waitForSlot('rep.zhang').then(() => { times.push(Date.now()); waited.push(Date.now() - at); }));
        await vi.advanceTimersByTimeAsync(0);
      }
      expect(waited).toEqual([0, 0, 0, 0, 0]);
      await vi.advanceTimersByTimeAsync(60_000);
      await Promise.all([...pushes, ...asked]);
      expect(times).toHaveLength(35);
      expect(maxInWindow(times, 999)).toBeLessThanOrEqual(6);
    });

    it('an answer and a push in flight at once are each counted from when they finished', async () => {
      const gate = new RateGate({ rules: [{ name: 'two', points: 2, durationMs: 1000 }], jitterMs: 0 });
      await gate.waitForSlot('rep.zhang', 'push'); // granted at 0, the platform answers late (at 900)
      await vi.advanceTimersByTimeAsync(10);
      await gate.waitForSlot('rep.zhang'); // granted at 10, answered at 20
      await vi.advanceTimersByTimeAsync(10);
      gate.markSent(['rep.zhang']);
      await vi.advanceTimersByTimeAsync(880);
      gate.markSent(['rep.zhang']);
      // The platform may have stamped them as late as 20 and 900: a third send waits until 20 has left the window.
      let third: number | undefined;
      const next = gate.waitForSlot('rep.zhang').then(() => { third = Date.now(); });
      await vi.advanceTimersByTimeAsync(2000);
      await next;
      expect(third).toBe(1020);
    });
  });
});
