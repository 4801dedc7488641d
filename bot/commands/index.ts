// Every intent and the command that serves it: the table of contents of what a user can say.
import type { Intent } from '../understand/types.js';
import type { Command } from './command.js';
import { helpCommand, unknownCommand } from './help.js';
import { logFollowUpCommand } from './log-follow-up.js';
import { createLeadCommand } from './create-lead.js';
import { lookupCustomerCommand } from './lookup-customer.js';
import { createCustomerCommand } from './create-customer.js';
import { myCustomersCommand } from './my-customers.js';
import { myApprovalsCommand } from './my-approvals.js';
import { myOpportunitiesCommand } from './my-opportunities.js';
import { myContractsCommand, submitContractCommand, withdrawContractCommand } from './contract.js';
import { myAgendaCommand, myPeriodAgendaCommand } from './my-agenda.js';
import { createOpportunityCommand, moveStageCommand } from './opportunity.js';
import { opportunityStatusCommand } from './opportunity-status.js';
import { poolClaimCommand, poolListCommand } from './pool.js';
import { leaderboardCommand, funnelCommand } from './leaderboard.js';
import { myRankCommand } from './my-rank.js';
import { staleCustomersCommand } from './stale-customers.js';
import { personFollowUpsCommand } from './person-follow-ups.js';
import { teamFollowUpsCommand } from './team-follow-ups.js';
import { outstandingPaymentsCommand, paymentsSummaryCommand, receivePaymentCommand } from './payment.js';
import { createTaskCommand } from './create-task.js';
import { completeTaskCommand } from './complete-task.js';
import { customerContactsCommand } from './customer-contacts.js';

export const commands: { [I in Intent]: Command<I> } = {
  'followup.log': logFollowUpCommand,
  'lead.create': createLeadCommand,
  'customer.lookup': lookupCustomerCommand,
  'customer.contacts': customerContactsCommand,
  'task.create': createTaskCommand,
  'task.complete': completeTaskCommand,
  'customer.create': createCustomerCommand,
  'customer.mine': myCustomersCommand,
  'customer.stale': staleCustomersCommand,
  'activity.person': personFollowUpsCommand,
  'activity.team': teamFollowUpsCommand,
  'approval.pending': myApprovalsCommand,
  'opportunity.mine': myOpportunitiesCommand,
  'contract.withdraw': withdrawContractCommand,
  'contract.submit': submitContractCommand,
  'contract.mine': myContractsCommand,
  'payment.receive': receivePaymentCommand,
  'payment.outstanding': outstandingPaymentsCommand,
  'payment.summary': paymentsSummaryCommand,
  'agenda.today': myAgendaCommand,
  'agenda.period': myPeriodAgendaCommand,
  'opportunity.create': createOpportunityCommand,
  'opportunity.move_stage': moveStageCommand,
  'opportunity.status': opportunityStatusCommand,
  'pool.list': poolListCommand,
  'pool.claim': poolClaimCommand,
  'leaderboard.show': leaderboardCommand,
  'leaderboard.mine': myRankCommand,
  'funnel.show': funnelCommand,
  help: helpCommand,
  unknown: unknownCommand,
};
