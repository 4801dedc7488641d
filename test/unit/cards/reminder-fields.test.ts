import { describe, expect, it } from 'vitest';
import { reminderCard } from '../../../cards/templates/reminder.js';
import { taskReceiptCard } from '../../../cards/templates/task-receipt.js';
import { followUpReceiptCard } from '../../../cards/templates/follow-up-receipt.js';
import { formatDateTime } from '../../../cards/format.js';

const base = { cardId: 'rem-1', reminderId: '1', subject: '重庆某某机械有限公司', timeZone: 'Asia/Shanghai' };

describe('a reminder card names its extra fact', () => {
  it('as the customer\'s level or the lead\'s source, in the reader\'s language', () => {
    expect(reminderCard({ ...base, kind: 'pool_notice', level: 'A' }, 'zh-CN').fields).toEqual([{ label: '客户级别', value: 'A 类' }]);
    expect(reminderCard({ ...base, kind: 'pool_notice', level: 'A' }, 'en-US').fields).toEqual([{ label: 'Level', value: 'A' }]);
    expect(reminderCard({ ...base, kind: 'lead_pool_notice', source: '展会' }, 'zh-CN').fields).toEqual([{ label: '线索来源', value: '展会' }]);
  });

  it('and a card stored before, with the fact unlabelled, still renders it', () => {
    expect(reminderCard({ ...base, kind: 'pool_notice', detail: 'C' }, 'zh-CN').fields).toEqual([{ label: '说明', value: 'C' }]);
  });
});

describe('a due time outside the current year (of the company zone) shows its year', () => {
  // 31 December 2026, 18:00 in Shanghai: 5 January is next year there, and 31 December is this year.
  const now = new Date('2026-12-31T10:00:00Z');
  const nextYear = new Date('2027-01-05T01:00:00Z');
  const thisYear = new Date('2026-12-31T12:00:00Z');
  const due = (card: { fields: { label: string; value: string }[] }, label: string) => card.fields.find((f) => f.label === label)?.value;

  it('on a reminder card, in both languages', () => {
    expect(due(reminderCard({ ...base, kind: 'task_due', due: nextYear, now }, 'zh-CN'), '到期时间')).toBe('2027年1月5日 09:00');
    expect(due(reminderCard({ ...base, kind: 'task_due', due: nextYear, now }, 'en-US'), 'Due')).toBe('Jan 5, 2027, 09:00');
    expect(due(reminderCard({ ...base, kind: 'task_due', due: thisYear, now }, 'zh-CN'), '到期时间')).toBe('12月31日 20:00');
    expect(due(reminderCard({ ...base, kind: 'task_due', due: thisYear, now }, 'en-US'), 'Due')).toBe('Dec 31, 20:00');
  });

  it('on a task receipt and a follow-up\'s next step', () => {
    expect(due(taskReceiptCard({ cardId: 'task-1', taskId: '1', title: '给华为打电话', due: nextYear, now, timeZone: 'Asia/Shanghai' }, 'zh-CN'), '截止')).toBe('2027年1月5日 09:00');
    expect(due(taskReceiptCard({ cardId: 'task-1', taskId: '1', title: 'call Huawei', due: thisYear, now, timeZone: 'Asia/Shanghai' }, 'en-US'), 'Due')).toBe('Dec 31, 20:00');
    const followUp = { cardId: 'fu-1', activityId: '1', customer: { id: '42', name: '华为' }, activityType: 'call' as const, content: '电话沟通了', nextStep: { text: '发报价', due: nextYear }, now, timeZone: 'Asia/Shanghai' };
    expect(JSON.stringify(followUpReceiptCard(followUp, 'en-US').fields)).toContain('Jan 5, 2027, 09:00');
  });

  it('by the company zone\'s calendar: 1 January in Shanghai is still 31 December in New York', () => {
    const newYearShanghai = new Date('2026-12-31T17:00:00Z');
    expect(formatDateTime(newYearShanghai, 'zh-CN', 'Asia/Shanghai', now)).toBe('2027年1月1日 01:00');
    expect(formatDateTime(newYearShanghai, 'zh-CN', 'America/New_York', now)).toBe('12月31日 12:00');
    // Without a `now`, as before: no year.
    expect(formatDateTime(nextYear, 'zh-CN', 'Asia/Shanghai')).toBe('1月5日 09:00');
  });
});
