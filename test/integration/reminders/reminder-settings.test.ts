// Reminder settings through the settings API (admin only, validated with the field named in the caller's language,
// audited, in OpenAPI), and the scheduler planning with the new values on its next pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, type TestDb } from '../../helpers/db.js';
import type { Org } from '../../helpers/org.js';
import { closeApi, openApi, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Reminder } from '../../../server/domain/reminder/reminder.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import { planOnce } from '../../../server/jobs/scheduler.js';
import { DAY, HOUR, addCustomer, addLead, addTask } from './helpers.js';

const TIMING = { quietHours: { start: '21:00', end: '08:00' }, digestAt: null, escalateAfterDays: 3, leadSlaHours: 24, notifyTeamOnPoolReturn: true };

describe.each(TARGETS)('reminder settings over HTTP on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const put = (key: string, value: unknown, token = tok.admin, lang?: string) => s.call('PUT', `/api/v1/settings/${key}`, { token, body: { value }, lang });
  const rows = (kind: string, subjectId: number) => t.db.ds.getRepository(Reminder).find({ where: { kind: kind as never, subjectId }, order: { id: 'ASC' } });
  beforeAll(async () => { ({ t, org, s } = await openApi(target, tok)); });
  afterAll(() => closeApi(s, t));

  it('lists the reminder settings in force (defaults, shipped rule sets) for admins only', async () => {
    const r = await s.call('GET', '/api/v1/settings', { token: tok.admin });
    expect(r.status).toBe(200);
    expect(r.body.reminders).toEqual({ quietHours: { start: '21:00', end: '08:00' }, digestAt: '08:30', escalateAfterDays: 3, leadSlaHours: 24, notifyTeamOnPoolReturn: true, quietOnDaysOff: false });
    expect(r.body.followUpCadence.rules.map((x: { everyDays: number }) => x.everyDays)).toEqual([7, 14, 30]);
    expect(r.body.poolReturn).toMatchObject({ set: 'pool-return', warnHoursBefore: 24 });
    expect(r.body.leadPoolReturn).toMatchObject({ set: 'lead-pool-return', warnHoursBefore: 24, rules: [{ id: 'lead-no-follow-up-30d', returnAfterDays: 30 }, { id: 'lead-three-failed', when: 'lead.failedFollowUps >= 3', returnAfterDays: 1 }] });
    for (const who of ['repA', 'mgrEast', 'director']) {
      expect((await put('reminders', TIMING, tok[who])).status, who).toBe(403);
      expect((await put('followUpCadence', null, tok[who])).status, who).toBe(403);
    }
  });

  it('refuses bad values with a 400 naming the field, in the caller\'s language', async () => {
    const cadence = (rule: Record<string, unknown>) => ({ rules: [{ id: 'level-a', when: "customer.level == 'A'", everyDays: 7, ...rule }] });
    const cases: [string, unknown, string, string][] = [
      ['reminders', { ...TIMING, quietHours: { start: '25:00', end: '08:00' } }, 'reminders.quietHours.start', 'validation.time_of_day'],
      ['reminders', { ...TIMING, quietHours: { start: '22:00', end: '22:00' } }, 'reminders.quietHours.end', 'validation.quiet_hours_empty'],
      ['reminders', { ...TIMING, quietHours: { start: '22:00', end: '07:00', stop: '07:30' } }, 'reminders.quietHours.stop', 'validation.unknown_field'],
      ['reminders', { ...TIMING, digestAt: '8:30' }, 'reminders.digestAt', 'validation.time_of_day'],
      ['reminders', { ...TIMING, escalateAfterDays: 0 }, 'reminders.escalateAfterDays', 'validation.too_small'],
      ['reminders', { ...TIMING, escalateAfterDays: 2.5 }, 'reminders.escalateAfterDays', 'validation.type_number'],
      ['reminders', { ...TIMING, leadSlaHours: 24 * 91 }, 'reminders.leadSlaHours', 'validation.too_big'],
      ['reminders', { ...TIMING, leadSlaHours: undefined }, 'reminders.leadSlaHours', 'validation.required'],
      ['reminders', { ...TIMING, notifyTeamOnPoolReturn: 'yes' }, 'reminders.notifyTeamOnPoolReturn', 'validation.type_boolean'],
      ['followUpCadence', cadence({ when: "customer.levle == 'A'" }), 'followUpCadence.rules.0', 'rules.invalid'],
      ['followUpCadence', cadence({ everyDays: -1 }), 'followUpCadence.rules.0', 'rules.invalid'],
      ['followUpCadence', { rules: 'weekly' }, 'followUpCadence.rules', 'validation.type_array'],
      ['poolReturn', { warnHoursBefore: 0, rules: [] }, 'poolReturn.warnHoursBefore', 'validation.too_small'],
      ['poolReturn', { rules: [{ id: 'x', when: 'true', returnAfterDays: 'soon' }] }, 'poolReturn.rules.0', 'rules.invalid'],
      ['leadPoolReturn', { rules: [{ id: 'by-level', when: "customer.level == 'C'", returnAfterDays: 10 }] }, 'leadPoolReturn.rules.0', 'rules.invalid'],
    ];
    for (const [key, value, field, code] of cases) {
      const label = `${key} ${JSON.stringify(value)}`;
      const en = await put(key, value, tok.admin, 'en-US');
      expect(en.status, label).toBe(400);
      expect(en.body.error, label).toMatchObject({ code: code === 'validation.type_boolean' ? expect.stringMatching(/^validation\.type_bool/) : code, field });
      expect(en.body.error.message, label).toContain(field);
      expect(/[\u4e00-\u9fff]/.test(en.body.error.message.replace(field, '')), label).toBe(false);
      const zh = await put(key, value, tok.admin, 'zh-CN');
      expect(zh.body.error.message, label).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.body.error.message, label).toContain(field);
    }
    expect((await put('followUpCadence', cadence({ id: 'level-a', when: "customer.levle == 'A'" }), tok.admin, 'en-US')).body.error.message).toContain('level-a');
    // Nothing was stored.
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'setting', action: 'update' })).toBe(0);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json')).body;
    const reminders = doc.components.schemas['setting.reminders'].properties.value;
    expect(Object.keys(reminders.properties).sort()).toEqual(['digestAt', 'escalateAfterDays', 'leadSlaHours', 'notifyTeamOnPoolReturn', 'quietHours', 'quietOnDaysOff']);
    for (const key of ['followUpCadence', 'poolReturn', 'leadPoolReturn']) expect(doc.components.schemas[`setting.${key}`], key).toBeDefined();
    expect(JSON.stringify(doc.components.schemas['setting.poolReturn'])).toContain('warnHoursBefore');
    expect(doc.paths['/api/v1/settings/{key}'].put.summary).toContain('reminders');
  });

  it('stores and audits a change; the scheduler plans with it on its next pass', async () => {
    const now = t.clock.now(); // 2026-11-18 10:00 Asia/Shanghai
    // Lead SLA: 48 h, then back to 24 h.
    expect((await put('reminders', { ...TIMING, leadSlaHours: 48 })).status).toBe(200);
    const log = await t.db.ds.getRepository(AuditLog).findOneOrFail({ where: { entityType: 'setting', action: 'update' }, order: { id: 'DESC' } });
    expect(log).toMatchObject({ actorId: org.users.admin.id, channel: 'api' });
    expect(log.diff).toMatchObject({ value: [{ leadSlaHours: 24, digestAt: '08:30' }, { leadSlaHours: 48, digestAt: null }] });
    expect((await s.call('GET', '/api/v1/settings', { token: tok.admin })).body.reminders.leadSlaHours).toBe(48);
    const lead = await addLead(t, 'SLA 设置 大足石材', org.users.repA.id, new Date(now.getTime() - 30 * HOUR));
    await planOnce(t.db);
    expect(await rows('lead_sla', lead.id)).toHaveLength(0);
    expect((await put('reminders', TIMING)).status).toBe(200);
    await planOnce(t.db);
    expect((await rows('lead_sla', lead.id)).map((r) => r.dueAt.getTime())).toEqual([now.getTime() - 6 * HOUR]);

    // Cadence by level: A every 3 days (a new version of the set).
    const cadence = { rules: [{ id: 'a-3d', when: "customer.level == 'A'", everyDays: 3 }, { id: 'b-14d', when: "customer.level == 'B'", everyDays: 14 }] };
    const saved = await put('followUpCadence', cadence);
    expect(saved.status).toBe(200);
    expect(saved.body.value).toMatchObject({ set: 'follow-up-cadence', version: 2 });
    const a = await addCustomer(t, '设置 A 客户', org.users.repA.id, 'A', new Date(now.getTime() - 4 * DAY));
    // Pool return: after 10 days, warned 72 h before.
    expect((await put('poolReturn', { warnHoursBefore: 72, rules: [{ id: 'ten-days', when: 'true', returnAfterDays: 10 }] })).status).toBe(200);
    const b = await addCustomer(t, '设置 B 客户', org.users.repA.id, 'B', new Date(now.getTime() - 8 * DAY));
    // Leads: back to the pool after 5 days, or a day after the second failed follow-up in a row (instead of the third).
    const leadRules = [{ id: 'five-days', when: "lead.source != 'partner'", returnAfterDays: 5 }, { id: 'two-failed', when: 'lead.failedFollowUps >= 2', returnAfterDays: 1 }];
    expect((await put('leadPoolReturn', { rules: leadRules })).status).toBe(200);
    const stale = await addLead(t, '设置 线索 潼南', org.users.repA.id, new Date(now.getTime() - 6 * DAY));
    const partner = await addLead(t, '设置 线索 伙伴', org.users.repA.id, new Date(now.getTime() - 6 * DAY));
    await t.db.ds.getRepository(Lead).update({ id: partner.id }, { source: 'partner' });
    const failedTwice = await addLead(t, '设置 线索 两次未接通', org.users.repA.id, new Date(now.getTime() - 2 * DAY));
    const failedOnce = await addLead(t, '设置 线索 一次未接通', org.users.repA.id, new Date(now.getTime() - 2 * DAY));
    for (const [id, failedFollowUps] of [[failedTwice.id, 2], [failedOnce.id, 1]]) await t.db.ds.getRepository(Lead).update({ id }, { source: 'partner', failedFollowUps });
    await planOnce(t.db);
    const [due] = await rows('followup_due', a.id);
    expect(due.dueAt.getTime()).toBe(now.getTime() - DAY);
    expect(due.data).toMatchObject({ ruleId: 'a-3d' });
    expect((await rows('followup_due', b.id))).toHaveLength(0);
    const [warn] = await rows('pool_return', b.id);
    expect(warn.dueAt.getTime()).toBe(now.getTime() - DAY);
    expect(warn.data).toMatchObject({ ruleId: 'ten-days', returnAt: new Date(now.getTime() + 2 * DAY).toISOString() });
    expect((await rows('pool_release', stale.id)).map((r) => r.data?.ruleId)).toEqual(['five-days']);
    expect(await rows('pool_release', partner.id)).toHaveLength(0);
    expect((await rows('pool_release', failedTwice.id)).map((r) => r.data?.ruleId)).toEqual(['two-failed']);
    expect(await rows('pool_release', failedOnce.id)).toHaveLength(0);

    // Quiet hours 22:00–07:00 and a digest at 09:00: a task due at 22:30 waits for 07:00; at 09:05 the digest is planned.
    expect((await put('reminders', { ...TIMING, quietHours: { start: '22:00', end: '07:00' }, digestAt: '09:00' })).status).toBe(200);
    t.clock.set(new Date('2026-11-18T14:30:00Z')); // 22:30 local
    const task = await addTask(t, '设置 夜间待办', org.users.repB.id, new Date('2026-11-18T14:30:00Z'));
    await planOnce(t.db);
    expect((await rows('task_due', task.id)).map((r) => r.sendAt.toISOString())).toEqual(['2026-11-18T23:00:00.000Z']);
    t.clock.set(new Date('2026-11-19T01:05:00Z')); // 09:05 local
    await planOnce(t.db);
    expect((await rows('digest', org.users.repA.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-19T01:00:00.000Z']);

    // null puts a rule set back to the shipped one.
    expect((await put('followUpCadence', null)).status).toBe(200);
    expect((await s.call('GET', '/api/v1/settings', { token: tok.admin })).body.followUpCadence.rules.map((x: { id: string }) => x.id)).toEqual(['level-a', 'level-b', 'level-c']);
  });
});
