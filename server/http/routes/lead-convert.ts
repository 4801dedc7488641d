import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { convertLead } from '../../domain/lead/convert-lead.js';
import { ConvertLead } from '../schemas/lead-convert.js';

export function leadConvertRoutes(api: Api): void {
  api.route('post', '/leads/:id/convert', { summary: 'Convert a lead into a customer (or an existing one) with a contact and optional opportunity', tag: 'leads', body: ConvertLead },
    (ctx, body) => ctx.state.run((c) => convertLead(c, idParam(ctx), body)));
}
