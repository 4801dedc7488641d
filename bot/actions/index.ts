// Card-tap families by action id (the other way into the conversation).
import type { ActionHandler } from './action.js';
import { pickCustomer, pickLead, pickOpportunity, pickTask } from './choice.js';
import { undoFollowUp } from './follow-up.js';
import { pickPerson } from './pick-person.js';
import { paymentActions } from './payment.js';
import { reminderActions } from './reminder.js';
import { taskActions } from './task.js';
import { approveTap, rejectTap, returnTap, transferTap } from './approval.js';

export const actions: Record<string, ActionHandler> = {
  'choice.customer': pickCustomer,
  'choice.lead': pickLead,
  'choice.person': pickPerson,
  'choice.task': pickTask,
  'choice.opportunity': pickOpportunity,
  'followup.undo': undoFollowUp,
  ...paymentActions,
  ...taskActions,
  ...reminderActions,
  'approval.approve': approveTap, 'approval.reject': rejectTap, 'approval.transfer': transferTap, 'approval.return': returnTap,
};
