import { describe, expect, it } from 'vitest';
import { paceSlots } from '../../../../server/domain/reminder/pace.js';
import { daysAheadForWorkDays, daysBackForWorkDays, nextPushTime, outsideQuietHours, snoozeUntil } from '../../../../server/domain/reminder/local-time.js';

const maxInWindow = (times: number[], w: number) => Math.max(...times.map((a) => times.filter((b) => b >= a && b - a < w).length));

describe('paceSlots', () => {
  it('fills each window to the limit and no further', () => {
    const slots = paceSlots([], 20, 0, [{ points: 3, durationMs: 1000 }]);
    expect(slots.slice(0, 7)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    expect(slots[19]).toBe(6000);
    expect(maxInWindow(slots, 1000)).toBe(3);
  });
  it('counts what is already scheduled, and adds the guard to each window', () => {
    expect(paceSlots([0, 0], 2, 0, [{ points: 3, durationMs: 1000 }], 10)).toEqual([0, 1010]);
  });
  it('uses the gap before a future send (a retry with backoff) without breaking its window', () => {
    expect(paceSlots([5000], 2, 0, [{ points: 1, durationMs: 1000 }])).toEqual([0, 1000]);
  });
});

describe('quiet hours and snoozes (Asia/Shanghai)', () => {
  const tz = 'Asia/Shanghai';
  const quiet = { start: '21:00', end: '08:00' };
  it('23:00 waits until 08:00 the next morning; 07:59 until 08:00; 10:00 goes at once', () => {
    expect(outsideQuietHours(new Date('2026-11-20T15:00:00Z'), tz, quiet).toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(outsideQuietHours(new Date('2026-11-20T23:59:00Z'), tz, quiet).toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(outsideQuietHours(new Date('2026-11-21T02:00:00Z'), tz, quiet).toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(outsideQuietHours(new Date('2026-11-20T15:00:00Z'), tz, null).toISOString()).toBe('2026-11-20T15:00:00.000Z');
  });
  it('days off, when quiet, hold a push until the next work day\'s morning; when not, only the night does', () => {
    const weekdays = { timeZone: tz, quietHours: quiet, quietOnDaysOff: true, workDays: [1, 2, 3, 4, 5] };
    // Friday 23:00 → Monday 08:00; Saturday noon → Monday 08:00; Sunday 07:00 (quiet hours too) → Monday 08:00.
    for (const at of ['2026-11-20T15:00:00Z', '2026-11-21T04:00:00Z', '2026-11-21T23:00:00Z']) expect(nextPushTime(new Date(at), weekdays).toISOString(), at).toBe('2026-11-23T00:00:00.000Z');
    // A six-day week: Saturday goes at once; no quiet hours: a day off ends at 08:00 all the same.
    expect(nextPushTime(new Date('2026-11-21T04:00:00Z'), { ...weekdays, workDays: [1, 2, 3, 4, 5, 6] }).toISOString()).toBe('2026-11-21T04:00:00.000Z');
    expect(nextPushTime(new Date('2026-11-21T04:00:00Z'), { ...weekdays, quietHours: null }).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(nextPushTime(new Date('2026-11-21T04:00:00Z'), { ...weekdays, quietOnDaysOff: false }).toISOString()).toBe('2026-11-21T04:00:00.000Z');
  });
  it('days of work, when days off are quiet: three after Friday are Monday to Wednesday; three before Monday go back to Wednesday', () => {
    const weekdays = { timeZone: tz, quietHours: quiet, quietOnDaysOff: true, workDays: [1, 2, 3, 4, 5] };
    const friday = new Date('2026-11-20T02:00:00Z');
    const monday = new Date('2026-11-23T02:00:00Z');
    expect(daysAheadForWorkDays(friday, 3, weekdays)).toBe(5);
    expect(daysBackForWorkDays(monday, 3, weekdays)).toBe(5);
    expect(daysAheadForWorkDays(monday, 3, weekdays)).toBe(3);
    // Days off not quiet: every day counts.
    expect(daysAheadForWorkDays(friday, 3, { ...weekdays, quietOnDaysOff: false })).toBe(3);
    expect(daysBackForWorkDays(monday, 3, { ...weekdays, quietOnDaysOff: false })).toBe(3);
  });
  it('next week means next Monday 09:00', () => {
    // Wednesday 2026-11-18 10:00 local → Monday 2026-11-23 09:00 local.
    expect(snoozeUntil(new Date('2026-11-18T02:00:00Z'), tz, 'week').toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(snoozeUntil(new Date('2026-11-18T02:00:00Z'), tz, 'week', [1, 2, 3, 4, 5]).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    // A company that works Tuesday to Saturday: next Tuesday.
    expect(snoozeUntil(new Date('2026-11-18T02:00:00Z'), tz, 'week', [2, 3, 4, 5, 6]).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
});
