import { describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';

// Wednesday 2026-11-18 10:00 in Shanghai. Tests run with TZ=UTC (test/vitest.config.ts).
const now = new Date('2026-11-18T02:00:00Z');

type Row = [text: string, intent: string, entities?: Record<string, unknown>];

const rows: Row[] = [
  // "<customer>的联系人", "<customer> 电话/联系方式", "contacts at <customer>", "who do we know at <customer>"
  ['长安汽车的联系人是谁', 'customer.contacts', { customerName: '长安汽车' }],
  ['长安汽车的联系人有哪些', 'customer.contacts', { customerName: '长安汽车' }],
  ['华为的电话', 'customer.contacts', { customerName: '华为' }],
  ['华为 电话', 'customer.contacts', { customerName: '华为' }],
  ['华为联系方式', 'customer.contacts', { customerName: '华为' }],
  ['查一下华为的联系方式', 'customer.contacts', { customerName: '华为' }],
  ['华为电话多少？', 'customer.contacts', { customerName: '华为' }],
  ['谁是长安汽车的联系人', 'customer.contacts', { customerName: '长安汽车' }],
  ['contacts at Huawei', 'customer.contacts', { customerName: 'Huawei' }],
  ['contacts at Globex', 'customer.contacts', { customerName: 'Globex' }],
  ['who do we know at Huawei?', 'customer.contacts', { customerName: 'Huawei' }],
  ["who's our contact at Acme Corp", 'customer.contacts', { customerName: 'Acme Corp' }],
  ["Huawei's contacts", 'customer.contacts', { customerName: 'Huawei' }],
  ['phone number for Globex', 'customer.contacts', { customerName: 'Globex' }],
  // still what they were: a follow-up that mentions a call, a lookup, a new customer with its contact
  ['跟进 华为 电话', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['华为 今天电话沟通了方案', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['给华为打电话', 'followup.log', { customerName: '华为', activityType: 'call' }],
  ['查一下 华为', 'customer.lookup', { customerName: '华为' }],
  ['华为的商机', 'customer.lookup', { customerName: '华为' }],
  ["ACME's deals", 'customer.lookup', { customerName: 'ACME' }],
  ['新客户 重庆银行 渝中区 联系人 王行长 13800138000', 'customer.create', { name: '重庆银行', contactName: '王行长' }],
  ['我的联系人', 'unknown'],
];

describe('understand(): a customer\'s contacts', () => {
  it.each(rows)('%s → %s', (text, intent, entities) => {
    const u = understand(text, { now, timeZone: 'Asia/Shanghai' });
    expect(u.intent).toBe(intent);
    if (entities) expect(JSON.parse(JSON.stringify(u.entities))).toMatchObject(entities);
  });
});
