// Dates and money for one glance on a phone; no words here, the catalogs give those.
import { getLocale, t } from '../i18n';
import { dayKey, daysFromToday, nowMs, wall } from './clock';

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as "today 14:30", "tomorrow 09:00", "11-28 09:00" or, in another year, the date: the company's days. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const w = wall(at);
  const hm = `${pad(w.hour)}:${pad(w.minute)}`;
  const diffDays = daysFromToday(at);
  if (diffDays === 0) return t('time.today', { time: hm });
  if (diffDays === 1) return t('time.tomorrow', { time: hm });
  if (diffDays === -1) return t('time.yesterday', { time: hm });
  return w.year === wall(nowMs()).year ? `${pad(w.month)}-${pad(w.day)} ${hm}` : dayKey(w);
}

/** 'YYYY-MM-DD' of the company's day of a moment ('' for none or a bad one). */
export function dateOnly(iso: string | null | undefined): string {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? '' : dayKey(wall(at));
}

export function money(cents: number | undefined | null): string {
  if (cents === undefined || cents === null) return '-';
  const yuan = cents / 100;
  // zh-CN counts in wan (10,000, the catalog supplies the character), en-US in thousands.
  const unit = getLocale() === 'zh-CN' ? 10000 : 1000;
  if (Math.abs(yuan) >= unit) return t('common.amount', { amount: t('common.tenThousand', { amount: trim(yuan / unit) }) });
  return t('common.amount', { amount: trim(yuan) });
}
const trim = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
