// Demo leads (~60): about a third in the pool (线索池), the rest with reps in every status; sources 官网/展会/转介绍/电话营销.
import type { Rng } from './prng.js';
import type { Lead, LeadStatus } from '../../domain/lead/lead.entity.js';
import type { Activity } from '../../domain/activity/activity.entity.js';
import { DISTRICTS, LEAD_NOTES, LEAD_SOURCES } from './demo-words.js';
import { DAY, HOUR, addMs, chineseName, companyName, mobile } from './demo-util.js';
import type { DemoCustomer } from './demo-customers.js';

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

/** Converted leads point at a customer of the same owner, and carry its name. */
export function linkConversions(rng: Rng, leads: Partial<Lead>[], customers: DemoCustomer[]): void {
  for (const l of leads.filter((x) => x.status === 'converted')) {
    const c = rng.pick(customers.filter((x) => x.ownerId === l.ownerId));
    if (!c) continue;
    Object.assign(l, { company: c.name, normalizedCompany: c.normalizedName, region: c.region, convertedCustomerId: c.id });
  }
}

/** Worked leads have a follow-up or two; the first one is their first contact. */
export function leadFollowUps(rng: Rng, leads: Partial<Lead>[], now: Date, firstId: number): Activity[] {
  const out: Activity[] = [];
  for (const l of leads) {
    if (!l.firstContactAt || !l.ownerId) continue;
    for (let k = 0, n = rng.int(1, 2); k < n; k++) {
      const at = k === 0 ? l.firstContactAt : new Date(Math.min(now.getTime() - HOUR, l.firstContactAt.getTime() + rng.int(1, 10) * DAY));
      out.push({
        id: firstId + out.length, type: k === 0 ? 'call' : rng.pick(['wechat', 'visit'] as const),
        content: k === 0 ? `首次电话联系${l.contactName}，介绍了产品，对方${rng.pick(['有兴趣，约了演示', '让先发资料', '说下个月再谈'])}。`
          : `和${l.contactName}${rng.pick(['微信沟通了报价范围', '见面聊了需求细节'])}。`,
        occurredAt: at, customerId: null, leadId: l.id!, opportunityId: null, authorId: l.ownerId, outcome: 'reached', channel: 'bot', nextStep: null,
        taskId: null, idempotencyKey: null, custom: null, createdAt: at,
      });
    }
  }
  return out;
}
