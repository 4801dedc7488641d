// The generic record use cases (list, get, create, update, delete) every CRM object shares. Each object
// describes itself once in an ObjectDef (visibility, filters, sorting, its own create/update rules);
// permissions, field hiding, custom fields and audit happen here so no object can forget them.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DomainContext } from './with-tx.js';
import { audit } from '../audit/audit.js';
import { forbidden, invalid, notFound } from './domain-error.js';
import { decodeCursor, encodeCursor, PAGE_DEFAULT, PAGE_MAX, type Page } from './paging.js';
import { LIKE_ESCAPE, dbTime, jsonArrayContains, jsonField, jsonValue, likeEscape } from './sql.js';
import { hiddenFields } from './permissions.js';
import { getSetting } from '../settings/settings.js';
import { customFieldsOf, validateCustomValues } from '../custom-field/custom-values.js';

export type FieldType = 'string' | 'number' | 'time' | 'bool' | 'ref';
export interface FieldSpec {
  column: string;
  type: FieldType;
  /** For list-valued fields (multiselect): SQL true when the list holds the bound parameter; such fields filter by membership and do not sort. */
  contains?: (param: string) => string;
}

/** The created/updated stamps every object can be filtered and sorted by. */
export const STAMPS: Record<'createdAt' | 'updatedAt', FieldSpec> = {
  createdAt: { column: 'r.created_at', type: 'time' },
  updatedAt: { column: 'r.updated_at', type: 'time' },
};

export interface ObjectDef<T extends ObjectLiteral & { id: number }> {
  /** Object name in the API, audit, custom fields and field rules (e.g. `customer`). */
  name: string;
  entity: new () => T;
  /** Adds the actor's visibility predicate to a query on alias `r`. */
  scope(c: DomainContext, qb: SelectQueryBuilder<T>): Promise<void>;
  /** Whose record it is, for field rules; null for pool records. */
  ownerOf(c: DomainContext, row: T): Promise<number | null>;
  /** May the actor change (or delete) this visible record? */
  canWrite(c: DomainContext, row: T, op: 'update' | 'delete'): Promise<boolean>;
  canCreate?(c: DomainContext): boolean;
  /** Filterable fields by API name. */
  filters: Record<string, FieldSpec>;
  /** Sortable fields by API name. */
  sorts: Record<string, FieldSpec>;
  defaultSort: string;
  /** Columns searched by `q`. */
  search?: string[];
  hasCustom?: boolean;
  /** Object-specific checks and derived fields for a new record. */
  prepareCreate(c: DomainContext, input: Record<string, unknown>): Promise<Partial<T>>;
  prepareUpdate?(c: DomainContext, row: T, patch: Record<string, unknown>): Promise<Partial<T>>;
  /** Fields the generic update may never touch (use-case functions own them). */
  readOnly?: string[];
  afterCreate?(c: DomainContext, row: T): Promise<void>;
  /**
   * Read-only facts derived for the reader (e.g. a contract's customerName), for many rows at once (one query per
   * page, not per row), added to what present() answers before field rules apply; the object keeps each within what
   * the reader may know.
   */
  derive?(c: DomainContext, rows: T[]): Promise<Map<number, Record<string, unknown>>>;
  beforeDelete?(c: DomainContext, row: T): Promise<void>;
}

export interface ListQuery {
  filters?: Record<string, string>;
  q?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export type { Page } from './paging.js';

const NULL_SENTINEL: Record<FieldType, unknown> = { string: '', number: -1e15, time: '0001-01-01 00:00:00', bool: 0, ref: -1 };

function castFilterValue(c: DomainContext, spec: FieldSpec, raw: string, field: string): unknown {
  switch (spec.type) {
    case 'number':
    case 'ref': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw invalid('validation.type_number', field);
      return n;
    }
    case 'time': {
      const d = new Date(raw);
      if (Number.isNaN(d.getTime())) throw invalid('validation.date', field);
      return dbTime(c.db, d);
    }
    case 'bool':
      if (raw !== 'true' && raw !== 'false') throw invalid('validation.type_bool', field);
      return raw === 'true';
    default:
      return raw;
  }
}

