// POST /leads/:id/assign: a manager or admin assigns a lead by hand, or runs the assignment rules on a pool lead.
import { z } from 'zod';
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { ref } from '../schemas/common.js';
import { assignLead } from '../../domain/lead/assign-lead.js';

const Assign = z.strictObject({ userId: ref.optional() });

export function leadAssignmentRoutes(api: Api): void {
  api.route('post', '/leads/:id/assign', {
    summary: 'Assign a lead to userId, or (without userId) by the lead assignment rules (manager/admin)', tag: 'leads', body: Assign,
  }, (ctx, body) => ctx.state.run((c) => assignLead(c, idParam(ctx), body)));
}
