// 商机 and their stages.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { resource } from '../resource.js';
import { opportunityObject } from '../../domain/opportunity/opportunity.object.js';
import { moveStage } from '../../domain/opportunity/move-stage.js';
import { listStages } from '../../domain/opportunity/list-stages.js';
import { MoveStage, OpportunityCreate, OpportunityUpdate } from '../schemas/opportunity.js';

export function opportunityRoutes(api: Api): void {
  resource(api, { path: '/opportunities', tag: 'opportunities', def: opportunityObject, create: OpportunityCreate, update: OpportunityUpdate });
  api.route('post', '/opportunities/:id/stage', { summary: 'Move an opportunity to a stage, or close it as won / lost', tag: 'opportunities', body: MoveStage, response: 'opportunity' },
    (ctx, body) => ctx.state.run((c) => moveStage(c, idParam(ctx), body)));
  api.route('get', '/stages', { summary: 'The configured opportunity stages, labelled in the caller\'s language', tag: 'opportunities' },
    (ctx) => ctx.state.run((c) => listStages(c)));
}
