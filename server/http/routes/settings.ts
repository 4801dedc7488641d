// /settings (admin) and /objects (everyone: what this company calls each object).
import { z } from 'zod';
import type { Api } from '../api.js';
import { parseInput } from '../validate.js';
import { DomainError, forbidden, notFound } from '../../domain/shared/domain-error.js';
import { SETTING_SCHEMAS } from '../../domain/settings/setting-schemas.js';
import { isSettingKey, listSettings, updateSetting } from '../../domain/settings/update-setting.js';
import { listObjects } from '../../domain/settings/list-objects.js';

const Put = z.strictObject({ value: z.unknown() });

export function settingRoutes(api: Api): void {
  for (const [key, schema] of Object.entries(SETTING_SCHEMAS)) api.schema(`setting.${key}`, z.strictObject({ value: schema }));
  api.route('get', '/settings', { summary: 'All company settings with current values (admin)', tag: 'settings' },
    (ctx) => ctx.state.run((c) => listSettings(c)));
  api.route('put', '/settings/:key', {
    summary: 'Set one setting (admin): stages, pool.claimLimit, pool.visibility, fieldRules, objectLabels, timeZone, workDays (ISO weekdays worked, default Monday–Friday), leadAssignment, reminders (quiet hours, digest time, escalation days, lead SLA), followUpCadence, poolReturn, leadPoolReturn (rule sets; null = shipped default)',
    tag: 'settings', body: Put,
  }, async (ctx, body) => {
    const key = String(ctx.params.key);
    if (ctx.state.actor.role !== 'admin') throw forbidden(`setting.${key}`);
    if (!isSettingKey(key)) throw notFound('setting');
    // Validate here too so the 400 names the field inside the value as `<key>.<path>` (e.g. stages.0.probability).
    try {
      parseInput(z.strictObject({ value: SETTING_SCHEMAS[key] as z.ZodType }), body);
    } catch (e) {
      if (!(e instanceof DomainError) || !e.field) throw e;
      const field = e.field.replace(/^value/, key);
      throw new DomainError(e.kind, e.code, { ...e.params, field }, field);
    }
    return { key, value: await ctx.state.run((c) => updateSetting(c, key, body.value)) };
  });
  api.route('get', '/objects', { summary: 'CRM objects with their display labels in the caller\'s language', tag: 'settings' },
    (ctx) => ctx.state.run(async (c) => ({ items: await listObjects(c) })));
}
