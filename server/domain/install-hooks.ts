// The domain-event hooks every running chatcrm has, whatever serves it (the full stack, or the REST API alone):
// approvals start when a contract is submitted, leaderboard rollups follow every change, scheduled group boards
// follow the company time zone, automations run.
import type { Db } from './shared/db.js';
import { installApprovalEngine } from './approval/approval-engine.js';
import { installRollups } from './leaderboard/maintain-rollups.js';
import { installBoardPushes } from './leaderboard/board-pushes.js';
import { installAutomations } from './automation/run-automations.js';
import { setPlatformTenants } from './automation/notify-users.js';

export interface DomainHookOptions {
  /** Tenant per configured chat platform (where cards and notices can go). */
  tenants: { wecom?: string; dingtalk?: string };
}

export function installDomainHooks(db: Db, o: DomainHookOptions): void {
  const platforms = Object.fromEntries(Object.entries(o.tenants).filter(([, v]) => v).map(([k, v]) => [k, { tenant: v! }]));
  installApprovalEngine(db, { platforms });
  installRollups(db);
  installBoardPushes(db);
  installAutomations(db);
  setPlatformTenants(db, o.tenants);
}
