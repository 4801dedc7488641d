// A clock tests move by hand: no sleeps, no timed assertions.
import type { Clock } from '../../server/domain/shared/db.js';

export class TestClock implements Clock {
  constructor(private t = new Date('2026-11-18T02:00:00.000Z')) {}
  now(): Date { return new Date(this.t); }
  set(d: Date | string): void { this.t = new Date(d); }
  advance(ms: number): void { this.t = new Date(this.t.getTime() + ms); }
}
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
