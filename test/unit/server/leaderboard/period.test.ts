// The year as a board period: its bounds in the company's zone, its label, the quarter buckets its board adds up, and
// how a year board sent late is titled.
import { describe, expect, it } from 'vitest';
import { offsetFrom, periodRange } from '../../../../server/domain/leaderboard/period.js';
import { bucketsOf, localDay } from '../../../../server/domain/leaderboard/buckets.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('the year period', () => {
  it('runs from local New Year\'s midnight to the next, in the company\'s zone', () => {
    const r = periodRange('year', at('2026-11-18T02:00:00Z'), SH);
    expect(r).toEqual({ start: at('2025-12-31T16:00:00Z'), end: at('2026-12-31T16:00:00Z'), label: '2026' });
    expect(periodRange('year', at('2026-11-18T02:00:00Z'), SH, -1)).toEqual({ start: at('2024-12-31T16:00:00Z'), end: at('2025-12-31T16:00:00Z'), label: '2025' });
    // 17:00 UTC on New Year's Eve: already 2027 in Shanghai, still 2026 in UTC.
    const eve = at('2026-12-31T17:00:00Z');
    expect(periodRange('year', eve, SH).label).toBe('2027');
    expect(periodRange('year', eve, 'UTC')).toEqual({ start: at('2026-01-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z'), label: '2026' });
    expect(periodRange('year', eve, 'America/Los_Angeles').start).toEqual(at('2026-01-01T08:00:00Z'));
  });

  it('is read as its four quarter buckets; every other period as one bucket', () => {
    const start = periodRange('year', at('2026-11-18T02:00:00Z'), SH).start;
    expect(bucketsOf('year', localDay(start, SH))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(bucketsOf('quarter', '2026-11-18')).toEqual(['2026-Q4']);
    expect(bucketsOf('month', '2026-11-18')).toEqual(['2026-11']);
    expect(bucketsOf('week', '2026-11-18')).toEqual(['2026-11-16']);
    expect(bucketsOf('day', '2026-11-18')).toEqual(['2026-11-18']);
  });

  it('a year board due on New Year\'s Eve and sent after midnight is last year\'s', () => {
    const due = at('2026-12-31T10:00:00Z');
    expect(offsetFrom('year', due, 0, due, SH)).toBe(0);
    expect(offsetFrom('year', due, 0, at('2026-12-31T16:30:00Z'), SH)).toBe(-1);
    expect(offsetFrom('year', due, -1, at('2027-01-02T00:00:00Z'), SH)).toBe(-2);
  });
});
