import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';
import { findDates, findPeriod, parseDate } from '../../../../bot/understand/parse-date.js';

const now = new Date('2026-11-18T02:00:00Z'); // Wed 10:00 Shanghai
const zh = { now, language: 'zh-CN' as const };
const en = { now, language: 'en-US' as const };
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('parseDate', () => {
  it.each([
    ['下周三下午3点', zh, sh('2026-11-25T15:00:00'), true],
    ['明天下午3点', zh, sh('2026-11-19T15:00:00'), true],
    ['明天', zh, sh('2026-11-19T09:00:00'), false],
    ['后天上午10点', zh, sh('2026-11-20T10:00:00'), true],
    ['月底', zh, sh('2026-11-30T09:00:00'), false],
    ['月底前', zh, sh('2026-11-30T09:00:00'), false],
    ['月末', zh, sh('2026-11-30T09:00:00'), false],
    ['下月底', zh, sh('2026-12-31T09:00:00'), false],
    ['下个月底', zh, sh('2026-12-31T09:00:00'), false],
    ['季度末', zh, sh('2026-12-31T09:00:00'), false],
    ['下季度末', zh, sh('2027-03-31T09:00:00'), false],
    ['年底', zh, sh('2026-12-31T09:00:00'), false],
    ['30号', zh, sh('2026-11-30T09:00:00'), false],
    ['周五', zh, sh('2026-11-20T09:00:00'), false],
    ['next Friday', en, sh('2026-11-27T09:00:00'), false],
    ['tomorrow 3pm', en, sh('2026-11-19T15:00:00'), true],
    ['end of month', en, sh('2026-11-30T09:00:00'), false],
    ['end of next month', en, sh('2026-12-31T09:00:00'), false],
    ['end of quarter', en, sh('2026-12-31T09:00:00'), false],
  ] as const)('%s', (text, ctx, iso, hasTime) => {
    const d = parseDate(text, ctx)!;
    expect(d.at.toISOString()).toBe(iso);
    expect(d.hasTime).toBe(hasTime);
  });

  it('computes in the company zone, not the process zone (TZ=UTC here)', () => {
    // 23:30 UTC on the 17th is already the 18th in Shanghai: "明天" is the 19th there.
    const late = new Date('2026-11-17T23:30:00Z');
    expect(parseDate('明天', { now: late, language: 'zh-CN' })!.date).toBe('2026-11-19');
    expect(parseDate('明天', { now: late, language: 'zh-CN', timeZone: 'Europe/Berlin' })!.date).toBe('2026-11-19');
    expect(parseDate('tomorrow', { now: late, language: 'en-US', timeZone: 'America/New_York' })!.date).toBe('2026-11-18');
  });

  it('moves a bare "today" past the default hour to the end of the working day', () => {
    expect(parseDate('今天', zh)!.at.toISOString()).toBe(sh('2026-11-18T18:00:00'));
  });

  it('reports offsets into the input', () => {
    const [d] = findDates('跟进 华为，下周三发报价', zh);
    expect('跟进 华为，下周三发报价'.slice(d.start, d.end)).toBe('下周三');
  });
});

describe('findPeriod', () => {
  it.each([
    ['今年的待办', 'zh-CN', 'year', 0, '今年'],
    ['去年', 'zh-CN', 'year', -1, '去年'],
    ['明年的计划', 'zh-CN', 'year', 1, '明年'],
    ['本周', 'zh-CN', 'week', 0, '本周'],
    ['这个星期的任务', 'zh-CN', 'week', 0, '这个星期'],
    ['下个礼拜', 'zh-CN', 'week', 1, '下个礼拜'],
    ['上周的待办', 'zh-CN', 'week', -1, '上周'],
    ['这个月', 'zh-CN', 'month', 0, '这个月'],
    ['下个月的待办', 'zh-CN', 'month', 1, '下个月'],
    ['本季度', 'zh-CN', 'quarter', 0, '本季度'],
    ['上季度', 'zh-CN', 'quarter', -1, '上季度'],
    ['my tasks this year', 'en-US', 'year', 0, 'this year'],
    ['tasks next month', 'en-US', 'month', 1, 'next month'],
    ['last quarter', 'en-US', 'quarter', -1, 'last quarter'],
  ] as const)('%s → %s %i', (text, language, period, offset, said) => {
    expect(findPeriod(text, language)).toMatchObject({ period, offset, text: said });
  });

  it.each([
    ['下周三', 'zh-CN'], ['本周五之前', 'zh-CN'], ['本周末', 'zh-CN'], ['月底', 'zh-CN'], ['下个月15号', 'zh-CN'], ['本月底', 'zh-CN'],
    ['今年年底', 'zh-CN'], ['今年3月', 'zh-CN'], ['季度末', 'zh-CN'], ['明天', 'zh-CN'],
    ['end of this month', 'en-US'], ['by the end of next quarter', 'en-US'], ['next Friday', 'en-US'], ['today', 'en-US'],
  ] as const)('"%s" names a day, not a whole period', (text, language) => {
    expect(findPeriod(text, language)).toBeUndefined();
  });
});

