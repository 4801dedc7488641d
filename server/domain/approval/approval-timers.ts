// Step timeouts, driven by due rows (approval_timer) and the Db clock: first a reminder to the late approvers,
// later escalation — each late approver's manager joins the step in their slot and gets the card. A timer that
// falls in the company's quiet hours acts on time (history, escalation tasks), but its messages wait for the morning.
import type { Db } from '../shared/db.js';
import { withTx, type DomainContext } from '../shared/with-tx.js';
import { systemActor } from '../shared/actor.js';
import { claimDue } from '../../jobs/claim-due.js';
import { User } from '../user/user.entity.js';
import { Contract } from '../contract/contract.entity.js';
import { ApprovalTimer } from './approval-timer.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { addTask, auditApproval, bump, lockInstance, recordEvent, tasksOf } from './approval-flow.js';
import { nameOf, notify } from './approval-cards.js';
import { reminderSettings } from '../reminder/reminder-config.js';
import { nextPushTime } from '../reminder/local-time.js';

const LEASE_MS = 5 * 60_000;

async function fire(c: DomainContext, timer: ApprovalTimer): Promise<void> {
  const stepRow = await c.tx.findOneBy(ApprovalStep, { id: timer.stepId });
  if (!stepRow) return;
  const inst = await lockInstance(c, stepRow.instanceId);
  const step = await c.tx.findOneByOrFail(ApprovalStep, { id: timer.stepId });
  // A decision, a return or a withdrawal since the timer was set makes it void.
  if (inst.status !== 'pending' || step.status !== 'pending' || step.activation !== timer.activation || inst.currentStep !== step.idx) return;
  const late = await tasksOf(c, step, 'pending');
  const quiet = await reminderSettings(c);
  c.outbox.holdUntil(nextPushTime(c.now, quiet));
  const title = (await c.tx.findOneBy(Contract, { id: inst.subjectId }))?.title ?? '';
  if (timer.kind === 'remind') {
    for (const task of late) await notify(c, task.userId, 'approval.notify.remind', { contract: title, submitter: await nameOf(c, inst.submitterId) });
    await recordEvent(c, inst, step.id, 'remind');
    return;
  }
  let escalated = 0;
  for (const task of late) {
    if (task.via === 'escalation') continue;
    const user = await c.tx.findOneBy(User, { id: task.userId });
    if (!user?.managerId || user.managerId === inst.submitterId) continue;
    if (late.some((x) => x.userId === user.managerId)) continue;
    const manager = await c.tx.findOneBy(User, { id: user.managerId, active: true });
    if (!manager) continue;
    await addTask(c, inst, step, manager.id, task.slot, { task, via: 'escalation' });
    await notify(c, manager.id, 'approval.notify.escalated', { contract: title, approver: user.name });
    await recordEvent(c, inst, step.id, 'escalate', { toUserId: manager.id });
    escalated++;
  }
  if (escalated) {
    await bump(c, inst);
    await auditApproval(c, 'escalate', inst, {}, { step: step.idx + 1, escalated });
  }
}

/**
 * Fires due step timers (reminders, escalations) once each. Who: the approval timer worker (server/compose.ts) and
 * tests. Writes: notices, escalation tasks and their cards, history. Idempotent across instances: rows are claimed
 * with FOR UPDATE SKIP LOCKED and marked done in the same transaction that acts on them.
 */
export async function runApprovalTimers(db: Db, limit = 50): Promise<number> {
  const ids = await claimDue(db, { table: 'approval_timer', timeColumn: 'due_at', pending: 'pending', claimed: 'claimed' }, limit, LEASE_MS);
  for (const id of ids) {
    await withTx(db, systemActor('approval-timer'), async (c) => {
      const timer = await c.tx.findOneBy(ApprovalTimer, { id });
      if (!timer || timer.status === 'done') return;
      await fire(c, timer);
      await c.tx.update(ApprovalTimer, { id }, { status: 'done' });
    });
  }
  return ids.length;
}

