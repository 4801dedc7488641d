// What a custom field definition must satisfy: key format, options for selects, validation that fits the type.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';
import { jsonField } from '../shared/sql.js';
import type { CustomField, CustomFieldType } from './custom-field.entity.js';

export const CUSTOM_FIELD_OBJECTS = ['customer', 'contact', 'lead', 'opportunity', 'activity', 'contract'] as const;
export type CustomFieldObject = (typeof CUSTOM_FIELD_OBJECTS)[number];
export const CUSTOM_FIELD_TYPES: CustomFieldType[] = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'user', 'phone'];
export const KEY_RE = /^[a-z][a-z0-9_]{0,63}$/;

export interface CustomFieldInput {
  object: CustomFieldObject;
  key: string;
  label: Record<string, string>;
  type: CustomFieldType;
  options?: { value: string; label: Record<string, string> }[] | null;
  required?: boolean;
  validation?: { min?: number; max?: number; maxLength?: number; pattern?: string } | null;
  position?: number;
}

/** Options belong to selects only; validation keys must fit the type; a pattern must compile. */
export function checkDefinition(def: Pick<CustomField, 'type' | 'options' | 'validation'>): void {
  const isSelect = def.type === 'select' || def.type === 'multiselect';
  if (isSelect) {
    const values = (def.options ?? []).map((o) => o.value);
    if (!values.length) throw invalid('custom_field.options_required', 'options');
    if (new Set(values).size !== values.length) throw invalid('validation.duplicate', 'options');
  } else if (def.options?.length) throw invalid('custom_field.options_not_allowed', 'options');
  const v = def.validation ?? {};
  const numeric = def.type === 'number' || def.type === 'money';
  if ((v.min !== undefined || v.max !== undefined) && !numeric) throw invalid('custom_field.validation_not_allowed', 'validation.min');
  if ((v.maxLength !== undefined || v.pattern !== undefined) && def.type !== 'text') throw invalid('custom_field.validation_not_allowed', 'validation.pattern');
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) throw invalid('validation.too_small', 'validation.max', { min: v.min });
  if (v.pattern !== undefined) {
    try { new RegExp(v.pattern); } catch { throw invalid('validation.pattern_syntax', 'validation.pattern'); }
  }
}

/** True when some record of `object` holds a value for `key` (then its type may no longer change). */
export async function valuesExist(c: DomainContext, object: string, key: string): Promise<boolean> {
  if (!(CUSTOM_FIELD_OBJECTS as readonly string[]).includes(object)) return false;
  // object names are table names (a fixed list above), so the identifier is safe to interpolate
  const rows = await c.tx.query(`SELECT 1 AS x FROM ${c.tx.connection.driver.escape(object)} WHERE ${jsonField('custom', key)} IS NOT NULL LIMIT 1`);
  return (rows as unknown[]).length > 0;
}
