// Every REST route, in one list: the table of contents of /api/v1.
import type { Api } from '../api.js';
import type { AppDeps } from '../../app.js';
import { authRoutes } from './auth.js';
import { outboxRoutes } from './outbox.js';
import { botFeedbackRoutes } from './bot-feedback.js';
import { customerRoutes } from './customers.js';
import { leadRoutes } from './leads.js';
import { poolRoutes } from './pool.js';
import { customer360Routes } from './customer-360.js';
import { contactRoutes } from './contacts.js';
import { opportunityRoutes } from './opportunities.js';
import { activityRoutes } from './activities.js';
import { taskRoutes } from './tasks.js';
import { myDayRoutes } from './my-day.js';
import { leadConvertRoutes } from './lead-convert.js';
import { contractRoutes } from './contracts.js';
import { paymentRoutes } from './payments.js';
import { customFieldRoutes } from './custom-fields.js';
import { settingRoutes } from './settings.js';
import { auditLogRoutes } from './audit-logs.js';
import { userRoutes } from './users.js';
import { teamRoutes } from './teams.js';
import { leadAssignmentRoutes } from './lead-assignment.js';
import { leaderboardRoutes } from './leaderboard.js';
import { approvalRoutes } from './approvals.js';
import { platformRoutes } from './platform.js';

export function registerApiRoutes(api: Api, deps: AppDeps): void {
  authRoutes(api, { db: deps.db, demoMode: deps.config.demoMode, sessionTtlSeconds: deps.config.sessionTtlSeconds, platformLogin: deps.platformLogin });
  customerRoutes(api);
  outboxRoutes(api);
  botFeedbackRoutes(api);
  leadRoutes(api);
  poolRoutes(api);
  customer360Routes(api);
  contactRoutes(api);
  opportunityRoutes(api);
  activityRoutes(api);
  taskRoutes(api);
  myDayRoutes(api);
  leadConvertRoutes(api);
  // Before the payment resource in contractRoutes: /payments/outstanding and /payments/summary are not /payments/:id.
  paymentRoutes(api);
  contractRoutes(api);
  customFieldRoutes(api);
  settingRoutes(api);
  auditLogRoutes(api);
  userRoutes(api);
  teamRoutes(api);
  leadAssignmentRoutes(api);
  leaderboardRoutes(api);
  approvalRoutes(api);
  platformRoutes(api, { config: deps.config, jsapi: deps.platformJsapi });
}
