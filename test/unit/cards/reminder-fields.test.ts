import { describe, expect, it } from 'vitest';
import { reminderCard } from '../../../cards/templates/reminder.js';

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
