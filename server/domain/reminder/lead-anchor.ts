// When a lead's pool-return clock starts: its last follow-up (an activity on the lead), or when its current owner got
// it (assignment or claim, both set assignedAt), or its creation — whichever is latest. The lead keeps no follow-up
// date of its own, so the last one is read from its activities (indexed by lead and time).
import type { DomainContext } from '../shared/with-tx.js';
import { Activity } from '../activity/activity.entity.js';
import type { Lead } from '../lead/lead.entity.js';
import { fromDbTime } from '../shared/sql.js';

/** The same instant in SQL over a lead aliased `alias` (the planner's filter). */
export function leadAnchorSql(alias: string): string {
  const lastFollowUp = `(SELECT MAX(a.occurred_at) FROM activity a WHERE a.lead_id = ${alias}.id)`;
  const owned = `COALESCE(${alias}.assigned_at, ${alias}.created_at)`;
  return `(CASE WHEN ${lastFollowUp} > ${owned} THEN ${lastFollowUp} ELSE ${owned} END)`;
}

/** Anchors for many leads at once (one query). */
export async function leadAnchors(c: DomainContext, leads: Lead[]): Promise<Map<number, Date>> {
  const out = new Map<number, Date>();
  if (!leads.length) return out;
  const rows = await c.tx.createQueryBuilder(Activity, 'a').select('a.lead_id', 'id').addSelect('MAX(a.occurred_at)', 'at')
    .where('a.lead_id IN (:...ids)', { ids: leads.map((x) => x.id) }).groupBy('a.lead_id').getRawMany<{ id: number; at: string | Date }>();
  const last = new Map(rows.map((r) => [Number(r.id), fromDbTime(r.at).getTime()]));
  for (const x of leads) out.set(x.id, new Date(Math.max((x.assignedAt ?? x.createdAt).getTime(), last.get(x.id) ?? 0)));
  return out;
}
