// 跟进记录: log (idempotent), list, get, edit, delete.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { LIST_QUERY_DOC, toListQuery } from '../resource.js';
import { getRecord, listRecords, present } from '../../domain/shared/records.js';
import { activityObject } from '../../domain/activity/activity.object.js';
import { logFollowUp } from '../../domain/activity/log-follow-up.js';
import { deleteFollowUp } from '../../domain/activity/delete-follow-up.js';
import { editFollowUp } from '../../domain/activity/edit-follow-up.js';
import { ActivityUpdate, LogFollowUp, TeamFollowUpsQuery } from '../schemas/activity.js';
import { pageQueryDoc } from '../schemas/common.js';
import { parseInput } from '../validate.js';
import { teamFollowUps } from '../../domain/activity/team-follow-ups.js';
import { invalid } from '../../domain/shared/domain-error.js';

export function activityRoutes(api: Api): void {
  const tag = 'activities';
  api.schema('activity.create', LogFollowUp);
  api.schema('activity.update', ActivityUpdate);
  api.route('get', '/activities', { summary: 'List follow-ups', tag, query: LIST_QUERY_DOC, response: 'activity' },
    (ctx) => ctx.state.run((c) => listRecords(c, activityObject, toListQuery(ctx.query))));
  // Before /activities/:id, which would take "team" for an id. The chat's "我们这周的跟进", by person.
  api.route('get', '/activities/team', {
    summary: 'Follow-ups logged in a period by the people you may see, by person, the most first (then by name), each with their newest: a manager\'s team with its sub-teams (scope team), an admin\'s everyone (all), anyone else their own (mine); total, authors and idle (the team\'s reps and managers who logged none) cover everyone, people come a page at a time', tag,
    query: { period: 'recent (the last 7 days) | day | week (default) | month, in the company calendar', offset: '0 = the current period (default), -1 the one before (down to -12)', perPerson: 'newest follow-ups listed per person, 1–20 (default 5); count counts them all', ...pageQueryDoc(50) },
  }, (ctx) => {
    const q = parseInput(TeamFollowUpsQuery, ctx.query);
    return ctx.state.read((c) => teamFollowUps(c, { period: q.period, offset: q.offset }, { perPerson: q.perPerson, people: q.limit, cursor: q.cursor }));
  });
  api.route('get', '/activities/:id', { summary: 'Get one follow-up', tag, response: 'activity' },
    (ctx) => ctx.state.run((c) => getRecord(c, activityObject, idParam(ctx))));
  api.route('post', '/activities', { summary: 'Log a follow-up (idempotent by Idempotency-Key header or idempotencyKey)', tag, body: LogFollowUp, status: 201, response: 'activity' },
    async (ctx, body) => {
      const header = ctx.get('idempotency-key').trim() || undefined;
      if (header && header.length > 64) throw invalid('validation.too_long', 'Idempotency-Key', { max: 64 });
      if (header && body.idempotencyKey && header !== body.idempotencyKey) throw invalid('activity.idempotency_key_mismatch', 'idempotencyKey');
      // A replay answers exactly like the first request (201 and the same follow-up), flagged `duplicate: true`.
      return ctx.state.run((c) => logFollowUp(c, { ...body, type: body.type as never, outcome: body.outcome as never, idempotencyKey: body.idempotencyKey ?? header }));
    });
  api.route('patch', '/activities/:id', { summary: "Edit a follow-up (author, their managers, admins); a new occurredAt (not in the future) moves its customer's last follow-up or its lead's first contact with it", tag, body: ActivityUpdate, response: 'activity' },
    (ctx, body) => ctx.state.run(async (c) => present(c, activityObject, await editFollowUp(c, idParam(ctx), body as Record<string, unknown>))));
  api.route('delete', '/activities/:id', { summary: 'Delete a follow-up (author, their managers, admins); its customer or lead is left as if it had never been logged', tag },
    (ctx) => ctx.state.run((c) => deleteFollowUp(c, idParam(ctx))));
}