const OPS: Record<string, string> = { gte: '>=', lte: '<=', gt: '>', lt: '<', ne: '<>' };

/** Custom field definitions turned into filter/sort specs on the JSON column. */
async function customSpecs(c: DomainContext, def: ObjectDef<never>): Promise<Record<string, FieldSpec>> {
  if (!def.hasCustom) return {};
  const out: Record<string, FieldSpec> = {};
  for (const f of await customFieldsOf(c, def.name)) {
    const type: FieldType = f.type === 'number' || f.type === 'money' || f.type === 'user' ? 'number' : 'string';
    out[`cf.${f.key}`] = f.type === 'multiselect'
      ? { column: jsonField('r.custom', f.key), type, contains: (p) => jsonArrayContains(c.db, 'r.custom', f.key, p) }
      : { column: jsonValue(c.db, 'r.custom', f.key, type === 'number' ? 'number' : 'string'), type };
  }
  return out;
}

function applyFilters<T extends ObjectLiteral>(c: DomainContext, qb: SelectQueryBuilder<T>, specs: Record<string, FieldSpec>, filters: Record<string, string>): void {
  let i = 0;
  for (const [rawKey, raw] of Object.entries(filters)) {
    const m = /^(.*?)(?:\.(gte|lte|gt|lt|ne))?$/.exec(rawKey)!;
    const key = m[1];
    const op = m[2];
    const spec = specs[key];
    if (!spec) throw invalid('validation.unknown_filter', rawKey);
    const p = `f${i++}`;
    if (raw === 'null' && !op) { qb.andWhere(`${spec.column} IS NULL`); continue; }
    if (raw === '!null' && !op) { qb.andWhere(`${spec.column} IS NOT NULL`); continue; }
    if (spec.contains) {
      // A list field matches when it holds any of the given values; ranges make no sense on it.
      if (op) throw invalid('validation.unknown_filter', rawKey);
      const values = raw.split(',');
      qb.andWhere(`(${values.map((_, j) => spec.contains!(`:${p}_${j}`)).join(' OR ')})`, Object.fromEntries(values.map((v, j) => [`${p}_${j}`, v])));
      continue;
    }
    if (op) {
      qb.andWhere(`${spec.column} ${OPS[op]} :${p}`, { [p]: castFilterValue(c, spec, raw, rawKey) });
    } else if (raw.includes(',')) {
      qb.andWhere(`${spec.column} IN (:...${p})`, { [p]: raw.split(',').map((v) => castFilterValue(c, spec, v, rawKey)) });
    } else {
      qb.andWhere(`${spec.column} = :${p}`, { [p]: castFilterValue(c, spec, raw, rawKey) });
    }
  }
}

/** Filtering or sorting by a field the actor may not read would reveal its values, so it is refused (403). */
async function refuseHiddenCriteria(c: DomainContext, object: string, query: ListQuery): Promise<void> {
  // Only unconditional rules: with an owner/team exception the reader may legitimately filter their own records.
  const hidden = (await getSetting(c, 'fieldRules'))
    .filter((r) => r.object === object && !r.exceptWhen && r.hiddenFor.includes(c.actor.role as never))
    .map((r) => (r.field.startsWith('custom.') ? `cf.${r.field.slice(7)}` : r.field));
  if (!hidden.length) return;
  const used = [...Object.keys(query.filters ?? {}).map((k) => k.replace(/\.(gte|lte|gt|lt|ne)$/, '')), (query.sort ?? '').replace(/^-/, '')];
  const leak = used.find((k) => hidden.includes(k));
  if (leak) throw forbidden(`${object}.${leak}`);
}

