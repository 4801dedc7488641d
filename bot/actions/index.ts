// Card-tap families by action id (the other way into the conversation).
import type { ActionHandler } from './action.js';
import { pickCustomer, pickLead } from './choice.js';
import { undoFollowUp } from './follow-up.js';
import { reminderActions } from './reminder.js';
import { approveTap, rejectTap, returnTap, transferTap } from './approval.js';

export const actions: Record<string, ActionHandler> = {
  'choice.customer': pickCustomer,
  'choice.lead': pickLead,
  'followup.undo': undoFollowUp,
  ...reminderActions,
  'approval.approve': approveTap, 'approval.reject': rejectTap, 'approval.transfer': transferTap, 'approval.return': returnTap,
};
