// Admins add an extra field to an object: our users' own vocabulary without code.
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError, invalid } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { CustomField } from './custom-field.entity.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import { CUSTOM_FIELD_OBJECTS, KEY_RE, checkDefinition, type CustomFieldInput } from './custom-field-rules.js';

/**
 * Define a custom field. Who: admins. Writes: the definition, audit `create` on `custom_field`.
 * Not idempotent: a key is unique per object (also among deactivated fields), so a second call answers 409.
 */
export async function defineCustomField(c: DomainContext, input: CustomFieldInput): Promise<CustomField> {
  requireRole(c, ['admin'], 'custom_field.create');
  if (!(CUSTOM_FIELD_OBJECTS as readonly string[]).includes(input.object)) throw invalid('validation.option', 'object');
  if (!KEY_RE.test(input.key)) throw invalid('validation.key', 'key');
  checkDefinition({ type: input.type, options: input.options ?? null, validation: input.validation ?? null });
  const duplicate = () => new DomainError('conflict', 'custom_field.duplicate_key', { key: input.key, field: 'key' }, 'key');
  if (await c.tx.exists(CustomField, { where: { object: input.object, key: input.key } })) throw duplicate();
  const last = await c.tx.createQueryBuilder(CustomField, 'f').select('MAX(f.position)', 'max').where('f.object = :o', { o: input.object }).getRawOne<{ max: number | null }>();
  let field: CustomField;
  try {
    field = await c.tx.save(c.tx.create(CustomField, {
      object: input.object, key: input.key, label: input.label, type: input.type, options: input.options ?? null,
      required: input.required ?? false, validation: input.validation ?? null,
      position: input.position ?? (last?.max == null ? 0 : Number(last.max) + 1), active: true, createdAt: c.now,
    }));
  } catch (e) {
    // two admins defining the same key at once: the unique index on (object, key) decides
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
  await audit(c, 'create', 'custom_field', field.id, null, field);
  c.emit({ type: 'custom_field.created', entity: 'custom_field', id: field.id });
  return field;
}
