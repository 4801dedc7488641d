// Pool-return rule "three-failed" in real use: failed follow-ups (REST or chat) count up the customer's streak, a
// reached one resets it, and the scheduler warns the owner and returns the customer a day after the third failure.
// Leads do the same under their own rule "lead-three-failed".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import { DAY, HOUR, addCustomer, addLead, cardsTo, run, setReminderSettings, tap } from './helpers.js';

// 2026-11-18 10:00 Asia/Shanghai (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('failed follow-ups send a customer (or lead) back to the pool on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack; let token: string;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
    const r = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: org.users.repA.username }) });
    token = ((await r.json()) as { token: string }).token;
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const customer = (id: number) => t.db.ds.getRepository(Customer).findOneByOrFail({ id });
  const streak = async (id: number) => (await customer(id)).failedFollowUps;
  const warnings = (name: string) => cardsTo(chat, 'rep_zhang', name).filter((c) => JSON.stringify(c).includes('公海'));
  const logOn = async (target: { customerId: number } | { leadId: number }, content: string, outcome?: 'reached' | 'failed', occurredAt?: Date) => {
    const r = await fetch(`${chat.url}/api/v1/activities`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...target, type: 'call', content, ...(outcome ? { outcome } : {}), ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}) }),
    });
    expect(r.status).toBe(201);
    return (await r.json()) as { activity: { id: number; outcome: string }; failedFollowUps?: number };
  };
  const logByRest = (customerId: number, content: string, outcome?: 'reached' | 'failed', occurredAt?: Date) => logOn({ customerId }, content, outcome, occurredAt);
  const api = (method: string, path: string, body?: unknown) => fetch(`${chat.url}/api/v1${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const later = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));

  it('REST: failed, failed (a deleted one taken back out), reached resets; three failed in a row → warned at once, returned a day after the third', async () => {
    t.clock.set(NOW);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const cu = await addCustomer(t, 'Fail-REST九龙坡机械', org.users.repA.id, 'A', new Date(NOW.getTime() - 2 * HOUR));
    expect((await logByRest(cu.id, '电话没人接', 'failed')).activity.outcome).toBe('failed');
    later(HOUR);
    expect((await logByRest(cu.id, '关机', 'failed')).failedFollowUps).toBe(2);
    // Deleting (or undoing) the newest failed one takes it back out of the streak.
    later(HOUR);
    const mistaken = await logByRest(cu.id, '占线', 'failed');
    expect(mistaken.failedFollowUps).toBe(3);
    const del = await fetch(`${chat.url}/api/v1/activities/${mistaken.activity.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBeLessThan(300);
    expect(await streak(cu.id)).toBe(2);
    // Its last follow-up is the one before again.
    expect((await customer(cu.id)).lastFollowUpAt?.getTime()).toBe(t.clock.now().getTime() - HOUR);
    later(HOUR);
    // Not said: reached.
    const reached = await logByRest(cu.id, '电话沟通了报价');
    expect([reached.activity.outcome, reached.failedFollowUps, await streak(cu.id)]).toEqual(['reached', 0, 0]);
    later(HOUR);
    await logByRest(cu.id, '没人接', 'failed');
    later(HOUR);
    await logByRest(cu.id, '占线', 'failed');
    await run(chat);
    expect(warnings('Fail-REST')).toHaveLength(0);

    later(HOUR);
    await logByRest(cu.id, '拒绝了', 'failed');
    const third = t.clock.now();
    expect(await streak(cu.id)).toBe(3);
    // A reached follow-up back-dated before the last one does not reset the newer streak.
    expect((await logByRest(cu.id, '补录上周的拜访', 'reached', new Date(third.getTime() - 7 * DAY))).failedFollowUps).toBe(3);
    expect(await streak(cu.id)).toBe(3);
    const changes = await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'customer', entityId: cu.id, action: 'update' }, order: { id: 'ASC' } });
    // Eight changes of the streak, and the delete's change of the last follow-up.
    expect(changes.map((a) => [a.channel, Object.keys(a.diff ?? {}).join()])).toEqual([
      ...Array(4).fill(['api', 'failedFollowUps']), ['api', 'lastFollowUpAt'], ...Array(4).fill(['api', 'failedFollowUps'])]);

    await run(chat);
    expect(warnings('Fail-REST')).toHaveLength(1);
    t.clock.set(new Date(third.getTime() + 23 * HOUR));
    await run(chat);
    expect((await customer(cu.id)).ownerId).toBe(org.users.repA.id);
    t.clock.set(new Date(third.getTime() + DAY));
    await run(chat);
    const back = await customer(cu.id);
    expect(back.ownerId).toBeNull();
    // Whoever claims it next starts a fresh streak.
    expect(back.failedFollowUps).toBe(0);
    const release = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'customer', entityId: cu.id, action: 'release' });
    expect(release).toMatchObject({ channel: 'system' });
    expect(release.ruleId).toContain('three-failed');
  });

  it('chat: "电话没人接" three times → the receipt shows the streak, undo and a reached one between take it back, then back to the pool', async () => {
    t.clock.set(new Date(NOW.getTime() + 3 * DAY));
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const cu = await addCustomer(t, '江津食品厂', org.users.repA.id, 'A', new Date(t.clock.now().getTime() - 2 * HOUR));
    const says = async (text: string) => { later(HOUR); expect(await chat.wecomSays('rep_zhang', text)).toBe(200); await chat.settle(); };
    // "Undo" on the receipt takes a mistaken failure back out of the streak.
    await says('跟进 江津食品厂 打了电话，占线');
    expect(await streak(cu.id)).toBe(1);
    const [receipt] = cardsTo(chat, 'rep_zhang', '占线');
    await tap(chat, 'rep_zhang', receipt, 0);
    await chat.settle();
    expect(await streak(cu.id)).toBe(0);
    await says('跟进 江津食品厂 电话没人接');
    await says('跟进 江津食品厂 对方关机');
    expect(await streak(cu.id)).toBe(2);
    await says('跟进 江津食品厂 电话沟通了报价，客户有兴趣');
    expect(await streak(cu.id)).toBe(0);
    await says('跟进 江津食品厂 电话没人接');
    await says('跟进 江津食品厂 没打通');
    await says('跟进 江津食品厂 客户说不需要');
    const third = t.clock.now();
    expect(await streak(cu.id)).toBe(3);
    const outcomes = (await t.db.ds.getRepository(Activity).find({ where: { customerId: cu.id }, order: { id: 'ASC' } })).map((a) => [a.outcome, a.channel]);
    expect(outcomes).toEqual([['failed', 'bot'], ['failed', 'bot'], ['reached', 'bot'], ['failed', 'bot'], ['failed', 'bot'], ['failed', 'bot']]);
    expect(cardsTo(chat, 'rep_zhang', '连续第 3 次')).toHaveLength(1);
    expect(cardsTo(chat, 'rep_zhang', '已联系上').filter((c) => JSON.stringify(c).includes('江津食品厂'))).toHaveLength(1);

    await run(chat);
    expect(warnings('江津食品厂')).toHaveLength(1);
    t.clock.set(new Date(third.getTime() + 23 * HOUR));
    await run(chat);
    expect((await customer(cu.id)).ownerId).toBe(org.users.repA.id);
    t.clock.set(new Date(third.getTime() + DAY));
    await run(chat);
    expect((await customer(cu.id)).ownerId).toBeNull();
  });

  it('REST, a lead: failed ones count (shown read-only on the lead), undo takes one back, reached resets; three failed → warned at once, back in the lead pool a day later', async () => {
    t.clock.set(new Date(NOW.getTime() + 6 * DAY));
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const lead = await addLead(t, 'Fail-Lead 永川纺织', org.users.repA.id, new Date(t.clock.now().getTime() - 2 * HOUR));
    const leadRow = () => t.db.ds.getRepository(Lead).findOneByOrFail({ id: lead.id });
    const logOnLead = (content: string, outcome?: 'reached' | 'failed', occurredAt?: Date) => logOn({ leadId: lead.id }, content, outcome, occurredAt);
    const leadWarnings = () => cardsTo(chat, 'rep_zhang', 'Fail-Lead').filter((c) => JSON.stringify(c).includes('线索即将退回线索池'));

    const first = await logOnLead('电话没人接', 'failed');
    expect([first.activity.outcome, first.failedFollowUps]).toEqual(['failed', 1]);
    // The first follow-up, even a failed one, is the lead's first contact (as before).
    expect(await leadRow()).toMatchObject({ failedFollowUps: 1, status: 'contacted' });
    later(HOUR);
    expect((await logOnLead('关机', 'failed')).failedFollowUps).toBe(2);
    // The count is part of the lead's REST representation, and only follow-ups change it.
    expect(((await (await api('GET', `/leads/${lead.id}`)).json()) as { failedFollowUps: number }).failedFollowUps).toBe(2);
    expect((await api('PATCH', `/leads/${lead.id}`, { failedFollowUps: 0 })).status).toBe(400);
    expect((await leadRow()).failedFollowUps).toBe(2);

    // Deleting (or undoing) the newest failed one takes it back out; an older one is left alone.
    later(HOUR);
    const mistaken = await logOnLead('占线', 'failed');
    expect(mistaken.failedFollowUps).toBe(3);
    expect((await api('DELETE', `/activities/${mistaken.activity.id}`)).status).toBeLessThan(300);
    expect((await leadRow()).failedFollowUps).toBe(2);
    expect((await api('DELETE', `/activities/${first.activity.id}`)).status).toBeLessThan(300);
    expect((await leadRow()).failedFollowUps).toBe(2);
    // The first contact was the deleted one's: now it is the earliest left ('关机'), and the lead is still contacted.
    const second = await t.db.ds.getRepository(Activity).findOneByOrFail({ leadId: lead.id, content: '关机' });
    expect(await leadRow()).toMatchObject({ firstContactAt: second.occurredAt, status: 'contacted' });

    later(HOUR);
    const reached = await logOnLead('电话沟通了需求');
    expect([reached.activity.outcome, reached.failedFollowUps, (await leadRow()).failedFollowUps]).toEqual(['reached', 0, 0]);
    later(HOUR);
    await logOnLead('没人接', 'failed');
    later(HOUR);
    await logOnLead('占线', 'failed');
    await run(chat);
    expect(leadWarnings()).toHaveLength(0);

    later(HOUR);
    await logOnLead('客户说不需要', 'failed');
    const third = t.clock.now();
    // A reached follow-up back-dated before the last one does not reset the newer streak.
    expect((await logOnLead('补录上周的电话', 'reached', new Date(third.getTime() - 7 * DAY))).failedFollowUps).toBe(3);
    expect((await leadRow()).failedFollowUps).toBe(3);
    const changes = (await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'lead', entityId: lead.id, action: 'update' }, order: { id: 'ASC' } }))
      .filter((a) => 'failedFollowUps' in (a.diff ?? {}));
    expect(changes.map((a) => [a.channel, (a.diff as { failedFollowUps?: [number, number] }).failedFollowUps?.[1]])).toEqual(
      [['api', 1], ['api', 2], ['api', 3], ['api', 2], ['api', 0], ['api', 1], ['api', 2], ['api', 3]]);

    await run(chat);
    expect(leadWarnings()).toHaveLength(1);
    t.clock.set(new Date(third.getTime() + 23 * HOUR));
    await run(chat);
    expect((await leadRow()).ownerId).toBe(org.users.repA.id);
    t.clock.set(new Date(third.getTime() + DAY));
    await run(chat);
    const back = await leadRow();
    expect(back.ownerId).toBeNull();
    expect(back.poolReason).toContain('lead-three-failed');
    // Whoever claims it next starts a fresh streak.
    expect(back.failedFollowUps).toBe(0);
    const release = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'lead', entityId: lead.id, action: 'release' });
    expect(release).toMatchObject({ channel: 'system', diff: { ownerId: [org.users.repA.id, null], failedFollowUps: [3, 0] } });
    expect(release.ruleId).toContain('lead-three-failed');
  });
});
