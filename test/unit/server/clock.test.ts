import { describe, expect, it } from 'vitest';
import { OffsetClock, nextWallTime } from '../../../server/clock.js';

const HOUR = 3_600_000;

describe('OffsetClock', () => {
  it('follows its base and adds what was advanced', () => {
    let base = Date.parse('2026-11-18T02:00:00Z');
    const clock = new OffsetClock(() => base);
    expect(clock.now().toISOString()).toBe('2026-11-18T02:00:00.000Z');
    clock.advance(7 * 24 * HOUR);
    base += 1000;
    expect(clock.now().toISOString()).toBe('2026-11-25T02:00:01.000Z');
    expect(clock.offsetMs).toBe(7 * 24 * HOUR);
  });

  it('never moves backwards', () => {
    const clock = new OffsetClock(() => 0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('jumps to the next morning in the company zone', () => {
    // 10:00 in Shanghai (02:00Z) → next 08:30 Shanghai is tomorrow 00:30Z.
    const clock = new OffsetClock(() => Date.parse('2026-11-18T02:00:00Z'));
    clock.advanceToNext(8, 30, 'Asia/Shanghai');
    expect(clock.now().toISOString()).toBe('2026-11-19T00:30:00.000Z');
  });

  it('takes the same day when the wall time is still ahead', () => {
    // 06:00 Shanghai (22:00Z the day before) → 08:30 Shanghai the same local day.
    expect(new Date(nextWallTime(Date.parse('2026-11-17T22:00:00Z'), 8, 30, 'Asia/Shanghai')).toISOString()).toBe('2026-11-18T00:30:00.000Z');
  });

  it('handles zones behind UTC and the exact boundary', () => {
    const at = Date.parse('2026-06-01T12:30:00Z'); // 08:30 in New York (EDT)
    expect(new Date(nextWallTime(at, 8, 30, 'America/New_York')).toISOString()).toBe('2026-06-02T12:30:00.000Z');
  });
});
