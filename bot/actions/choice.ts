// The user picked one customer (or lead, task or opportunity) on a choice card: resume the command that asked, with it fixed.
import { findVisible, type ObjectDef } from '../../server/domain/shared/records.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { leadObject } from '../../server/domain/lead/lead.object.js';
import { taskObject } from '../../server/domain/activity/task.object.js';
import { opportunityObject } from '../../server/domain/opportunity/opportunity.object.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Turn } from '../commands/command.js';
import type { Understanding } from '../understand/types.js';
import type { ActionHandler } from './action.js';
import { closeChoice, takeChoice } from './choice-card.js';
import { resumeWithCustomer, resumeWithLead, resumeWithOpportunity, resumeWithTask } from '../commands/resume.js';

type Resume<T> = (c: DomainContext, turn: Turn, pending: Understanding, picked: T) => Promise<void>;

const pick = <T extends { id: number }>(object: ObjectDef<T>, resume: Resume<T>): ActionHandler => async (c, turn, tap) => {
  const choice = await takeChoice(c, turn, tap);
  if (!choice) return;
  const picked = await findVisible(c, object, Number(choice.chosen.id));
  await closeChoice(c, turn, choice);
  await resume(c, turn, choice.pending as Understanding, picked);
};

export const pickCustomer = pick(customerObject, resumeWithCustomer);
export const pickLead = pick(leadObject, resumeWithLead);
export const pickTask = pick(taskObject, resumeWithTask);
export const pickOpportunity = pick(opportunityObject, resumeWithOpportunity);
