// Dates and money for one glance on a phone; no words here, the catalogs give those.
import { getLocale, t } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const now = new Date();
  const diffDays = Math.round((new Date(dayKey(d)).getTime() - new Date(dayKey(now)).getTime()) / 86400000);
  if (diffDays === 0) return t('time.today', { time: hm });
  if (diffDays === 1) return t('time.tomorrow', { time: hm });
  if (diffDays === -1) return t('time.yesterday', { time: hm });
  const md = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return d.getFullYear() === now.getFullYear() ? `${md} ${hm}` : `${dayKey(d)}`;
}

export const dateOnly = (iso: string | null | undefined): string => (iso ? dayKey(new Date(iso)) : '');

export function money(cents: number | undefined | null): string {
  if (cents === undefined || cents === null) return '-';
  const yuan = cents / 100;
  // zh-CN counts in wan (10,000, the catalog supplies the character), en-US in thousands.
  const unit = getLocale() === 'zh-CN' ? 10000 : 1000;
  if (Math.abs(yuan) >= unit) return t('common.amount', { amount: t('common.tenThousand', { amount: trim(yuan / unit) }) });
  return t('common.amount', { amount: trim(yuan) });
}
const trim = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

export const daysSince = (iso: string | null, now = Date.now()): number => (iso ? Math.floor((now - new Date(iso).getTime()) / 86400000) : -1);

/** Next-step quick picks: tomorrow, next Monday, the last day of this month — all at 09:00 local time. */
export function quickPick(kind: 'tomorrow' | 'nextWeek' | 'monthEnd', from = new Date()): Date {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate(), 9, 0, 0, 0);
  if (kind === 'tomorrow') d.setDate(d.getDate() + 1);
  else if (kind === 'nextWeek') d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  else { d.setMonth(d.getMonth() + 1, 0); if (d.getTime() <= from.getTime()) d.setMonth(d.getMonth() + 2, 0); }
  return d;
}
