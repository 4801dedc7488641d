// The objects that can sit in the public pool (公海): customers and leads.
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';

export type PoolObject = 'customer' | 'lead';
export const POOL_ENTITIES = { customer: Customer, lead: Lead } as const;
