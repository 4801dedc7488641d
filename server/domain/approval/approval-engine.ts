// Plugs the engine into the domain: a contract that becomes pending starts an instance, and a contract moved by its
// own use cases (owner withdraws, admin decides) closes the open instance — all in the transaction that moved it.
import type { Db } from '../shared/db.js';
import { onDomainEvents, type DomainContext, type DomainEvent } from '../shared/with-tx.js';
import { ApprovalInstance } from './approval-instance.entity.js';
import { setApprovalChannels, type ApprovalChannels } from './approval-channels.js';
import { startApproval } from './start-approval.js';
import { auditApproval, closeInstance, lockInstance, recordEvent, stepAt } from './approval-flow.js';

const installed = new WeakSet<Db>();

async function onContractEvent(c: DomainContext, e: DomainEvent): Promise<void> {
  if (e.type === 'contract.submitted') {
    await startApproval(c, e.id);
    return;
  }
  if (e.type !== 'contract.withdrawn' && e.type !== 'contract.approved' && e.type !== 'contract.rejected') return;
  const open = await c.tx.findOne(ApprovalInstance, { where: { subjectType: 'contract', subjectId: e.id, status: 'pending' } });
  if (!open) return; // the engine itself settled it (its own decision), or there was none
  const inst = await lockInstance(c, open.id);
  if (inst.status !== 'pending') return;
  const status = e.type === 'contract.withdrawn' ? 'withdrawn' : e.type === 'contract.approved' ? 'approved' : 'rejected';
  const step = await stepAt(c, inst);
  await closeInstance(c, inst, status, c.actor.userId);
  await recordEvent(c, inst, step.id, status === 'withdrawn' ? 'withdraw' : 'override', { comment: status });
  await auditApproval(c, status === 'withdrawn' ? 'withdraw' : 'override', inst, { status: 'pending' }, { status });
}

/** Registers the engine on a Db once (server/compose.ts), with the chat platforms cards may go to. */
export function installApprovalEngine(db: Db, channels: ApprovalChannels): void {
  setApprovalChannels(db, channels);
  if (installed.has(db)) return;
  installed.add(db);
  onDomainEvents(db, async (c, events) => {
    for (const e of events) if (e.entity === 'contract') await onContractEvent(c, e);
  });
}
