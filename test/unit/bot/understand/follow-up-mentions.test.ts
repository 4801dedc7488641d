import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai. Tests run with TZ=UTC (test/vitest.config.ts).
const now = new Date('2026-11-18T02:00:00Z');

// How reps name the customer with someone or some part of it: "X的王总", "X的采购部". The customer is X.
const rows: [text: string, entities: Record<string, unknown>][] = [
  ['今天拜访了长安汽车的王总，聊了新一期的采购', { customerName: '长安汽车', contactName: '王总', activityType: 'visit' }],
  ['给华为的李经理打了电话，对方要报价', { customerName: '华为', contactName: '李经理', activityType: 'call' }],
  ['拜访了长安汽车的采购部，聊了预算', { customerName: '长安汽车', activityType: 'visit' }],
  ['跟进 长安汽车的王总 电话沟通了方案', { customerName: '长安汽车', contactName: '王总', activityType: 'call' }],
  ['和美的的张工沟通了技术方案', { customerName: '美的', contactName: '张工' }],
  ['拜访了美的集团的采购部', { customerName: '美的集团', activityType: 'visit' }],
];

describe('a follow-up naming "the customer\'s someone"', () => {
  it.each(rows)('%s', (text, entities) => {
    const r = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(r.intent).toBe('followup.log');
    expect(r.entities).toMatchObject(entities);
    // Nothing the rep said is lost: the whole report is kept as the content.
    expect(String((r.entities as { content?: string }).content)).not.toBe('');
  });

  it('keeps a plain titled mention as before', () => {
    const r = understand('今天拜访了华东电力王总', { now, timeZone: 'Asia/Shanghai' });
    expect(r.entities).toMatchObject({ customerName: '华东电力', contactName: '王总' });
  });
});

describe('a customer whose name holds 的', () => {
  it.each([['拜访了美的，聊了空调项目', '美的'], ['给美的集团打了电话', '美的集团']])('%s', (text, customerName) => {
    expect(understand(text, { now, timeZone: 'Asia/Shanghai' }).entities).toMatchObject({ customerName });
  });
});
