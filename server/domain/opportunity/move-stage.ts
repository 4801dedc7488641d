// 推进阶段: move an opportunity along the configured stages, or close it as won / lost.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { opportunityObject } from './opportunity.object.js';
import { Opportunity } from './opportunity.entity.js';
import { StageHistory } from './stage-history.entity.js';
import { assertStageRequirements, stageOrThrow } from './stages.js';

export interface MoveStageInput { stage: string; lostReason?: string }

/**
 * Move an opportunity to a configured stage, or to `won` / `lost` (lost needs a reason).
 * Who: whoever may update the opportunity (owner, manager chain, admin). Writes: stage, probability, status,
 * closedAt, one stage_history row, audit `stage_change`. Idempotent: moving to the current stage changes nothing.
 */
export async function moveStage(c: DomainContext, id: number, input: MoveStageInput): Promise<Record<string, unknown>> {
  const row = await findVisible(c, opportunityObject, id, true);
  if (!(await opportunityObject.canWrite(c, row, 'update'))) throw forbidden('opportunity.stage');
  if (row.stage === input.stage) return present(c, opportunityObject, row);
  if (row.status !== 'open') throw conflict('opportunity.closed', { status: row.status });
  const before = { stage: row.stage, status: row.status, probability: row.probability, closedAt: row.closedAt, lostReason: row.lostReason };
  const changes: Partial<Opportunity> = { stage: input.stage, stageChangedAt: c.now, updatedAt: c.now };
  if (input.stage === 'won') {
    Object.assign(changes, { status: 'won', closedAt: c.now, probability: 100 });
  } else if (input.stage === 'lost') {
    const reason = input.lostReason?.trim();
    if (!reason) throw invalid('validation.required', 'lostReason');
    Object.assign(changes, { status: 'lost', closedAt: c.now, probability: 0, lostReason: reason });
  } else {
    const stage = await stageOrThrow(c, input.stage);
    assertStageRequirements(c, stage, row as unknown as Record<string, unknown>);
    changes.probability = stage.probability;
  }
  await c.tx.update(Opportunity, { id }, changes as never);
  await c.tx.insert(StageHistory, { opportunityId: id, fromStage: row.stage, toStage: input.stage, amountCents: row.amountCents, changedById: c.actor.userId, changedAt: c.now });
  const after = { ...before, ...changes };
  delete (after as Record<string, unknown>).updatedAt;
  delete (after as Record<string, unknown>).stageChangedAt;
  await audit(c, 'stage_change', 'opportunity', id, before, after);
  c.emit({ type: 'opportunity.stage_changed', entity: 'opportunity', id, data: { from: row.stage, to: input.stage, ownerId: row.ownerId, amountCents: row.amountCents } });
  if (input.stage === 'won' || input.stage === 'lost') c.emit({ type: `opportunity.${input.stage}`, entity: 'opportunity', id, data: { ownerId: row.ownerId, amountCents: row.amountCents } });
  return present(c, opportunityObject, Object.assign(row, changes));
}
