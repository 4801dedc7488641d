// Validates and normalises custom field values against the admin's definitions for an object.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';
import { CustomField } from './custom-field.entity.js';
import { User } from '../user/user.entity.js';

export async function customFieldsOf(c: DomainContext, object: string): Promise<CustomField[]> {
  const key = `cf:${object}`;
  if (!c.memo.has(key)) c.memo.set(key, await c.tx.find(CustomField, { where: { object, active: true }, order: { position: 'ASC', id: 'ASC' } }));
  return c.memo.get(key) as CustomField[];
}

const PHONE = /^(\+?\d{1,3}[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{5,15})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the merged custom values; unknown keys and bad values are 400s naming `custom.<key>`. */
export async function validateCustomValues(
  c: DomainContext, object: string, input: Record<string, unknown> | undefined, existing: Record<string, unknown> | null, creating: boolean,
): Promise<Record<string, unknown> | null> {
  const defs = await customFieldsOf(c, object);
  const out: Record<string, unknown> = { ...(existing ?? {}) };
  const given = input ?? {};
  for (const k of Object.keys(given)) if (!defs.some((d) => d.key === k)) throw invalid('validation.unknown_field', `custom.${k}`);
  for (const d of defs) {
    const field = `custom.${d.key}`;
    if (!(d.key in given)) {
      if (creating && d.required) throw invalid('validation.required', field);
      continue;
    }
    const v = given[d.key];
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (d.required) throw invalid('validation.required', field);
      delete out[d.key];
      continue;
    }
    out[d.key] = await checkValue(c, d, v, field);
  }
  return Object.keys(out).length ? out : null;
}

async function checkValue(c: DomainContext, d: CustomField, v: unknown, field: string): Promise<unknown> {
  const rules = d.validation ?? {};
  switch (d.type) {
    case 'text': {
      if (typeof v !== 'string') throw invalid('validation.type_string', field);
      if (v.length > (rules.maxLength ?? 2000)) throw invalid('validation.too_long', field, { max: rules.maxLength ?? 2000 });
      if (rules.pattern && !new RegExp(rules.pattern).test(v)) throw invalid('validation.pattern', field);
      return v;
    }
    case 'number':
    case 'money': {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid('validation.type_number', field);
      if (d.type === 'money' && !Number.isInteger(v)) throw invalid('validation.integer_cents', field);
      if (rules.min !== undefined && v < rules.min) throw invalid('validation.too_small', field, { min: rules.min });
      if (rules.max !== undefined && v > rules.max) throw invalid('validation.too_big', field, { max: rules.max });
      return v;
    }
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) throw invalid('validation.date', field);
      return v;
    case 'phone':
      if (typeof v !== 'string' || !PHONE.test(v.replace(/\s/g, ''))) throw invalid('validation.phone', field);
      return v.replace(/\s/g, '');
    case 'select': {
      if (typeof v !== 'string' || !(d.options ?? []).some((o) => o.value === v)) throw invalid('validation.option', field);
      return v;
    }
    case 'multiselect': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !(d.options ?? []).some((o) => o.value === x))) throw invalid('validation.option', field);
      return [...new Set(v)];
    }
    case 'user': {
      if (typeof v !== 'number' || !(await c.tx.exists(User, { where: { id: v } }))) throw invalid('validation.user', field);
      return v;
    }
  }
  return v;
}
