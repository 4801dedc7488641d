// Demo customers (~215: named ones the chat examples use, generated Chongqing companies, English ones) and their contacts.
import type { Rng } from './prng.js';
import type { Customer, CustomerLevel } from '../../domain/customer/customer.entity.js';
import type { Contact } from '../../domain/customer/contact.entity.js';
import { normalizeCompanyName } from '../../domain/shared/normalize-name.js';
import { DISTRICTS, EN_TITLES, ENGLISH_CUSTOMERS, FIXED_CUSTOMERS, STREETS, TITLES } from './demo-words.js';
import { DAY, addMs, chineseName, companyName, englishName, mobile } from './demo-util.js';

export type DemoCustomer = Omit<Customer, 'custom'> & { custom: null; english: boolean };

export interface CustomerPlan { now: Date; owners: number[]; firstId: number; firstContactId: number; generated: number; pool: number; byUsername: Map<string, number> }

const level = (rng: Rng): CustomerLevel => rng.weighted([['A', 2], ['B', 3.5], ['C', 4.5]] as const);

export function buildCustomers(rng: Rng, plan: CustomerPlan): { customers: DemoCustomer[]; contacts: Contact[]; taken: Set<string> } {
  const { now } = plan;
  const taken = new Set<string>();
  const customers: DemoCustomer[] = [];
  const add = (c: Omit<DemoCustomer, 'id' | 'normalizedName' | 'custom' | 'failedFollowUps' | 'createdById' | 'createdAt' | 'updatedAt' | 'poolEnteredAt' | 'poolReason' | 'lastFollowUpAt' | 'address'> & { normalizedName?: string }) => {
    const createdAt = addMs(now, -rng.int(30, 420) * DAY - rng.int(0, 8 * 3600) * 1000);
    const normalizedName = c.normalizedName ?? normalizeCompanyName(c.name);
    taken.add(normalizedName);
    const region = c.region ?? rng.pick(DISTRICTS);
    customers.push({
      ...c, id: plan.firstId + customers.length, normalizedName, custom: null, failedFollowUps: 0,
      address: `重庆市${region}${rng.pick(STREETS[region] ?? ['工业园'])}${rng.int(1, 388)}号`,
      createdById: c.ownerId, createdAt, updatedAt: createdAt, poolEnteredAt: null, poolReason: null, lastFollowUpAt: null,
    });
  };
  for (const f of FIXED_CUSTOMERS) {
    add({ name: f.name, aliases: f.aliases, level: f.level, industry: f.industry, region: f.region, source: '转介绍', ownerId: plan.byUsername.get(f.owner)!, english: false });
  }
  for (let i = 0; i < plan.generated; i++) {
    const g = companyName(rng, taken);
    add({ name: g.name, normalizedName: g.normalized, aliases: null, level: level(rng), industry: g.industry.key, region: rng.pick(DISTRICTS),
      source: rng.pick(['官网', '展会', '转介绍', '电话营销', '老客户']), ownerId: rng.pick(plan.owners), english: false });
  }
  for (const e of ENGLISH_CUSTOMERS) {
    add({ name: e.name, aliases: null, level: level(rng), industry: e.industry, region: rng.pick(['渝北区', '两江新区', '渝中区', '江北区']),
      source: rng.pick(['官网', '展会']), ownerId: rng.chance(0.5) ? plan.byUsername.get('rep.emily')! : rng.pick(plan.owners), english: true });
  }
  // Some generated customers went back to the public pool (公海) after going quiet.
  const generated = customers.slice(FIXED_CUSTOMERS.length, FIXED_CUSTOMERS.length + plan.generated);
  for (const c of rng.shuffle([...generated]).slice(0, plan.pool)) {
    c.ownerId = null;
    c.level = 'C';
    c.poolEnteredAt = addMs(now, -rng.int(1, 60) * DAY);
    c.poolReason = rng.pick(['超过30天未跟进，自动退回公海', '客户暂无需求', '联系方式失效']);
    c.updatedAt = c.poolEnteredAt;
  }
  const contacts: Contact[] = [];
  for (const c of customers) {
    const n = c.level === 'A' ? rng.int(2, 3) : rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const en = c.english && rng.chance(0.6);
      const name = en ? englishName(rng) : chineseName(rng);
      contacts.push({
        id: plan.firstContactId + contacts.length, customerId: c.id, name,
        title: en ? rng.pick(EN_TITLES) : rng.pick(TITLES), phone: mobile(rng),
        email: en ? `${name.toLowerCase().replace(' ', '.')}@${c.normalizedName.slice(0, 12)}.com` : null,
        wechat: !en && rng.chance(0.6) ? `wxid_${Math.floor(rng.next() * 1e10).toString(36)}` : null,
        isPrimary: k === 0, custom: null, createdAt: c.createdAt, updatedAt: c.createdAt,
      });
    }
  }
  return { customers, contacts, taken };
}
