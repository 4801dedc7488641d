// Demo leads (~60): about a third in the pool (线索池), the rest with reps in every status; sources 官网/展会/转介绍/电话营销.
import type { Rng } from './prng.js';
import type { Lead, LeadStatus } from '../../domain/lead/lead.entity.js';
import { DISTRICTS, LEAD_NOTES, LEAD_SOURCES } from './demo-words.js';
import { DAY, addMs, chineseName, companyName, mobile } from './demo-util.js';

export function buildLeads(rng: Rng, opts: { now: Date; owners: number[]; taken: Set<string>; firstId: number; pool: number; owned: number }): Partial<Lead>[] {
  // Partial: columns later issues add to leads (assignment rules, …) take their defaults.
  const { now } = opts;
  const leads: Partial<Lead>[] = [];
  const statuses: [LeadStatus, number][] = [['new', 12], ['contacted', 14], ['qualified', 8], ['converted', 3], ['invalid', 3]];
  for (let i = 0; i < opts.pool + opts.owned; i++) {
    const inPool = i < opts.pool;
    const g = companyName(rng, opts.taken);
    const createdAt = addMs(now, -rng.int(0, 75) * DAY - rng.int(0, 20) * 3_600_000);
    const status: LeadStatus = inPool ? (rng.chance(0.8) ? 'new' : 'contacted') : rng.weighted(statuses);
    const assignedAt = inPool ? null : addMs(createdAt, rng.int(1, 30) * 60_000);
    leads.push({
      id: opts.firstId + i, company: g.name, normalizedCompany: g.normalized, contactName: chineseName(rng), phone: mobile(rng),
      email: rng.chance(0.3) ? `contact${opts.firstId + i}@${['163.com', 'qq.com', 'sina.com'][i % 3]}` : null,
      region: rng.pick(DISTRICTS), source: rng.pick(LEAD_SOURCES), status, note: rng.pick(LEAD_NOTES),
      ownerId: inPool ? null : rng.pick(opts.owners), assignedAt,
      firstContactAt: status === 'new' || !assignedAt ? null : addMs(assignedAt, rng.int(1, 48) * 3_600_000),
      poolEnteredAt: inPool ? addMs(createdAt, rng.chance(0.5) ? 0 : 7 * DAY) : null,
      poolReason: inPool && rng.chance(0.5) ? '超过7天未首次联系，自动回收' : null,
      convertedCustomerId: null, custom: null, createdById: null, createdAt, updatedAt: createdAt,
    });
  }
  for (const l of leads) {
    if (l.firstContactAt && l.firstContactAt > now) l.firstContactAt = now;
    if (l.poolEnteredAt && l.poolEnteredAt > now) l.poolEnteredAt = now;
  }
  return leads;
}
