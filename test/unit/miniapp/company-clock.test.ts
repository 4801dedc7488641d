// The mini-program's days are the company's (miniapp/src/lib/clock.ts: plain TS, no Taro), whatever zone the phone
// is in and whatever its clock says. Tests run in the process's zone (UTC on CI): each case picks a company zone
// far from it, so a day counted on the phone's calendar would come out wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { dayKey, daysFromToday, fromWall, nowMs, onDayOf, quickPick, setCompanyClock, startOfDayKey, wall } from '../../../miniapp/src/lib/clock.js';

const at = (iso: string) => Date.parse(iso);

describe("the mini-program's company clock", () => {
  afterEach(() => setCompanyClock({}));

  it('reads a moment on the company wall clock: 23:30 UTC is already the next morning in Shanghai', () => {
    setCompanyClock({ timeZone: 'Asia/Shanghai' });
    expect(wall(at('2026-11-23T23:30:00Z'))).toEqual({ year: 2026, month: 11, day: 24, hour: 7, minute: 30, weekday: 2 });
    expect(dayKey(wall(at('2026-11-23T15:59:00Z')))).toBe('2026-11-23');
    expect(dayKey(wall(at('2026-11-23T16:00:00Z')))).toBe('2026-11-24');
  });

  it('turns a company day and hour into the moment, across month ends and daylight saving', () => {
    setCompanyClock({ timeZone: 'Asia/Shanghai' });
    expect(fromWall(2026, 11, 24, 9, 0).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(fromWall(2026, 12, 32, 0, 0).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    setCompanyClock({ timeZone: 'America/New_York' });
    // 2026-03-08 is the spring-forward Sunday in New York: 09:00 is EDT (UTC-4), the day before EST (UTC-5).
    expect(fromWall(2026, 3, 8, 9, 0).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(fromWall(2026, 3, 7, 9, 0).toISOString()).toBe('2026-03-07T14:00:00.000Z');
  });

  it('quick picks are 09:00 company time: tomorrow, next Monday, the month end (next one once it is past)', () => {
    setCompanyClock({ timeZone: 'Asia/Shanghai' });
    // Monday 2026-11-23 23:30 in Shanghai (15:30 UTC, still Monday on the UTC calendar too).
    const monday = at('2026-11-23T15:30:00Z');
    expect(quickPick('tomorrow', monday).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(quickPick('nextWeek', monday).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(quickPick('monthEnd', monday).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    // Monday 2026-11-30 00:30 in Shanghai is still Sunday in UTC: "next Monday" is a week on, not tomorrow.
    const mondayEarly = at('2026-11-29T16:30:00Z');
    expect(quickPick('nextWeek', mondayEarly).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    // 10:00 on the last day of the month: the month end has passed, so the next one.
    expect(quickPick('monthEnd', at('2026-11-30T02:00:00Z')).toISOString()).toBe('2026-12-31T01:00:00.000Z');
  });

  it('a typed date is the start of that company day; an impossible one is refused', () => {
    setCompanyClock({ timeZone: 'Asia/Tokyo' });
    expect(startOfDayKey('2026-12-01')!.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(startOfDayKey('2026-02-30')).toBeNull();
    expect(startOfDayKey('2026-13-01')).toBeNull();
    expect(startOfDayKey('1.12.2026')).toBeNull();
    expect(onDayOf(at('2026-11-30T20:00:00Z'), 9).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it("counts today on the server's clock, not the phone's: a phone a day behind still says today for today's tasks", () => {
    const server = Date.now() + 86_400_000;
    setCompanyClock({ timeZone: 'Asia/Shanghai', now: new Date(server).toISOString() });
    expect(Math.abs(nowMs() - server)).toBeLessThan(1000);
    expect(daysFromToday(server)).toBe(0);
    expect(daysFromToday(server - 86_400_000)).toBe(-1);
  });

  it("keeps the phone's own zone where the runtime has no time zones in Intl or the zone is unknown", () => {
    setCompanyClock({ timeZone: 'Mars/Olympus_Mons' });
    const d = new Date(2026, 10, 23, 9, 15);
    expect(wall(d)).toMatchObject({ year: 2026, month: 11, day: 23, hour: 9, minute: 15 });
    expect(fromWall(2026, 11, 23, 9, 15).getTime()).toBe(d.getTime());
  });
});
