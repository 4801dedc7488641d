// Which leads the lead pool-return rules apply to: owned and still being worked (not converted, not marked invalid).
import type { LeadStatus } from './lead.entity.js';

export const LEAD_POOL_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];
