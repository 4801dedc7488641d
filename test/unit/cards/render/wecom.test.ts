import { describe, expect, it } from 'vitest';
import { decodeSigned, signedEncoder } from '../../../../cards/action-payload.js';
import { renderWecom, renderWecomReplaceButton, renderWecomUpdate } from '../../../../cards/render/wecom.js';
import type { CardSpec } from '../../../../cards/spec.js';
import { expandCard } from '../../../../cards/templates/index.js';
import { samples } from '../samples.js';

const secret = 's3cret';
const opts = { encodeKey: signedEncoder(secret), urlFor: (p: string) => `https://h5.example.com/#/${p}` };
const sample = (name: string) => samples.find((s) => s.name === name)!;
const spec = (name: string) => expandCard(sample(name).template, sample(name).data as never, 'zh-CN');

describe('renderWecom', () => {
  it('picks the card type from what the card offers', () => {
    expect(renderWecom(spec('approval.pending'), opts).card_type).toBe('button_interaction');
    expect(renderWecom(spec('approval.approved'), opts).card_type).toBe('text_notice');
    expect(renderWecom(spec('choice'), opts).card_type).toBe('vote_interaction');
    expect(renderWecom(spec('leaderboard'), opts).card_type).toBe('text_notice');
  });

  it('honours the documented limits', () => {
    const s: CardSpec = {
      ...spec('approval.pending'),
      fields: Array.from({ length: 9 }, (_, i) => ({ label: `k${i}`, value: 'v'.repeat(80) })),
      buttons: Array.from({ length: 8 }, (_, i) => ({ kind: 'action' as const, id: `b${i}`, labelKey: 'x', label: `b${i}`, style: 'default' as const, action: 'approval.approve', payload: { i: String(i) } })),
    };
    const card = renderWecom(s, opts) as unknown as Record<string, unknown[]> & { task_id: string };
    expect(card.horizontal_content_list.length).toBe(6);
    expect(card.button_list.length).toBe(6);
    expect(card.task_id).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
    for (const b of card.button_list as { key: string }[]) expect(Buffer.byteLength(b.key)).toBeLessThanOrEqual(1024);
    const links = { ...s, buttons: Array.from({ length: 5 }, (_, i) => ({ kind: 'link' as const, id: `l${i}`, labelKey: 'x', label: `l${i}`, style: 'default' as const, path: `pages/p${i}` })) };
    expect((renderWecom(links, { ...opts, miniProgramAppId: 'wxapp' }) as Record<string, unknown[]>).jump_list.length).toBe(3);
  });

  it('always gives text_notice a card_action', () => {
    expect(renderWecom(spec('leaderboard'), opts).card_action).toEqual({ type: 1, url: 'https://h5.example.com/#/pages/leaderboard/index?metric=won_amount&period=month' });
    expect(renderWecom(spec('leaderboard'), { ...opts, miniProgramAppId: 'wxapp' }).card_action).toMatchObject({ type: 2, appid: 'wxapp' });
  });

  it('signs button keys bound to the card copy', () => {
    const card = renderWecom(spec('approval.pending'), opts) as unknown as { task_id: string; button_list: { key?: string }[] };
    const decoded = decodeSigned(card.button_list[0].key!, { secret, bind: card.task_id });
    expect(decoded).toEqual({ action: 'approval.approve', data: { i: 7, v: 3 } });
  });

  it('omits hidden fields', () => {
    const card = renderWecom(spec('customer.hidden-amount'), opts) as unknown as { horizontal_content_list: { keyname: string }[] };
    expect(card.horizontal_content_list.map((f) => f.keyname)).not.toContain('商机金额');
  });

  it('builds update_template_card bodies with JSON arrays', () => {
    const target = { agentId: 1000002, responseCode: 'RC1', userIds: ['zhangsan', 'lisi'] };
    expect(renderWecomReplaceButton(target, '已同意')).toEqual({ userids: ['zhangsan', 'lisi'], agentid: 1000002, response_code: 'RC1', button: { replace_name: '已同意' } });
    const body = renderWecomUpdate(spec('approval.approved'), target, { ...opts, keepType: 'button_interaction' }) as { template_card: Record<string, unknown> };
    expect(body.template_card).toMatchObject({ card_type: 'button_interaction', task_id: 'appr-7-s1-u3', button_list: [], replace_text: '已同意' });
    expect(String(body.template_card.sub_title_text)).toContain('王总 已同意');
  });
});
