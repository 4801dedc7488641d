import { describe, expect, it } from 'vitest';
import { followUpReceiptCard, type FollowUpReceiptData } from '../../../cards/templates/follow-up-receipt.js';

const base = { cardId: 'fu-7', activityId: '7', activityType: 'call', content: '电话沟通了', timeZone: 'Asia/Shanghai', undoUntil: new Date('2026-11-18T02:05:00Z') } as const;
const onCustomer: FollowUpReceiptData = { ...base, customer: { id: '42', name: '华为技术有限公司' } };
const onLead: FollowUpReceiptData = { ...base, lead: { id: '31', company: '璧山电子', contact: '王工' } };

describe('the follow-up receipt on a lead', () => {
  it('names the lead and its company (and its contact when it has one), in the reader\'s language', () => {
    expect(followUpReceiptCard(onLead, 'zh-CN').title).toBe('已记录线索跟进：璧山电子（王工）');
    expect(followUpReceiptCard(onLead, 'en-US').title).toBe('Follow-up logged on lead: 璧山电子 (王工)');
    expect(followUpReceiptCard({ ...onLead, lead: { id: '31', company: '璧山电子' } }, 'zh-CN').title).toBe('已记录线索跟进：璧山电子');
    expect(followUpReceiptCard(onLead, 'zh-CN').fields.slice(0, 2)).toEqual([{ label: '线索', value: '璧山电子' }, { label: '联系人', value: '王工' }]);
    expect(followUpReceiptCard(onLead, 'zh-CN').openPath).toBe('pages/leads/index');
  });

  it('offers the customer receipt\'s undo: the same action on its follow-up, until the same time', () => {
    const undo = (d: FollowUpReceiptData) => followUpReceiptCard(d, 'zh-CN').buttons.find((b) => b.id === 'undo');
    expect(undo(onLead)).toEqual(undo(onCustomer));
    expect(undo(onLead)).toMatchObject({ kind: 'action', action: 'followup.undo', payload: { i: '7', u: Math.floor(base.undoUntil.getTime() / 1000) } });
  });

  it('once undone, says so and offers nothing', () => {
    const spec = followUpReceiptCard({ ...onLead, undone: { at: new Date('2026-11-18T02:02:00Z') } }, 'zh-CN');
    expect(spec.status?.short).toBe('已撤销');
    expect(spec.buttons).toEqual([]);
  });
});
