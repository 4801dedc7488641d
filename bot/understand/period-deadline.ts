// A deadline said as a whole period: "本月内", "下周内", "这个月之前", "今年以内", "within this month", "by the end of next
// week" — due on the period's last day, not its first (the recognizer's reading). Read as a deadline (a to-do's due
// time), a bare current period ("本周给华为打电话", "this week call Acme") is one too: its first day has passed. A day
// inside a period ("下周一", "本周五前", "next Monday") is not a period and is left to the recognizer.
import { addDays, isoWeekday, lastDayOfMonth, type WallClock } from './zoned-time.js';

export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';
interface Day { year: number; month: number; day: number }

export interface PeriodDeadline { text: string; start: number; end: number; day: Day }

/** The last day of the period holding `now`, shifted by `offset` periods (weeks run Monday to Sunday). */
export function periodLastDay(unit: PeriodUnit, offset: number, now: Pick<WallClock, 'year' | 'month' | 'day'>): Day {
  if (unit === 'week') {
    return addDays(now, 7 - isoWeekday(now) + 7 * offset);
  }
  if (unit === 'month') return lastDayOfMonth(now.year, now.month + offset);
  if (unit === 'quarter') return lastDayOfMonth(now.year, (Math.floor((now.month - 1) / 3) + 1 + offset) * 3);
  return { year: now.year + offset, month: 12, day: 31 };
}

const ZH_UNIT = '(周|星期|礼拜|月|季度?|年)';
// Not a day inside the period: "下周三", "本周末", "本月15号", "这个月底", "今年3月", "今年年底".
const ZH_NOT_A_DAY = '(?![一二三四五六七日天末底初中旬\\d号年])';
const ZH_WITHIN = '(?:之内|以内|内|之前|以前|前|结束前|结束之前)';
const ZH_RULES: { re: RegExp; bare?: boolean }[] = [
  // "本月内", "下周内", "下个月之前", "这个季度以内", "明年之前"
  { re: new RegExp(`(本|这|下|今|明)一?个?${ZH_UNIT}${ZH_NOT_A_DAY}${ZH_WITHIN}`, 'g') },
  // "月内", "年内" (this one): not a count of them ("两个月内", "一周内" are durations from now)
  { re: new RegExp(`(?<![个\\d一二两三四五六七八九十几半上去前本这下今明每当])()${ZH_UNIT}(?:之内|以内|内)`, 'g') },
  // read as a deadline only: "本周", "这个月", "今年" (the one holding now)
  { re: new RegExp(`(本|这|今)一?个?${ZH_UNIT}${ZH_NOT_A_DAY}`, 'g'), bare: true },
];
const EN_RULES: { re: RegExp; bare?: boolean }[] = [
  { re: /\b(?:by |before )?(?:the )?end of (?:the )?(this |next )?(week)\b/gi },
  { re: /\bwithin (?:(this|next) |the )(week|month|quarter|year)\b/gi },
  { re: /(?<!\bend of (?:the )?)\b(this|the current) (week|month|quarter|year)\b(?!['’]s end| end)/gi, bare: true },
];

function unitOf(word: string | undefined): PeriodUnit {
  if (!word || /周|星期|礼拜|week/i.test(word)) return 'week';
  if (/月|month/i.test(word)) return 'month';
  if (/季|quarter/i.test(word)) return 'quarter';
  return 'year';
}

/**
 * The period deadlines in `text`, left to right as found, each resolved to its last day. `bare`: also a current
 * period said bare ("本周", "this week"), which only a deadline reads so (a report's "本周拜访了两次" is no date ahead).
 */
export function periodDeadlines(text: string, now: Pick<WallClock, 'year' | 'month' | 'day'>, zh: boolean, bare: boolean): PeriodDeadline[] {
  const out: PeriodDeadline[] = [];
  for (const rule of [...(zh ? ZH_RULES : []), ...EN_RULES]) {
    if (rule.bare && !bare) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((o) => start < o.end && o.start < end)) continue;
      const offset = /^(?:下|明|next)/i.test((m[1] ?? '').trim()) ? 1 : 0;
      out.push({ text: m[0], start, end, day: periodLastDay(unitOf(m[2] ?? m[0]), offset, now) });
    }
  }
  return out;
}
