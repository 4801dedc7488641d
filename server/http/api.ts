// A thin layer over @koa/router: each route declares its zod input once, which both parses requests
// and feeds the OpenAPI document (so the two cannot drift).
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseInput } from './validate.js';
import type { ApiState } from './state.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface OperationSpec<B extends z.ZodType | undefined> {
  summary: string;
  tag: string;
  body?: B;
  /** Documented query parameters (name → description). */
  query?: Record<string, string>;
  /** Response schema name in components (documentation only; linked from the operation when one is registered). */
  response?: string;
  /** The response is a page of `response` records ({items, nextCursor}). */
  list?: boolean;
  status?: number;
  /** Public routes skip auth (login, health). */
  public?: boolean;
}

export interface Operation { method: Method; path: string; spec: OperationSpec<z.ZodType | undefined> }

export type ApiContext = Context & { state: ApiState };
export type Handler<B> = (ctx: ApiContext, body: B) => Promise<unknown>;

export class Api {
  readonly router = new Router();
  readonly publicRouter = new Router();
  readonly operations: Operation[] = [];
  readonly schemas: Record<string, z.ZodType> = {};

  constructor(readonly prefix = '/api/v1') {}

  schema(name: string, schema: z.ZodType): void {
    this.schemas[name] = schema;
  }

  route<B extends z.ZodType | undefined>(method: Method, path: string, spec: OperationSpec<B>, handler: Handler<B extends z.ZodType ? z.infer<B> : undefined>): void {
    this.operations.push({ method, path, spec });
    const target = spec.public ? this.publicRouter : this.router;
    target[method](this.prefix + path, async (ctx) => {
      const body = spec.body ? parseInput(spec.body, (ctx.request as { body?: unknown }).body) : undefined;
      const result = await handler(ctx as ApiContext, body as never);
      ctx.status = spec.status ?? (result === undefined ? 204 : 200);
      if (result !== undefined) ctx.body = result;
    });
  }
}

export const idParam = (ctx: Context): number => {
  const id = Number(ctx.params.id);
  return Number.isInteger(id) && id > 0 ? id : -1;
};
