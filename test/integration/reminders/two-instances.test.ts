// Two server instances (two composeServer stacks, each with its own connection pool) on one MariaDB database run
// the planner and the sender at the same time: every reminder is planned once and delivered once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { createDataSource } from '../../../server/db/data-source.js';
import { makeDb, type Clock } from '../../../server/domain/shared/db.js';
import { Reminder } from '../../../server/domain/reminder/reminder.entity.js';
import { planOnce } from '../../../server/jobs/scheduler.js';
import { DAY, HOUR, addCustomer, addTask, setReminderSettings } from './helpers.js';

const NOW = new Date('2026-11-18T02:00:00Z');

describe.skipIf(!TARGETS.includes('mariadb'))('two scheduler instances on one MariaDB database', () => {
  let t: TestDb; let t2: TestDb; let org: Org; let a: ChatStack; let b: ChatStack;
  beforeAll(async () => {
    t = await openTestDb('mariadb');
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    await setReminderSettings(t, { digestAt: null, escalateAfterDays: 300 });
    const ds2 = await createDataSource(t.url);
    t2 = { ...t, db: makeDb(ds2, t.url, t.clock as Clock), close: async () => { await ds2.destroy(); } };
    a = await startChatStack(t);
    b = await startChatStack(t2);
  });
  afterAll(async () => { await a?.close(); await b?.close(); await t2?.close(); await t?.close(); });

  it('plans and sends each reminder exactly once', async () => {
    const reps = [org.users.repA, org.users.repB, org.users.repC];
    const titles: string[] = [];
    for (const rep of reps) {
      for (let i = 0; i < 20; i++) {
        const title = `Twin-${rep.id}-${i}`;
        titles.push(title);
        await addTask(t, title, rep.id, new Date(NOW.getTime() - (i + 1) * HOUR));
      }
      for (let i = 0; i < 4; i++) {
        const name = `TwinCo-${rep.id}-${i}`;
        titles.push(name);
        await addCustomer(t, name, rep.id, 'A', new Date(NOW.getTime() - (8 + i) * DAY));
      }
    }
    // Both instances plan at once, then both send at once (with planners still racing), twice over.
    for (let round = 0; round < 2; round++) {
      await Promise.all([planOnce(t.db), planOnce(t2.db), planOnce(t.db), planOnce(t2.db)]);
      await Promise.all([a.stack.reminders.drain(), b.stack.reminders.drain(), a.stack.reminders.drain(), b.stack.reminders.drain()]);
      await Promise.all([a.settle(), b.settle()]);
    }
    const rows = await t.db.ds.getRepository(Reminder).find();
    const extra = rows.filter((r) => r.kind !== 'task_due' && r.kind !== 'followup_due');
    expect(extra.map((r) => `${r.kind}:${r.subjectId}:${r.status}`)).toEqual([]);
    expect(rows).toHaveLength(titles.length);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const [{ n }] = await t.db.ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'reminder:%'`);
    expect(Number(n)).toBe(titles.length);
    const delivered = [...a.wecom.delivered, ...b.wecom.delivered].map((d) => JSON.stringify(d.body));
    for (const title of titles) expect(delivered.filter((s) => s.includes(`${title}"`)).length, title).toBe(1);
    expect(a.wecom.dropped.length + b.wecom.dropped.length).toBe(0);
    expect(delivered).toHaveLength(titles.length);
  });
});
