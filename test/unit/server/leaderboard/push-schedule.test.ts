// When a scheduled group board runs (nextRun), and which run a late pusher is sending (lastRun), in the company's zone.
import { describe, expect, it } from 'vitest';
import { lastRun, nextRun } from '../../../../server/domain/leaderboard/push-schedule.js';
import { offsetFrom } from '../../../../server/domain/leaderboard/period.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('scheduled board runs', () => {
  it('next run: Monday 09:00, the month\'s last day, daily; strictly after the instant', () => {
    // 2026-11-23 is a Monday.
    expect(nextRun('weekly:1@09:00', at('2026-11-23T00:59:59Z'), SH).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(nextRun('weekly:1@09:00', at('2026-11-23T01:00:00Z'), SH).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(nextRun('monthly:last@18:00', at('2027-02-01T00:00:00Z'), SH).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(nextRun('monthly:last@18:00', at('2028-02-01T00:00:00Z'), SH).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(nextRun('daily@08:30', at('2026-11-23T12:00:00Z'), SH).toISOString()).toBe('2026-11-24T00:30:00.000Z');
  });

  it('next run keeps the wall-clock time across a DST change', () => {
    // Los Angeles leaves DST on 2026-11-01: 09:00 is 16:00Z before and 17:00Z after.
    expect(nextRun('daily@09:00', at('2026-10-31T17:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-11-01T17:00:00.000Z');
  });

  it('last run: the run a late pusher is sending, even across a month\'s end', () => {
    expect(lastRun('monthly:last@18:00', at('2026-12-01T02:00:00Z'), SH).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(lastRun('weekly:1@09:00', at('2026-12-01T00:30:00Z'), SH).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    // Exactly at a run, that run.
    expect(lastRun('weekly:1@09:00', at('2026-11-30T01:00:00Z'), SH).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(lastRun('daily@08:30', at('2026-11-24T00:29:00Z'), SH).toISOString()).toBe('2026-11-23T00:30:00.000Z');
  });

  it('quarter-end and year-end boards: the quarter\'s last day, a day of its first month, a day of one month a year', () => {
    expect(nextRun('quarterly:last@18:00', at('2026-11-05T00:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(nextRun('quarterly:last@18:00', at('2026-12-31T10:00:00Z'), SH).toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(nextRun('quarterly:last@18:00', at('2027-04-01T00:00:00Z'), SH).toISOString()).toBe('2027-06-30T10:00:00.000Z');
    // The first Monday-ish start of a quarter: the 2nd of January, April, July, October.
    expect(nextRun('quarterly:2@09:00', at('2026-11-05T00:00:00Z'), SH).toISOString()).toBe('2027-01-02T01:00:00.000Z');
    expect(nextRun('yearly:12-last@18:00', at('2026-01-01T00:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(nextRun('yearly:12-last@18:00', at('2026-12-31T10:00:00Z'), SH).toISOString()).toBe('2027-12-31T10:00:00.000Z');
    expect(nextRun('yearly:02-last@18:00', at('2027-03-01T00:00:00Z'), SH).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(nextRun('yearly:01-05@09:00', at('2026-12-05T00:00:00Z'), SH).toISOString()).toBe('2027-01-05T01:00:00.000Z');
  });

  it('last run of a quarter-end or year-end board sent late, after the new year', () => {
    expect(lastRun('quarterly:last@18:00', at('2027-01-01T02:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(lastRun('quarterly:last@18:00', at('2027-03-30T02:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(lastRun('yearly:12-last@18:00', at('2027-01-02T02:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(lastRun('yearly:12-last@18:00', at('2027-12-30T02:00:00Z'), SH).toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  it('a malformed schedule is refused', () => {
    expect(() => nextRun('weekly:8@09:00', at('2026-11-23T00:00:00Z'), SH)).toThrow();
    expect(() => nextRun('monthly:31@09:00', at('2026-11-23T00:00:00Z'), SH)).toThrow();
    expect(() => nextRun('yearly:13-01@09:00', at('2026-11-23T00:00:00Z'), SH)).toThrow();
    expect(() => nextRun('yearly:12-31@09:00', at('2026-11-23T00:00:00Z'), SH)).toThrow();
    expect(() => nextRun('quarterly:29@09:00', at('2026-11-23T00:00:00Z'), SH)).toThrow();
  });

  it('a board made for an earlier run is titled from where its reader stands', () => {
    const monthEnd = at('2026-11-30T10:00:00Z');
    expect(offsetFrom('month', monthEnd, 0, monthEnd, SH)).toBe(0);
    expect(offsetFrom('month', monthEnd, 0, at('2026-12-01T18:00:00Z'), SH)).toBe(-1);
    expect(offsetFrom('month', monthEnd, 0, at('2027-01-05T00:00:00Z'), SH)).toBe(-2);
    // Monday's board of last week, sent on Tuesday: still last week.
    expect(offsetFrom('week', at('2026-11-30T01:00:00Z'), -1, at('2026-12-01T01:00:00Z'), SH)).toBe(-1);
    // Sent the Monday after: two weeks back.
    expect(offsetFrom('week', at('2026-11-30T01:00:00Z'), -1, at('2026-12-07T02:00:00Z'), SH)).toBe(-2);
  });
});
