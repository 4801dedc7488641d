// The custom fields of each object: the mini-program renders its forms from this list.
import type { FindOptionsWhere } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { CustomField } from './custom-field.entity.js';

/**
 * Active fields (admins may ask for inactive ones too), in form order, with the label in the reader's language.
 * Who: anyone signed in. Reads only.
 */
export async function listCustomFields(c: DomainContext, query: { object?: string; includeInactive?: boolean }): Promise<{ items: (CustomField & { displayLabel: string })[] }> {
  const where: FindOptionsWhere<CustomField> = {};
  if (query.object) where.object = query.object;
  if (!(query.includeInactive && c.actor.role === 'admin')) where.active = true;
  const rows = await c.tx.find(CustomField, { where, order: { object: 'ASC', position: 'ASC', id: 'ASC' } });
  return { items: rows.map((f) => ({ ...f, displayLabel: f.label?.[c.actor.locale] ?? f.label?.['zh-CN'] ?? f.key })) };
}
