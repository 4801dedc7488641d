// The server's clock in emulator/demo mode: real time plus an offset someone can push forward ("next morning",
// "+7 days") to watch reminders, digests and pool returns arrive. Jobs and use cases read it through db.clock.
import type { Clock } from './domain/shared/db.js';

export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: () => number = Date.now) {}

  now(): Date { return new Date(this.nowMs()); }
  nowMs(): number { return this.base() + this.offset; }
  get offsetMs(): number { return this.offset; }

  /** Moves forward only: time going backwards would re-open decided windows (claimed leases, sent reminders). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offset += ms;
  }

  /** Jumps to the next `hour:minute` wall-clock time in `timeZone` (strictly later than now). */
  advanceToNext(hour: number, minute: number, timeZone: string): number {
    const now = this.nowMs();
    const target = nextWallTime(now, hour, minute, timeZone);
    this.advance(target - now);
    return target - now;
  }
}

/** The zone's offset from UTC in ms at instant `ms` (positive east of Greenwich). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The first instant after `ms` whose wall-clock time in `timeZone` is hour:minute. */
export function nextWallTime(ms: number, hour: number, minute: number, timeZone: string): number {
  const offset = zoneOffsetMs(ms, timeZone);
  const local = new Date(ms + offset);
  let candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, minute) - offset;
  if (candidate <= ms) {
    const tomorrow = new Date(ms + offset + 24 * 3_600_000);
    candidate = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), hour, minute);
    candidate -= zoneOffsetMs(candidate - offset, timeZone);
  }
  return candidate;
}
