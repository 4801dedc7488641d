// Admins adjust a custom field: label, options, required-ness, validation, position, type (while unused), or reactivate it.
import type { DomainContext } from '../shared/with-tx.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { CustomField } from './custom-field.entity.js';
import { checkDefinition, valuesExist, type CustomFieldInput } from './custom-field-rules.js';

export type CustomFieldPatch = Partial<Omit<CustomFieldInput, 'object' | 'key'>> & { active?: boolean };

/**
 * Update a custom field definition. Who: admins. Writes: the definition, audit `update`.
 * Object and key never change (values are stored under the key). A type change is refused (409) once any record holds a value.
 * Idempotent: the same patch twice leaves the same definition.
 */
export async function updateCustomField(c: DomainContext, id: number, patch: CustomFieldPatch): Promise<CustomField> {
  requireRole(c, ['admin'], 'custom_field.update');
  const field = await c.tx.findOne(CustomField, { where: { id } });
  if (!field) throw notFound('custom_field');
  for (const k of ['object', 'key'] as const) if (k in patch) throw invalid('validation.read_only', k);
  if (patch.type !== undefined && patch.type !== field.type && (await valuesExist(c, field.object, field.key))) {
    throw conflict('custom_field.type_locked', { key: field.key });
  }
  const before = { ...field };
  const next: CustomField = Object.assign(field, patch);
  checkDefinition(next);
  if (next.options && next.type !== 'select' && next.type !== 'multiselect') next.options = null;
  const saved = await c.tx.save(next);
  await audit(c, 'update', 'custom_field', id, before, saved);
  c.emit({ type: 'custom_field.updated', entity: 'custom_field', id });
  return saved;
}
