// Dates and times in free text (zh-CN, en-US) → UTC instants, in the company time zone.
// Microsoft recognizers first, then our own rules for what they miss (月底, 季度末, end of quarter, 30号 …).
import { Culture, DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import { periodDeadlines, periodLastDay } from './period-deadline.js';
import { addDays, fakeLocal, isoWeekday, lastDayOfMonth, parseWall, wallClock, ymd, zonedToUtc, type WallClock } from './zoned-time.js';

export type TextLanguage = 'zh-CN' | 'en-US';

export interface DateContext {
  now: Date;
  /** IANA zone of the company. Default Asia/Shanghai. */
  timeZone?: string;
  language: TextLanguage;
  /** Local hour used when only a date is said. Default 9. */
  defaultHour?: number;
  /** Local hour used when only "today" is said and defaultHour has already passed. Default 18. */
  endOfDayHour?: number;
  /** Readings already made (here or ahead of time on another thread): each text is read once. */
  memo?: DateMemo;
  /**
   * The text says when something is due (a to-do): a bare current period ("本周", "this week") is due at its end, as
   * "本周内" always is. Otherwise such words are read as the period's first day.
   */
  deadline?: boolean;
  /**
   * The company's work days (ISO weekdays, Monday 1 … Sunday 7). A deadline on a period's last day ("本周内", "月底前",
   * "by the end of the quarter") falls on the period's last work day instead, if one is still ahead.
   */
  workDays?: readonly number[];
}

/** Today's date, 'YYYY-MM-DD', in the context's zone: what "ahead" is measured from. */
export const todayIn = (ctx: DateContext): string => ymd(wallClock(ctx.now, ctx.timeZone ?? DEFAULT_TIME_ZONE));

/** Date readings by everything they depend on (see memoKey). */
export type DateMemo = Map<string, DateMention[]>;

/** A reading depends on the text and every field of the context: the key holds them all, so a hit is exact. */
function memoKey(text: string, ctx: DateContext): string {
  return [ctx.language, ctx.timeZone ?? DEFAULT_TIME_ZONE, ctx.now.getTime(), ctx.defaultHour ?? '', ctx.endOfDayHour ?? '', ctx.deadline ? 'deadline' : '', text].join('\u0000');
}

export interface DateMention {
  /** The matched words, as they appear in the input. */
  text: string;
  /** Offsets into the input; `end` is exclusive. */
  start: number;
  end: number;
  /** The instant meant (UTC). Date-only mentions get the default local hour. */
  at: Date;
  /** Local calendar date in the company zone, 'YYYY-MM-DD'. */
  date: string;
  /** True when the words named a time of day. */
  hasTime: boolean;
  source: 'recognizer' | 'rule';
  /** The day is a period's last ("本周内", "月底", "end of quarter"): a deadline there moves to its last work day. */
  periodEnd?: boolean;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface Resolved { text: string; start: number; end: number; wall: WallClock; hasTime: boolean; source: DateMention['source']; periodEnd?: boolean }

interface Day { year: number; month: number; day: number }
const cmpDay = (a: Day, b: Day) => (a.year - b.year) || (a.month - b.month) || (a.day - b.day);

/** Every date/time mention in `text`, left to right, non-overlapping. */
export function findDates(text: string, ctx: DateContext): DateMention[] {
  let found: DateMention[] | undefined;
  if (!ctx.memo) found = readDates(text, ctx);
  else {
    const key = memoKey(text, ctx);
    found = ctx.memo.get(key);
    if (!found) ctx.memo.set(key, (found = readDates(text, ctx)));
  }
  // After the memo, which readings made ahead of the turn (without the settings) fill: the work days move only deadlines.
  return ctx.deadline && ctx.workDays?.length ? found.map((m) => onLastWorkDay(m, ctx)) : found;
}

/**
 * A deadline on a period's last day, moved back to the last work day of it that is not before today (none: left on
 * the last day). Moved to today, it is due at the end of the working day, never already past.
 */
export function onLastWorkDay(m: DateMention, ctx: DateContext): DateMention {
  if (!m.periodEnd || !ctx.workDays) return m;
  const tz = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const wall = wallClock(m.at, tz);
  const now = wallClock(ctx.now, tz);
  for (let back = 0; back < 7; back++) {
    const day = addDays(wall, -back);
    if (cmpDay(day, now) < 0) return m;
    if (!ctx.workDays.includes(isoWeekday(day))) continue;
    if (back === 0) return m;
    const hour = cmpDay(day, now) === 0 ? Math.max(ctx.endOfDayHour ?? 18, now.hour + 1) : wall.hour;
    const at = zonedToUtc({ ...wall, ...day, hour: Math.min(hour, 23), minute: hour > 23 ? 59 : wall.minute }, tz);
    return { ...m, at, date: ymd(day) };
  }
  return m;
}

function readDates(text: string, ctx: DateContext): DateMention[] {
  const tz = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const nowWall = wallClock(ctx.now, tz);
  const found: Resolved[] = [...ruleMatches(text, nowWall, ctx.language)];
  // "本月内", "by the end of next week": the period's last day (the recognizer would say its first).
  for (const p of periodDeadlines(text, nowWall, ctx.language === 'zh-CN', !!ctx.deadline)) {
    if (!found.some((f) => p.start < f.end && f.start < p.end)) found.push({ text: p.text, start: p.start, end: p.end, wall: { ...p.day, hour: 0, minute: 0, second: 0 }, hasTime: false, source: 'rule', periodEnd: true });
  }
  for (const r of recognizerMatches(text, nowWall, ctx.language)) {
    if (!found.some((f) => r.start < f.end && f.start < r.end)) found.push(r);
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((r) => toMention(r, nowWall, tz, ctx));
}

/** The first mention, or undefined. */
export function parseDate(text: string, ctx: DateContext): DateMention | undefined {
  return findDates(text, ctx)[0];
}

function toMention(r: Resolved, now: WallClock, tz: string, ctx: DateContext): DateMention {
  let wall = r.wall;
  if (!r.hasTime) {
    const defaultHour = ctx.defaultHour ?? 9;
    // "今天" said after the default hour must not produce a task that is overdue the moment it is created.
    const hour = cmpDay(wall, now) === 0 && now.hour >= defaultHour ? Math.max(ctx.endOfDayHour ?? 18, now.hour + 1) : defaultHour;
    wall = { ...wall, hour: Math.min(hour, 23), minute: hour > 23 ? 59 : 0, second: 0 };
  }
  return { text: r.text, start: r.start, end: r.end, at: zonedToUtc(wall, tz), date: ymd(wall), hasTime: r.hasTime, source: r.source, ...(r.periodEnd ? { periodEnd: true } : {}) };
}

// ---------- Microsoft recognizers ----------

interface RecValue { timex?: string; type?: string; value?: string; start?: string; end?: string; Mod?: string }

// recognizeDateTime() builds a new recognizer (and compiles its models) on every call: keep one model per culture.
const models = new Map<string, ReturnType<DateTimeRecognizer['getDateTimeModel']>>();
function modelFor(culture: string) {
  let m = models.get(culture);
  if (!m) models.set(culture, (m = new DateTimeRecognizer(culture).getDateTimeModel(culture, true)));
  return m;
}

function recognizerMatches(text: string, now: WallClock, language: TextLanguage): Resolved[] {
  const culture = language === 'zh-CN' ? Culture.Chinese : Culture.English;
  const out: Resolved[] = [];
  for (const m of modelFor(culture).parse(text, fakeLocal(now))) {
    const values = ((m.resolution as { values?: RecValue[] } | undefined)?.values ?? []);
    const picked = resolveValues(m.typeName, values, now);
    if (!picked) continue;
    // The recognizer lower-cases English input and reports an inclusive end. "两个月内": the 内 is the deadline's too.
    const end = m.end + 1 + (m.typeName.endsWith('duration') ? (/^(?:之内|以内|内)/.exec(text.slice(m.end + 1))?.[0].length ?? 0) : 0);
    out.push({ text: text.slice(m.start, end), start: m.start, end, ...picked, source: 'recognizer' });
  }
  return out;
}

function resolveValues(typeName: string, values: RecValue[], now: WallClock): { wall: WallClock; hasTime: boolean } | undefined {
  const kind = typeName.replace('datetimeV2.', '');
  const candidates: { wall: WallClock; hasTime: boolean }[] = [];
  for (const v of values) {
    if (kind === 'date' && v.value) {
      const w = parseWall(v.value);
      if (w) candidates.push({ wall: w, hasTime: false });
    } else if (kind === 'datetime' && v.value) {
      const w = parseWall(v.value);
      if (w) candidates.push({ wall: w, hasTime: true });
    } else if (kind === 'time' && v.value) {
      const [h, mi, s] = v.value.split(':').map(Number);
      let w: WallClock = { ...now, hour: h, minute: mi, second: s || 0 };
      if (h * 60 + mi <= now.hour * 60 + now.minute) w = { ...w, ...addDays(w, 1) };
      candidates.push({ wall: w, hasTime: true });
    } else if (kind === 'daterange' || kind === 'datetimerange') {
      // "下周五前" / "by Friday" carry only an end (Mod before): the deadline is that day. Otherwise the range start.
      const point = v.Mod === 'before' || !v.start ? v.end : v.start;
      const w = point ? parseWall(point) : undefined;
      if (w) candidates.push({ wall: w, hasTime: kind === 'datetimerange' });
    } else if (kind === 'timerange' && v.start) {
      const [h, mi] = v.start.split(':').map(Number);
      candidates.push({ wall: { ...now, hour: h, minute: mi, second: 0 }, hasTime: true });
    } else if (kind === 'duration' && v.value) {
      // "两周内" / "within 3 days": a deadline that far from now, as a date.
      const end = new Date(Date.UTC(now.year, now.month - 1, now.day, now.hour, now.minute) + Number(v.value) * 1000);
      candidates.push({ wall: { year: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate(), hour: 0, minute: 0, second: 0 }, hasTime: false });
    }
  }
  if (candidates.length === 0) return undefined;
  // Ambiguous mentions ("周五", "12月5日") come back as past and future: a CRM talks about what is coming.
  return candidates.find((c) => cmpDay(c.wall, now) >= 0) ?? candidates[candidates.length - 1];
}

// ---------- our own rules ----------

/** `periodEnd`: the day resolved is a period's last (月底, end of quarter). */
interface Rule { re: RegExp; resolve(m: RegExpExecArray, now: WallClock): Day | undefined; periodEnd?: true }

const monthOffset = (word: string | undefined) => (word && /下|next/i.test(word) ? 1 : 0);

const zhRules: Rule[] = [
  // 下月底 / 下个月底 / 本月末 / 月底前 / 这个月底
  { re: /(下个?月|本月|这个?月|当月)?月?(?:底|末)(?:之?前)?/g, resolve: (m, now) => (/月/.test(m[0]) ? periodLastDay('month', monthOffset(m[1]), now) : undefined), periodEnd: true },
  // 季度末 / 本季度末 / 下季度底 / 季末
  { re: /(下个?|本|这个?|当)?季度?(?:末|底)(?:之?前)?/g, resolve: (m, now) => periodLastDay('quarter', monthOffset(m[1]), now), periodEnd: true },
  // 年底 / 今年年底 / 明年底
  { re: /(今年|明年)?年?(?:底|末)(?:之?前)?/g, resolve: (m, now) => (/年/.test(m[0]) ? periodLastDay('year', m[1] === '明年' ? 1 : 0, now) : undefined), periodEnd: true },
  // 30号 (this month, or next month when already past)
  { re: /(?<![月\d])([12]?\d|3[01])号/g, resolve: (m, now) => dayOfMonthAhead(+m[1], now) },
];

const enRules: Rule[] = [
  { re: /\b(?:by |before )?(?:the )?end of (?:the )?(next |this )?month\b|\b(?:EOM|month[- ]end)\b/gi, resolve: (m, now) => periodLastDay('month', monthOffset(m[1]), now), periodEnd: true },
  { re: /\b(?:by |before )?(?:the )?end of (?:the )?(next |this )?quarter\b|\b(?:EOQ|quarter[- ]end)\b/gi, resolve: (m, now) => periodLastDay('quarter', monthOffset(m[1]), now), periodEnd: true },
  { re: /\b(?:by |before )?(?:the )?end of (?:the )?(next |this )?year\b|\b(?:EOY|year[- ]end)\b/gi, resolve: (m, now) => periodLastDay('year', monthOffset(m[1]), now), periodEnd: true },
];

function dayOfMonthAhead(day: number, now: WallClock): Day | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let k = 0; k < 3; k++) {
    const last = lastDayOfMonth(now.year, now.month + k);
    if (day <= last.day && (k > 0 || day >= now.day)) return { ...last, day };
  }
  return undefined;
}

function ruleMatches(text: string, now: WallClock, language: TextLanguage): Resolved[] {
  const out: Resolved[] = [];
  // English rules also run on Chinese text: mixed sentences ("华为 renewal end of quarter") happen.
  for (const rule of language === 'zh-CN' ? [...zhRules, ...enRules] : enRules) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const day = rule.resolve(m, now);
      if (!day || out.some((o) => m!.index < o.end && o.start < m!.index + m![0].length)) continue;
      out.push({ text: m[0], start: m.index, end: m.index + m[0].length, wall: { ...day, hour: 0, minute: 0, second: 0 }, hasTime: false, source: 'rule', ...(rule.periodEnd ? { periodEnd: true } : {}) });
    }
  }
  return out;
}

