// Admins retire a custom field: it leaves forms, lists and the API; stored values stay for history and reactivation.
import type { DomainContext } from '../shared/with-tx.js';
import { notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { CustomField } from './custom-field.entity.js';

/**
 * Deactivate a custom field. Who: admins. Writes: `active = false`, audit `deactivate`.
 * Idempotent: deactivating an inactive field does nothing.
 */
export async function deactivateCustomField(c: DomainContext, id: number): Promise<void> {
  requireRole(c, ['admin'], 'custom_field.deactivate');
  const field = await c.tx.findOne(CustomField, { where: { id } });
  if (!field) throw notFound('custom_field');
  if (!field.active) return;
  await c.tx.update(CustomField, { id }, { active: false });
  await audit(c, 'deactivate', 'custom_field', id, { active: true }, { active: false });
  c.emit({ type: 'custom_field.deactivated', entity: 'custom_field', id });
}
