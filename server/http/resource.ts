// List, get, create, update, delete for one CRM object, wired to the generic record use cases.
import type { ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import type { Api } from './api.js';
import { parseInput } from './validate.js';
import { pageQuery } from './schemas/common.js';
import { idParam } from './api.js';
import { createRecord, deleteRecord, getRecord, listRecords, present, updateRecord, type ObjectDef } from '../domain/shared/records.js';
import type { DomainContext } from '../domain/shared/with-tx.js';

export const LIST_QUERY_DOC = {
  q: 'full-text search',
  sort: 'field to sort by; prefix with - for descending',
  cursor: 'nextCursor from the previous page',
  limit: 'page size, 1–100 (default 20)',
  '<field>': 'filter: field=value, field=a,b (any of), field.gte= / .lte= / .gt= / .lt= / .ne=, field=null; custom fields as cf.<key>',
};

// A page size outside 1–100, or not a number, is a 400 naming `limit` (as on the other lists), not quietly clamped.
const Limit = z.object({ limit: pageQuery().limit });

/** Splits a query string into paging options and filters. */
export function toListQuery(query: Record<string, string | string[] | undefined>) {
  const filters: Record<string, string> = {};
  let q: string | undefined, sort: string | undefined, cursor: string | undefined, limit: number | undefined;
  for (const [k, raw] of Object.entries(query)) {
    const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (v === undefined) continue;
    if (k === 'q') q = v;
    else if (k === 'sort') sort = v;
    else if (k === 'cursor') cursor = v;
    else if (k === 'limit') limit = parseInput(Limit, { limit: v }).limit;
    else if (k !== 'lang') filters[k] = v;
  }
  return { filters, q, sort, cursor, limit };
}

export interface ResourceSpec<T extends ObjectLiteral & { id: number }> {
  path: string;
  tag: string;
  def: ObjectDef<T>;
  create: z.ZodObject;
  update: z.ZodObject;
  /** Omit delete for objects that are never deleted (e.g. contracts after submission). */
  noDelete?: boolean;
  /** PATCH through the object's own use cases (e.g. a task's status goes through complete/cancel); default updateRecord. */
  patch?: (c: DomainContext, id: number, body: Record<string, unknown>) => Promise<Record<string, unknown>>;
}

export function resource<T extends ObjectLiteral & { id: number }>(api: Api, s: ResourceSpec<T>): void {
  const name = s.def.name;
  api.schema(`${name}.create`, s.create);
  api.schema(`${name}.update`, s.update);
  api.route('get', s.path, { summary: `List ${name} records`, tag: s.tag, query: LIST_QUERY_DOC, response: name, list: true },
    (ctx) => ctx.state.run((c) => listRecords(c, s.def, toListQuery(ctx.query))));
  api.route('get', `${s.path}/:id`, { summary: `Get one ${name}`, tag: s.tag, response: name },
    (ctx) => ctx.state.run((c) => getRecord(c, s.def, idParam(ctx))));
  api.route('post', s.path, { summary: `Create a ${name}`, tag: s.tag, body: s.create, status: 201, response: name },
    (ctx, body) => ctx.state.run(async (c) => present(c, s.def, await createRecord(c, s.def, body as Record<string, unknown>))));
  api.route('patch', `${s.path}/:id`, { summary: `Update a ${name}`, tag: s.tag, body: s.update, response: name },
    (ctx, body) => ctx.state.run(async (c) => (s.patch
      ? s.patch(c, idParam(ctx), body as Record<string, unknown>)
      : present(c, s.def, await updateRecord(c, s.def, idParam(ctx), body as Record<string, unknown>)))));
  if (!s.noDelete) {
    api.route('delete', `${s.path}/:id`, { summary: `Delete a ${name}`, tag: s.tag },
      (ctx) => ctx.state.run((c) => deleteRecord(c, s.def, idParam(ctx))));
  }
}
