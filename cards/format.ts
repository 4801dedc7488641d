// Numbers, money and times as a reader sees them: their locale, the company time zone. Words come from locales/.
import { t, type Locale } from '../locales/index.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const SYMBOLS: Record<string, string> = { CNY: '\u00a5', USD: '$', EUR: '\u20ac', HKD: 'HK$' };

/** 500000000 fen → "¥5,000,000"; cents shown only when not whole. */
export function formatMoney(cents: number, currency = 'CNY'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = abs % 100;
  return `${sign}${SYMBOLS[currency] ?? `${currency} `}${whole}${frac ? `.${String(frac).padStart(2, '0')}` : ''}`;
}

export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

// Building a DateTimeFormat costs far more than using one: one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })));
  return f;
}

function wall(instant: Date, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const p of wallFormat(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return { year: parts.year, month: Number(parts.month), day: parts.day, time: `${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}` };
}

function monthName(locale: Locale, month: number): string {
  return t(locale, 'card.format.months').split(',')[month - 1] ?? String(month);
}

/**
 * "11月25日 15:00" / "Nov 25, 15:00" in the company zone; given `now`, an instant in another year than now's (there)
 * shows its year: "2027年1月5日 09:00" / "Jan 5, 2027, 09:00".
 */
export function formatDateTime(instant: Date, locale: Locale, timeZone = DEFAULT_TIME_ZONE, now?: Date): string {
  const w = wall(instant, timeZone);
  const key = now && wall(now, timeZone).year !== w.year ? 'card.format.datetime_year' : 'card.format.datetime';
  return t(locale, key, { month: monthName(locale, w.month), day: w.day, year: w.year, time: w.time });
}

/** "2026年11月25日" / "Nov 25, 2026" in the company zone. Accepts an instant or a local 'YYYY-MM-DD'. */
export function formatDate(value: Date | string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  const w = typeof value === 'string'
    ? { year: value.slice(0, 4), month: Number(value.slice(5, 7)), day: String(Number(value.slice(8, 10))) }
    : wall(value, timeZone);
  return t(locale, 'card.format.date', { month: monthName(locale, w.month), day: w.day, year: w.year });
}
