// GET /api/v1/openapi.json: built from the routes' own zod schemas, plus the admin's custom fields.
import { z } from 'zod';
import type { Api } from './api.js';
import type { Db } from '../domain/shared/db.js';
import { CustomField } from '../domain/custom-field/custom-field.entity.js';

const CF_SCHEMA: Record<string, object> = {
  text: { type: 'string' }, number: { type: 'number' }, money: { type: 'integer', description: 'cents' },
  date: { type: 'string', format: 'date' }, select: { type: 'string' }, multiselect: { type: 'array', items: { type: 'string' } },
  user: { type: 'integer', description: 'user id' }, phone: { type: 'string' },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export async function buildOpenApi(api: Api, db: Db): Promise<Record<string, unknown>> {
  const fields = await db.ds.getRepository(CustomField).find({ where: { active: true }, order: { position: 'ASC' } });
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(api.schemas)) {
    const js = jsonSchema(schema);
    delete js.$schema;
    const object = name.split('.')[0];
    const custom = fields.filter((f) => f.object === object);
    if (custom.length && (js.properties as Record<string, unknown>)?.custom) {
      (js.properties as Record<string, unknown>).custom = {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(custom.map((f) => [f.key, {
          ...CF_SCHEMA[f.type], title: f.label?.['en-US'] ?? f.key, description: f.label?.['zh-CN'],
          ...(f.options ? { enum: f.options.map((o) => o.value) } : {}),
        }])),
        required: name.endsWith('.create') ? custom.filter((f) => f.required).map((f) => f.key) : [],
      };
    }
    schemas[name] = js;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of api.operations) {
    const path = (api.prefix + op.path).replace(/:(\w+)/g, '{$1}');
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: m[1] === 'id' || m[1].endsWith('Id') ? 'integer' : 'string' } }));
    for (const [name, description] of Object.entries(op.spec.query ?? {})) params.push({ name, in: 'query', required: false, description, schema: { type: 'string' } } as never);
    const bodyName = Object.entries(api.schemas).find(([, s]) => s === op.spec.body)?.[0];
    // The answer's shape, where the resource registered one (e.g. `contract`): one record, or a page of them.
    const record = op.spec.response && api.schemas[op.spec.response] ? { $ref: `#/components/schemas/${op.spec.response}` } : undefined;
    const answer = record && (op.spec.list
      ? { type: 'object', properties: { items: { type: 'array', items: record }, nextCursor: { type: ['string', 'null'], description: 'pass as cursor for the next page' } }, required: ['items', 'nextCursor'] }
      : record);
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.spec.summary,
      tags: [op.spec.tag],
      parameters: params,
      ...(op.spec.public ? { security: [] } : {}),
      ...(op.spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodyName ? { $ref: `#/components/schemas/${bodyName}` } : jsonSchema(op.spec.body) } } } } : {}),
      responses: {
        [String(op.spec.status ?? 200)]: { description: 'OK', ...(answer ? { content: { 'application/json': { schema: answer } } } : {}) },
        400: { $ref: '#/components/responses/Error' }, 401: { $ref: '#/components/responses/Error' },
        403: { $ref: '#/components/responses/Error' }, 404: { $ref: '#/components/responses/Error' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'chatcrm API', version: '1', description: 'The CRM domain behind the chat bot, cards and mini-program. Money is integer cents; times are ISO 8601 UTC.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'session token (s_…) or API key (ck_…)' } },
      schemas: {
        ...schemas,
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, action: { type: 'string', description: 'forbidden: the action refused, e.g. contract.withdraw' } }, required: ['code', 'message'] } } },
      },
      responses: { Error: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}
