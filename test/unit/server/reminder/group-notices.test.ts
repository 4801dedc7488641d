import { describe, expect, it } from 'vitest';
import { groupNotices } from '../../../../server/domain/reminder/fold-burst.js';
import type { QueuedMessage } from '../../../../server/domain/outbox/outbox-writer.js';
import { t } from '../../../../locales/index.js';

const to = (user: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') => ({ address: { platform: 'wecom' as const, tenant: 'corp', userId: user }, locale });
const released = (user: string, customer: string, locale?: 'zh-CN' | 'en-US'): QueuedMessage =>
  ({ ...to(user, locale), dedupeKey: `reminder:${customer}:0`, message: { kind: 'text', key: 'reminder.pool_released', params: { customer } } });
const escalated = (user: string, subject: string): QueuedMessage =>
  ({ ...to(user), message: { kind: 'text', key: 'reminder.escalation.task_due', params: { rep: '张三', subject, days: 3 } } });
const card = (user: string): QueuedMessage => ({ ...to(user), message: { kind: 'card', template: 'reminder', cardId: 'c', data: {} } as never });
const render = (q: QueuedMessage) => t(q.locale, (q.message as { key: string }).key, (q.message as { params: Record<string, unknown> }).params);

describe('groupNotices', () => {
  it('makes two or more pool returns for one person one list, in the place of the first, and leaves the rest alone', () => {
    const out = groupNotices([card('a'), released('a', '甲公司'), released('b', '丙公司'), released('a', '乙公司'), escalated('a', '报价')]);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual(card('a'));
    expect(render(out[1])).toBe('**退回公海通知（2 条）**\n- 客户「甲公司」长时间未跟进，已按规则退回公海。\n- 客户「乙公司」长时间未跟进，已按规则退回公海。');
    expect(out[1].dedupeKey).toBe('reminder:甲公司:0:pool');
    // Alone, a notice stays as it was.
    expect(out[2]).toEqual(released('b', '丙公司'));
    expect(out[3]).toEqual(escalated('a', '报价'));
  });

  it('lists escalations to a manager together, in the reader\'s language, the first 15 and a count of the rest', () => {
    const out = groupNotices(Array.from({ length: 17 }, (_, i) => escalated('mgr', `T${i + 1}`)));
    expect(out).toHaveLength(1);
    const text = render(out[0]);
    expect(text.startsWith('**下属逾期提醒（17 条）**\n- 张三 的待办「T1」已逾期 3 天仍未完成。')).toBe(true);
    expect(text.match(/^- /gm)).toHaveLength(15);
    expect(text.endsWith('……另有 2 条。')).toBe(true);
    const en = groupNotices([released('x', 'ACME', 'en-US'), released('x', 'Globex', 'en-US')]);
    expect(render(en[0])).toBe('**Back to the pool (2)**\n- Customer "ACME" was not followed up in time and went back to the pool.\n- Customer "Globex" was not followed up in time and went back to the pool.');
  });
});
