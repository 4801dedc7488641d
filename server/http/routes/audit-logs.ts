// /audit-logs: who did what to which record, from which channel (admins only).
import { z } from 'zod';
import type { Api } from '../api.js';
import { parseInput } from '../validate.js';
import { listAuditLogs } from '../../domain/audit/list-audit-logs.js';
import { forbidden } from '../../domain/shared/domain-error.js';

const Query = z.object({
  entityType: z.string().max(32).optional(),
  entityId: z.coerce.number().int().positive().optional(),
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().max(32).optional(),
  channel: z.enum(['api', 'bot', 'card', 'miniapp', 'system']).optional(),
  from: z.iso.datetime({ offset: true, error: 'validation.date' }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true, error: 'validation.date' }).transform((s) => new Date(s)).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().optional(),
});

export function auditLogRoutes(api: Api): void {
  api.route('get', '/audit-logs', {
    summary: 'Audit log, newest first (admin)', tag: 'audit',
    query: { entityType: 'customer, lead, …', entityId: 'record id', actorId: 'user id', action: 'create, update, assign, …', channel: 'api, bot, card, miniapp, system', from: 'ISO time (inclusive)', to: 'ISO time (exclusive)', cursor: 'nextCursor from the previous page', limit: '1–200 (default 50)' },
  }, (ctx) => {
    // Check the role before parsing, so a non-admin learns nothing from validation messages.
    if (ctx.state.actor.role !== 'admin') throw forbidden('audit_log.list');
    const q = parseInput(Query, ctx.query);
    return ctx.state.run((c) => listAuditLogs(c, q));
  });
}