// ---------- whole periods ----------

/** A calendar period a line names as a whole. */
export type CalendarPeriod = 'week' | 'month' | 'quarter' | 'year';
export interface PeriodMention {
  text: string; start: number; end: number;
  period: CalendarPeriod;
  /** 0 = the current one, 1 = the next, -1 = the one before. */
  offset: number;
}

// "本周", "这个星期", "下个月", "上季度", "今年", "明年" — not a day inside one ("下周三", "本周末", "月底", "下个月15号",
// "今年年底", "今年3月"), which findDates reads as that day.
const ZH_PERIODS: [RegExp, CalendarPeriod][] = [
  [/(本|这|下|上)一?个?(?:周|星期|礼拜)(?![一二三四五六七日天末\d])/, 'week'],
  [/(本|这|下|上)一?个?月(?![底末初中旬\d号])/, 'month'],
  [/(本|这|下|上)一?个?季度?(?![末底])/, 'quarter'],
  [/(今|本|明|去)年(?![底末初中\d年])/, 'year'],
];
const EN_PERIOD = /(?<!\bend of (?:the )?)\b(this|next|last) (week|month|quarter|year)\b(?!['’]s end| end)/i;

/**
 * The whole calendar period a line names ("今年的待办", "本周", "my tasks next month"), or undefined. findDates reads
 * such words as the period's first day ("今年" → 1 January; a deadline, "今年内", is its last), which is wrong for a question
 * about the period: ask this first when a period can be meant.
 */
export function findPeriod(text: string, language: TextLanguage): PeriodMention | undefined {
  const offsetOf = (w: string) => (/^(?:下|明|next)$/i.test(w) ? 1 : /^(?:上|去|last)$/i.test(w) ? -1 : 0);
  const found: PeriodMention[] = [];
  // Chinese words also in an English line ("my tasks 本周"), as the date rules do.
  for (const [re, period] of language === 'zh-CN' || /[\u4e00-\u9fff]/.test(text) ? ZH_PERIODS : []) {
    const m = re.exec(text);
    if (m) found.push({ text: m[0], start: m.index, end: m.index + m[0].length, period, offset: offsetOf(m[1]) });
  }
  const en = EN_PERIOD.exec(text);
  if (en) found.push({ text: en[0], start: en.index, end: en.index + en[0].length, period: en[2].toLowerCase() as CalendarPeriod, offset: offsetOf(en[1]) });
  return found.sort((a, b) => a.start - b.start)[0];
}