export async function listRecords<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, query: ListQuery): Promise<Page<Record<string, unknown>>> {
  const limit = Math.min(Math.max(query.limit ?? PAGE_DEFAULT, 1), PAGE_MAX);
  const qb = c.tx.createQueryBuilder(def.entity, 'r');
  await def.scope(c, qb);
  const custom = await customSpecs(c, def as unknown as ObjectDef<never>);
  await refuseHiddenCriteria(c, def.name, query);
  applyFilters(c, qb, { ...def.filters, ...custom }, query.filters ?? {});
  if (query.q && def.search?.length) {
    const like = `%${likeEscape(query.q.trim())}%`;
    qb.andWhere(`(${def.search.map((col) => `${col} LIKE :q ${LIKE_ESCAPE}`).join(' OR ')})`, { q: like });
  }
  const sortKey = query.sort ?? def.defaultSort;
  const desc = sortKey.startsWith('-');
  const sortName = sortKey.replace(/^-/, '');
  const sortSpec = def.sorts[sortName] ?? custom[sortName];
  if (!sortSpec || sortSpec.contains) throw invalid('validation.unknown_sort', 'sort');
  const sentinel = NULL_SENTINEL[sortSpec.type];
  // NOT NULL columns sort on the bare column, so the index serves ORDER BY; nullable ones fold NULL to a sentinel.
  const colName = /^r\.(\w+)$/.exec(sortSpec.column)?.[1];
  const metaCol = colName ? c.tx.connection.getMetadata(def.entity).columns.find((m) => m.databaseName === colName) : undefined;
  const expr = metaCol && !metaCol.isNullable ? sortSpec.column : `COALESCE(${sortSpec.column}, :nullSentinel)`;
  if (expr !== sortSpec.column) qb.setParameter('nullSentinel', sentinel);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    const v = sortSpec.type === 'time' && typeof value === 'string' && value !== sentinel ? dbTime(c.db, new Date(value)) : value;
    const cmp = desc ? '<' : '>';
    qb.andWhere(`(${expr} ${cmp} :cv OR (${expr} = :cv AND r.id ${cmp} :cid))`, { cv: v, cid: id });
  }
  qb.orderBy(expr, desc ? 'DESC' : 'ASC').addOrderBy('r.id', desc ? 'DESC' : 'ASC').take(limit + 1);
  const rows = await qb.getMany();
  const page = rows.slice(0, limit);
  let nextCursor: string | null = null;
  if (rows.length > limit) {
    const last = page[page.length - 1];
    nextCursor = encodeCursor([sortValueOf(last, sortName, sortSpec) ?? sentinel, last.id]);
  }
  return { items: await presentAll(c, def, page), nextCursor };
}

function sortValueOf(row: ObjectLiteral, name: string, spec: FieldSpec): unknown {
  const v = name.startsWith('cf.') ? (row.custom as Record<string, unknown> | null)?.[name.slice(3)] : row[name];
  if (v instanceof Date) return v.toISOString();
  if (spec.type === 'bool') return v ? 1 : 0;
  return v ?? null;
}

/** Finds a record the actor may see, or answers not-found (never reveals that it exists). */
export async function findVisible<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, id: number, lock = false): Promise<T> {
  if (!Number.isInteger(id) || id <= 0) throw notFound(def.name);
  const qb = c.tx.createQueryBuilder(def.entity, 'r').where('r.id = :id', { id });
  await def.scope(c, qb);
  if (lock && c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw notFound(def.name);
  return row;
}

export async function getRecord<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, id: number): Promise<Record<string, unknown>> {
  return present(c, def, await findVisible(c, def, id));
}

/** The record as any reader sees it: hidden fields are absent, not null. */
export async function present<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, row: T): Promise<Record<string, unknown>> {
  return (await presentAll(c, def, [row]))[0];
}

/** present() for many rows, with the object's derived facts read once for all of them. */
export async function presentAll<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, rows: T[]): Promise<Record<string, unknown>[]> {
  const derived = def.derive && rows.length ? await def.derive(c, rows) : undefined;
  return Promise.all(rows.map((r) => presentOne(c, def, r, derived?.get(r.id))));
}

