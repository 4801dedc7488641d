import { describe, expect, it } from 'vitest';
import { decodeSigned, signedEncoder } from '../../../../cards/action-payload.js';
import { renderDingtalkActionCard, renderDingtalkCard, renderDingtalkUpdate } from '../../../../cards/render/dingtalk.js';
import { escapeMarkdown, renderText } from '../../../../cards/render/text.js';
import { expandCard } from '../../../../cards/templates/index.js';
import { samples } from '../samples.js';

const opts = { encodeKey: signedEncoder('k'), urlFor: (p: string) => `https://h5.example.com/#/${p}`, cardTemplateId: 'tpl' };
const spec = (name: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') => { const s = samples.find((x) => x.name === name)!; return expandCard(s.template, s.data as never, locale); };

describe('renderDingtalk', () => {
  it('puts only strings in cardParamMap and keys the card by outTrackId', () => {
    const body = renderDingtalkCard(spec('approval.pending'), opts) as { outTrackId: string; cardData: { cardParamMap: Record<string, unknown> } };
    expect(body.outTrackId).toBe('appr-7-s1-u3');
    for (const v of Object.values(body.cardData.cardParamMap)) expect(typeof v).toBe('string');
    const buttons = JSON.parse(body.cardData.cardParamMap.buttons as string) as { actionKey?: string }[];
    expect(decodeSigned(buttons[1].actionKey!, { secret: 'k', bind: 'appr-7-s1-u3' }).action).toBe('approval.reject');
  });
  it('turns each choice option into its own signed action carrying the option id', () => {
    const params = (renderDingtalkCard(spec('choice'), opts) as { cardData: { cardParamMap: Record<string, string> } }).cardData.cardParamMap;
    const choices = JSON.parse(params.choices) as { id: string; actionKey: string }[];
    expect(decodeSigned(choices[1].actionKey, { secret: 'k', bind: 'turn-9-u7' }).data).toEqual({ t: 9, o: 43 });
  });
  it('updates in place with the decided version', () => {
    const body = renderDingtalkUpdate(spec('approval.approved', 'en-US'), opts) as { cardData: { cardParamMap: Record<string, string> } };
    expect(body.cardData.cardParamMap.status).toContain('Approved by');
    expect(body.cardData.cardParamMap.hasActions).toBe('false');
  });
  it('falls back to an ActionCard with link buttons only', () => {
    const msg = renderDingtalkActionCard(spec('follow-up-receipt'), opts) as { actionCard: { btns?: { title: string }[] } };
    expect(msg.actionCard.btns?.map((b) => b.title)).toEqual(['在小程序中查看']);
  });
});

describe('text fallback', () => {
  it('renders user text safely', () => {
    expect(escapeMarkdown('<script>*x*</script> [a](b)')).not.toMatch(/<script>|\*x\*|\[a\]\(b\)/);
    expect(renderText(spec('choice', 'en-US'))).toContain('1. 华为技术有限公司 (深圳)');
  });
});
