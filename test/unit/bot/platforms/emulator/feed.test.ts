// The emulator's chat feeds are read back from the platform fakes: each chat shows exactly what the platform would
// show that person or group, in order, with cards rewritten in place by later updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomApiFake } from '../../../../../bot/platforms/emulator/fakes/wecom-api.js';
import { DingtalkApiFake } from '../../../../../bot/platforms/emulator/fakes/dingtalk-api.js';
import { feedOf, type FeedSources } from '../../../../../bot/platforms/emulator/feed.js';

async function call(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return res.json() as Promise<Record<string, any>>;
}

describe('emulator feeds', () => {
  const wecom = new WecomApiFake();
  const dingtalk = new DingtalkApiFake();
  let src: FeedSources;
  beforeAll(async () => {
    await wecom.start();
    await dingtalk.start();
    src = { wecom, dingtalk, webhookKeys: { 'team-1': 'k1' }, robotReplies: new Map(), typed: [] };
  });
  afterAll(async () => { await wecom.stop(); await dingtalk.stop(); });

  it('WeCom 1:1: typed lines and bot messages in order; a card update replaces the card for the users it names', async () => {
    const { access_token: tok } = await (await fetch(`${wecom.url}/cgi-bin/gettoken?corpid=${wecom.corpId}&corpsecret=${wecom.secret}`)).json() as any;
    src.typed.push({ chat: { platform: 'wecom', kind: 'direct', id: 'rep_a' }, sender: 'A', text: 'hello', at: 0, seq: 0 });
    await call(wecom.url, 'POST', `/cgi-bin/message/send?access_token=${tok}`, { touser: 'rep_a', agentid: wecom.agentId, msgtype: 'text', text: { content: 'hi A' } });
    const sent = await call(wecom.url, 'POST', `/cgi-bin/message/send?access_token=${tok}`, {
      touser: 'rep_a|rep_b', agentid: wecom.agentId, msgtype: 'template_card',
      template_card: { card_type: 'button_interaction', task_id: 'c1', main_title: { title: 'Approve?' }, button_list: [{ text: 'OK', key: 'k' }] },
    });
    await call(wecom.url, 'POST', `/cgi-bin/message/update_template_card?access_token=${tok}`, {
      userids: ['rep_a'], agentid: wecom.agentId, response_code: sent.response_code,
      template_card: { card_type: 'text_notice', task_id: 'c1', main_title: { title: 'Approved' } },
    });
    const a = feedOf(src, { platform: 'wecom', kind: 'direct', id: 'rep_a' });
    expect(a.map((i) => [i.from, i.kind])).toEqual([['user', 'text'], ['bot', 'text'], ['bot', 'wecom_card']]);
    expect(a[2]).toMatchObject({ cardId: 'c1', updates: 1, card: { main_title: { title: 'Approved' } } });
    const b = feedOf(src, { platform: 'wecom', kind: 'direct', id: 'rep_b' });
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ cardId: 'c1', card: { main_title: { title: 'Approve?' } } });
    expect(b[0].updates).toBeUndefined();
  });

  it('WeCom group: robot replies placed by the response_url issued for that chat, plus its webhook pushes', async () => {
    const url = wecom.issueRobotResponseUrl();
    src.robotReplies.set(new URL(url).searchParams.get('response_code')!, 'team-1');
    await call(url, 'POST', '', { msgtype: 'markdown', markdown: { content: '**board**' } });
    await call(wecom.url, 'POST', '/cgi-bin/webhook/send?key=k1', { msgtype: 'text', text: { content: 'weekly push' } });
    const g = feedOf(src, { platform: 'wecom', kind: 'group', id: 'team-1' });
    expect(g.map((i) => i.text)).toEqual(['**board**', 'weekly push']);
    expect(feedOf(src, { platform: 'wecom', kind: 'group', id: 'team-2' })).toHaveLength(0);
  });

  it('DingTalk: session-webhook replies and card instances, updated by outTrackId', async () => {
    const { accessToken } = await call(dingtalk.url, 'POST', '/v1.0/oauth2/accessToken', { appKey: dingtalk.appKey, appSecret: dingtalk.appSecret });
    const hook = dingtalk.issueSessionWebhook('cid_dt_a');
    await call(hook.url, 'POST', '', { msgtype: 'text', text: { content: 'reply' } });
    const h = { 'x-acs-dingtalk-access-token': accessToken };
    await call(dingtalk.url, 'POST', '/v1.0/card/instances/createAndDeliver', { outTrackId: 'o1', cardTemplateId: 't', openSpaceId: 'dtv1.card//IM_ROBOT.dt_a', cardData: { cardParamMap: { title: 'Card' } } }, h);
    await call(dingtalk.url, 'PUT', '/v1.0/card/instances', { outTrackId: 'o1', cardData: { cardParamMap: { status: 'done' } }, cardUpdateOptions: { updateCardDataByKey: true } }, h);
    const d = feedOf(src, { platform: 'dingtalk', kind: 'direct', id: 'dt_a' });
    expect(d.map((i) => i.kind)).toEqual(['text', 'dingtalk_card']);
    expect(d[1]).toMatchObject({ cardId: 'o1', updates: 1, card: { title: 'Card', status: 'done' } });
  });
});