describe('a deadline said as a period is its last day', () => {
  // Wednesday 18 November 2026: this week ends Sunday the 22nd, next week Sunday the 29th.
  it.each([
    ['这个月底前把合同发给华为', zh, '这个月底前', '2026-11-30'],
    ['本月内回访美的', zh, '本月内', '2026-11-30'],
    ['下周内给张总报价', zh, '下周内', '2026-11-29'],
    ['本周之前给华为打电话', zh, '本周之前', '2026-11-22'],
    ['这个星期以内', zh, '这个星期以内', '2026-11-22'],
    ['下个月之前', zh, '下个月之前', '2026-12-31'],
    ['本季度内', zh, '本季度内', '2026-12-31'],
    ['今年内', zh, '今年内', '2026-12-31'],
    ['月内回访', zh, '月内', '2026-11-30'],
    ['两个月内回访美的', zh, '两个月内', '2027-01-17'],
    ['by the end of this month send Globex the quote', en, 'by the end of this month', '2026-11-30'],
    ['by the end of the week', en, 'by the end of the week', '2026-11-22'],
    ['by the end of next week', en, 'by the end of next week', '2026-11-29'],
    ['call Acme within this month', en, 'within this month', '2026-11-30'],
    ['within next week', en, 'within next week', '2026-11-29'],
  ] as const)('%s', (text, ctx, said, date) => {
    const d = parseDate(text, ctx)!;
    expect([d.text, d.date, d.at.toISOString()]).toEqual([said, date, sh(`${date}T09:00:00`)]);
  });

  it('a day inside a period is still that day', () => {
    expect(parseDate('下周一给华为打电话', zh)!.date).toBe('2026-11-23');
    expect(parseDate('本周五前给华为打电话', zh)!.date).toBe('2026-11-20');
    expect(parseDate('next Monday call Acme', en)!.date).toBe('2026-11-23');
  });

  it('a bare current period is its end only when read as a deadline ("本周" in a report is no date ahead)', () => {
    expect(parseDate('本周给华为打电话', { ...zh, deadline: true })).toMatchObject({ text: '本周', date: '2026-11-22' });
    expect(parseDate('this week call Acme', { ...en, deadline: true })).toMatchObject({ text: 'this week', date: '2026-11-22' });
    expect(parseDate('这个月回访美的', { ...zh, deadline: true })).toMatchObject({ text: '这个月', date: '2026-11-30' });
    expect(parseDate('本周拜访了两次', zh)!.date).toBe('2026-11-16');
    // a next period said bare is when it starts, deadline or not
    expect(parseDate('下周给张总报价', { ...zh, deadline: true })!.date).toBe('2026-11-23');
  });

  it('the last day said as the deadline is today: due at the end of the working day', () => {
    const sunday = { now: new Date('2026-11-22T02:00:00Z'), language: 'zh-CN' as const };
    expect(parseDate('本周内', sunday)!.at.toISOString()).toBe(sh('2026-11-22T18:00:00'));
  });

  it('a deadline on a period\'s last day falls on its last work day, not before today; other dates stay', () => {
    const weekdays = [1, 2, 3, 4, 5];
    const dl = { ...zh, deadline: true, workDays: weekdays };
    // Wednesday the 18th: this week's last work day is Friday the 20th; next week's the 27th.
    expect(parseDate('本周内给华为打电话', dl)).toMatchObject({ date: '2026-11-20', at: new Date(sh('2026-11-20T09:00:00')) });
    expect(parseDate('下周内给张总报价', dl)!.date).toBe('2026-11-27');
    expect(parseDate('this week call Acme', { ...en, deadline: true, workDays: weekdays })!.date).toBe('2026-11-20');
    // Monday the 30th is a work day; January 2027 ends on a Sunday, its last work day is Friday the 29th.
    expect(parseDate('月底前寄样品', dl)!.date).toBe('2026-11-30');
    expect(parseDate('by the end of the quarter', { ...en, deadline: true, workDays: weekdays })!.date).toBe('2026-12-31');
    expect(parseDate('1月底前寄样品', { ...dl, now: new Date('2027-01-05T02:00:00Z') })!.date).toBe('2027-01-29');
    // Six-day weeks: Saturday. Not a deadline (a report's words), or a day said outright: unchanged.
    expect(parseDate('本周内给华为打电话', { ...dl, workDays: [1, 2, 3, 4, 5, 6] })!.date).toBe('2026-11-21');
    expect(parseDate('下周内给张总报价', { ...zh, workDays: weekdays })!.date).toBe('2026-11-29');
    expect(parseDate('本周日给华为打电话', dl)!.date).toBe('2026-11-22');
    // Said on Saturday, with only Sunday left: the week's last day, due at the end of it; said on Friday: today, not past.
    expect(parseDate('本周内', { ...dl, now: new Date('2026-11-21T02:00:00Z') })!.date).toBe('2026-11-22');
    expect(parseDate('本周内', { ...dl, now: new Date('2026-11-20T07:30:00Z') })!.at.toISOString()).toBe(sh('2026-11-20T18:00:00'));
  });

  it('a follow-up\'s next step is a plan: due within a period on its last work day too', () => {
    const u = understand('跟进 华为 电话沟通了，下周内回访', { now: zh.now, timeZone: 'Asia/Shanghai', workDays: [1, 2, 3, 4, 5] });
    expect(u.entities).toMatchObject({ nextStep: { text: '回访', dueDate: '2026-11-27' } });
    // Someone's words keep their date in the step's title: "客户说签" would say something else.
    const said = understand('跟进 华为 电话沟通了，客户说下周内签', { now: zh.now, timeZone: 'Asia/Shanghai', workDays: [1, 2, 3, 4, 5] });
    expect(said.entities).toMatchObject({ nextStep: { text: '客户说下周内签', dueDate: '2026-11-27' } });
  });
});
