// Boards for the mini-program (GET /leaderboard, GET /funnel), group chat bindings and scheduled group boards
// (admin), the rollup rebuild (admin), and the automation rules (admin GET/PUT /automations).
import { z } from 'zod';
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { invalid } from '../../domain/shared/domain-error.js';
import { leaderboard } from '../../domain/leaderboard/leaderboard.js';
import { funnel } from '../../domain/leaderboard/funnel.js';
import { METRICS, type Metric } from '../../domain/leaderboard/contributions.js';
import { PERIODS, type Period } from '../../domain/leaderboard/period.js';
import { bindChat, listChatBindings, unbindChat } from '../../domain/leaderboard/chat-bindings.js';
import { createBoardPush, deleteBoardPush, listBoardPushes, updateBoardPush } from '../../domain/leaderboard/board-pushes.js';
import { rebuildRollups } from '../../domain/leaderboard/rebuild-rollups.js';
import { getAutomations, putAutomations } from '../../domain/automation/automation-store.js';

// The mini-program says wonAmount / followUps; the chat and the domain say won_amount / followups.
const METRIC_ALIASES: Record<string, Metric> = { wonAmount: 'won_amount', payments: 'payments', newCustomers: 'new_customers', followUps: 'followups' };

function query(ctx: { query: Record<string, unknown> }, name: string): string | undefined {
  const v = ctx.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function optionalId(raw: string | undefined, field: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw invalid('validation.type_number', field);
  return n;
}

const Binding = z.strictObject({ platform: z.enum(['wecom', 'dingtalk', 'emulator']), chatId: z.string().min(1).max(128), teamId: z.number().int().positive(), tenant: z.string().max(128).optional(), name: z.string().max(128).optional() });
const Push = z.strictObject({
  bindingId: z.number().int().positive(), board: z.enum(['leaderboard', 'funnel']), metric: z.enum(['won_amount', 'payments', 'new_customers', 'followups']).optional(),
  period: z.enum(PERIODS).optional(), periodOffset: z.number().int().min(-1).max(0).optional(),
  schedule: z.string().max(32), active: z.boolean().optional(),
});
const PushPatch = Push.pick({ metric: true, period: true, periodOffset: true, schedule: true, active: true }).partial();
const Automations = z.strictObject({ rules: z.array(z.record(z.string(), z.unknown())).max(200), description: z.string().max(500).optional(), expectedVersion: z.number().int().min(0).optional() });

export function leaderboardRoutes(api: Api): void {
  api.route('get', '/leaderboard', {
    summary: 'Leaderboard of a team (default: mine) for a period, from the rollups', tag: 'leaderboard',
    query: { metric: 'won_amount | payments | new_customers | followups (or wonAmount, newCustomers, followUps)', period: 'day | week | month | quarter | year (default month)', offset: '0 or -1 (previous period)', teamId: 'team (with sub-teams)' },
  }, (ctx) => ctx.state.read(async (c) => {
    const m = query(ctx, 'metric') ?? 'won_amount';
    const metric = METRIC_ALIASES[m] ?? (METRICS.includes(m as Metric) ? (m as Metric) : undefined);
    if (!metric) throw invalid('validation.option', 'metric');
    const period = (query(ctx, 'period') ?? 'month') as Period;
    if (!PERIODS.includes(period)) throw invalid('validation.option', 'period');
    const offset = Number(query(ctx, 'offset') ?? 0);
    if (offset !== 0 && offset !== -1) throw invalid('validation.option', 'offset');
    const board = await leaderboard(c, { metric, period, offset, teamId: optionalId(query(ctx, 'teamId'), 'teamId') });
    return { ...board, items: board.rows.map((r) => ({ ...r, ...(board.amountsHidden ? { value: undefined } : {}) })) };
  }));
  api.route('get', '/funnel', {
    summary: 'Sales funnel (count, amount, conversion per stage), forecast by close month and region breakdown', tag: 'leaderboard',
    query: { teamId: 'team (with sub-teams); default: the opportunities I may see' },
  }, (ctx) => ctx.state.read(async (c) => {
    const f = await funnel(c, { teamId: optionalId(query(ctx, 'teamId'), 'teamId') });
    return { ...f, stages: f.stages.map((s) => ({ ...s, stage: s.key, label: s.label[c.actor.locale] ?? s.key })) };
  }));
  api.route('post', '/leaderboard/rebuild', { summary: 'Recompute the leaderboard rollups from the records (admin)', tag: 'leaderboard' },
    (ctx) => ctx.state.run((c) => rebuildRollups(c)));

  api.route('get', '/chat-bindings', { summary: 'Group chats bound to teams (admin)', tag: 'leaderboard' },
    (ctx) => ctx.state.run(async (c) => ({ items: await listChatBindings(c) })));
  api.route('post', '/chat-bindings', { summary: 'Bind a group chat to a team (admin)', tag: 'leaderboard', body: Binding, status: 201 },
    (ctx, body) => ctx.state.run((c) => bindChat(c, body)));
  api.route('delete', '/chat-bindings/:id', { summary: 'Unbind a group chat and drop its scheduled boards (admin)', tag: 'leaderboard' },
    (ctx) => ctx.state.run((c) => unbindChat(c, idParam(ctx))));
  api.route('get', '/board-pushes', { summary: 'Scheduled group boards (admin)', tag: 'leaderboard' },
    (ctx) => ctx.state.run(async (c) => ({ items: await listBoardPushes(c) })));
  api.route('post', '/board-pushes', {
    summary: 'Schedule a board for a bound group (admin): schedule daily@HH:MM, weekly:<1-7>@HH:MM, monthly:<1-28|last>@HH:MM, quarterly:<1-28|last>@HH:MM or yearly:<MM>-<1-28|last>@HH:MM', tag: 'leaderboard', body: Push, status: 201,
  }, (ctx, body) => ctx.state.run((c) => createBoardPush(c, body)));
  api.route('patch', '/board-pushes/:id', {
    summary: 'Change a scheduled group board (admin): its schedule, metric, period, or pause it (active: false)', tag: 'leaderboard', body: PushPatch,
  }, (ctx, body) => ctx.state.run((c) => updateBoardPush(c, idParam(ctx), body)));
  api.route('delete', '/board-pushes/:id', { summary: 'Remove a scheduled group board (admin)', tag: 'leaderboard' },
    (ctx) => ctx.state.run((c) => deleteBoardPush(c, idParam(ctx))));

  api.route('get', '/automations', { summary: 'Automation rules in force, with their version (admin)', tag: 'automations' },
    (ctx) => ctx.state.run((c) => getAutomations(c)));
  api.route('put', '/automations', { summary: 'Replace the automation rules (admin; validated, loops refused, version + 1)', tag: 'automations', body: Automations },
    (ctx, body) => ctx.state.run((c) => putAutomations(c, body)));
}
