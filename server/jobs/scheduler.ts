// The reminder scheduler: a planner (due rows from tasks, customers, leads, sent reminders and the digest clock)
// and a sender (due rows → outbox). Both are safe to run on every server instance at once: the planner's rows
// are unique by key, the sender claims rows with row locks.
import type { Address } from '../../bot/core/message.js';
import type { Db } from '../domain/shared/db.js';
import { systemActor } from '../domain/shared/actor.js';
import { withTx } from '../domain/shared/with-tx.js';
import { userAddresses } from '../domain/user/user-addresses.js';
import type { User } from '../domain/user/user.entity.js';
import { planCustomerPage, planLeadPage, planReminders } from '../domain/reminder/plan-reminders.js';
import type { ReminderRoute } from '../domain/reminder/compose-reminder.js';
import { startReminderSender, type ReminderSenderOptions } from './send-due-reminders.js';
import { startWorker, type Worker } from './worker.js';
import type { Config } from '../config.js';
import { WECOM_MEMBER_LIMITS } from '../../bot/platforms/wecom/client.js';
import { GATE_JITTER_MS, pushAllowance, type RateRule } from '../../bot/platforms/shared/rate-gate.js';

export interface ReminderJobsOptions extends Omit<ReminderSenderOptions, 'autoStart' | 'idleMs'> {
  autoStart?: boolean;
  /** How often the planner looks (it also runs whenever poked). */
  planEveryMs?: number;
  sendIdleMs?: number;
}

export interface ReminderJobs {
  planner: Worker;
  sender: Worker;
  /** Plan, then send, until nothing is left (tests). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** One planning pass: the cheap SQL-driven kinds, then sweeps over the customers' and the leads' rule-driven clocks. */
export async function planOnce(db: Db): Promise<number> {
  let added = await withTx(db, systemActor('reminders'), (c) => planReminders(c));
  for (const planPage of [planCustomerPage, planLeadPage]) {
    for (let after: number | null = 0; after !== null;) {
      const page: { lastId: number | null; added: number } = await withTx(db, systemActor('reminders'), (c) => planPage(c, after!));
      added += page.added;
      after = page.lastId;
    }
  }
  return added;
}

export function startReminderJobs(o: ReminderJobsOptions): ReminderJobs {
  const start = o.autoStart ?? true;
  const sender = startReminderSender({ ...o, autoStart: start, idleMs: o.sendIdleMs });
  const planner = startWorker({
    name: 'reminder-planner',
    tick: async () => {
      const added = await planOnce(o.db);
      if (added) sender.poke();
      return added;
    },
    idleMs: o.planEveryMs ?? 60_000,
    onError: (e) => o.onError?.(e),
  }, start);
  return {
    planner, sender,
    async drain() {
      for (let i = 0; i < 20; i++) {
        await planner.drain();
        await sender.drain();
        if ((await planOnce(o.db)) === 0) return;
      }
    },
    async stop() { await planner.stop(); await sender.stop(); },
  };
}

/** Reach a person on WeCom when the app is configured and they have a WeCom id, else on DingTalk. */
export function routeByIdentity(tenants: { wecom?: string; dingtalk?: string }): ReminderRoute {
  return (u: User): Address | null => userAddresses(tenants, u)[0] ?? null;
}

/**
 * The jobs as composeServer starts them: routes from the configured platforms, pacing from the WeCom client's
 * member limits (the documented 30/min and 1000/h unless the client was given others), cut to what the gate lets
 * pushes use (pushAllowance), so a paced reminder is not claimed before the gate would let it go.
 */
export function reminderJobsFor(o: Omit<ReminderJobsOptions, 'route'> & { config: Config; wecom?: { clientOptions?: { memberLimits?: RateRule[] } } }): ReminderJobs {
  const { config, wecom, ...rest } = o;
  const limits = wecom?.clientOptions?.memberLimits;
  return startReminderJobs({
    route: routeByIdentity({ wecom: config.wecom?.corpId, dingtalk: config.dingtalk?.appKey }),
    pace: { wecom: (limits ?? WECOM_MEMBER_LIMITS).map(pushAllowance) },
    // The client's gate holds each window this much longer (a second for the documented limits).
    paceGuardMs: (limits ? 0 : 1000) + GATE_JITTER_MS,
    ...rest,
  });
}
