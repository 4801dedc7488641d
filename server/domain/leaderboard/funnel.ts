// 销售漏斗: open opportunities per configured stage (count and amount), conversion to the next stage, and the
// forecast (open amount weighted by stage probability), over the opportunities the reader may see.
import type { DomainContext } from '../shared/with-tx.js';
import { Opportunity } from '../opportunity/opportunity.entity.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { hiddenFields } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';

export interface FunnelStage { key: string; label: Record<string, string>; count: number; amountCents: number; probability: number }
export interface Funnel { stages: FunnelStage[]; forecastCents: number; amountsHidden: boolean }

export async function funnel(c: DomainContext): Promise<Funnel> {
  const stages = await getSetting(c, 'stages');
  const qb = c.tx.createQueryBuilder(Opportunity, 'r').select('r.stage', 'stage').addSelect('COUNT(*)', 'n').addSelect('SUM(r.amount_cents)', 'amount')
    .where("r.status = 'open'");
  await opportunityObject.scope(c, qb);
  const rows: { stage: string; n: string | number; amount: string | number | null }[] = await qb.groupBy('r.stage').getRawMany();
  const by = new Map(rows.map((r) => [r.stage, { n: Number(r.n), amount: Number(r.amount ?? 0) }]));
  const amountsHidden = (await hiddenFields(c, 'opportunity', null)).includes('amountCents');
  const out = stages.map((s) => ({ key: s.key, label: s.label, probability: s.probability, count: by.get(s.key)?.n ?? 0, amountCents: amountsHidden ? 0 : by.get(s.key)?.amount ?? 0 }));
  const forecastCents = amountsHidden ? 0 : Math.round(out.reduce((sum, s) => sum + (s.amountCents * s.probability) / 100, 0));
  return { stages: out, forecastCents, amountsHidden };
}