async function presentOne<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, row: T, derived: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...row, ...derived };
  for (const f of await hiddenFields(c, def.name, await def.ownerOf(c, row))) {
    if (f.startsWith('custom.')) {
      const custom = { ...((out.custom as Record<string, unknown>) ?? {}) };
      delete custom[f.slice(7)];
      out.custom = custom;
    } else delete out[f];
  }
  if (def.hasCustom) out.custom = out.custom ?? {};
  else delete out.custom;
  return out;
}

export async function createRecord<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, input: Record<string, unknown>): Promise<T> {
  if (def.canCreate && !def.canCreate(c)) throw forbidden(`${def.name}.create`);
  const fields = await def.prepareCreate(c, input);
  const custom = def.hasCustom ? await validateCustomValues(c, def.name, input.custom as Record<string, unknown> | undefined, null, true) : undefined;
  const meta = c.tx.connection.getMetadata(def.entity);
  const stamps: Record<string, Date> = {};
  for (const k of ['createdAt', 'updatedAt']) if (meta.findColumnWithPropertyName(k)) stamps[k] = c.now;
  const entity = c.tx.create(def.entity, { ...fields, ...(def.hasCustom ? { custom } : {}), ...stamps } as never) as T;
  const saved = await c.tx.save(def.entity, entity);
  await audit(c, 'create', def.name, saved.id, null, saved);
  c.emit({ type: `${def.name}.created`, entity: def.name, id: saved.id });
  await def.afterCreate?.(c, saved);
  return saved;
}

export async function updateRecord<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, id: number, patch: Record<string, unknown>): Promise<T> {
  const row = await findVisible(c, def, id, true);
  if (!(await def.canWrite(c, row, 'update'))) throw forbidden(`${def.name}.update`);
  for (const f of def.readOnly ?? []) if (f in patch) throw invalid('validation.read_only', f);
  // A hidden field cannot be written by someone who may not read it.
  const hidden = await hiddenFields(c, def.name, await def.ownerOf(c, row));
  for (const f of hidden) if (f in patch || (f.startsWith('custom.') && f.slice(7) in ((patch.custom as object) ?? {}))) throw forbidden(`${def.name}.${f}`);
  const before = { ...row };
  const changes = def.prepareUpdate ? await def.prepareUpdate(c, row, patch) : (patch as Partial<T>);
  if (def.hasCustom && patch.custom !== undefined) {
    (changes as Record<string, unknown>).custom = await validateCustomValues(c, def.name, patch.custom as Record<string, unknown>, row.custom as Record<string, unknown> | null, false);
  }
  Object.assign(row, changes);
  if ('updatedAt' in row) (row as Record<string, unknown>).updatedAt = c.now;
  const saved = await c.tx.save(def.entity, row);
  await audit(c, 'update', def.name, saved.id, before, saved);
  c.emit({ type: `${def.name}.updated`, entity: def.name, id: saved.id, data: { before } });
  return saved;
}

export async function deleteRecord<T extends ObjectLiteral & { id: number }>(c: DomainContext, def: ObjectDef<T>, id: number): Promise<void> {
  const row = await findVisible(c, def, id, true);
  if (!(await def.canWrite(c, row, 'delete'))) throw forbidden(`${def.name}.delete`);
  await def.beforeDelete?.(c, row);
  await c.tx.delete(def.entity, { id } as never);
  await audit(c, 'delete', def.name, id, row, null);
  c.emit({ type: `${def.name}.deleted`, entity: def.name, id, data: { before: row } });
}

/** Adds `r.owner_id IN (visible)` (or nothing for admins). */
export function ownerScope(ids: 'all' | number[], qb: SelectQueryBuilder<ObjectLiteral>, column = 'r.owner_id', extra?: string): void {
  if (ids === 'all') return;
  const list = ids.length ? ids : [-1];
  qb.andWhere(extra ? `(${column} IN (:...visibleOwners) OR ${extra})` : `${column} IN (:...visibleOwners)`, { visibleOwners: list });
}
