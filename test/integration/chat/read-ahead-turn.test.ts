// With the read-ahead thread on (the production default), the one-sentence follow-up gives the same activity, the
// same task due next Wednesday and the same receipt as when the turn reads the dates itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';

const NOW = new Date('2026-11-18T02:00:00Z'); // Wednesday 10:00 in Shanghai
const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

describe.each(TARGETS)('a turn whose dates were read on the second thread, on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack; let customerId: number;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    customerId = (await t.db.ds.getRepository(Customer).save({ name: '华为技术有限公司重庆分公司', normalizedName: '华为技术重庆', aliases: '华为', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW })).id;
    chat = await startChatStack(t, {}, { READ_AHEAD_THREAD: 'true' });
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('logs the follow-up with its next step due next Wednesday and sends the receipt', async () => {
    await chat.wecomSays('rep_zhang', '跟进 华为 今天电话沟通了方案，下周三发报价', 'ra-1');
    await chat.settle();
    const [a] = await t.db.ds.getRepository(Activity).find();
    expect(a).toMatchObject({ customerId, authorId: org.users.repA.id, type: 'call', content: '今天电话沟通了方案' });
    const task = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: a.id });
    expect(shanghaiDay(task.dueAt)).toBe('2026-11-25');
    expect(chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'template_card')).toHaveLength(1);
  });
});
