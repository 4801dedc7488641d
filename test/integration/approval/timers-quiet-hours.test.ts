// Step timeouts in the company's quiet hours (default 21:00–08:00 Asia/Shanghai): the reminder and the escalation
// are recorded when they fall due, but nobody is pushed a message before the quiet hours end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, startApprovalStack, type ApprovalStack } from './approval-stack.js';
import { ApprovalEvent } from '../../../server/domain/approval/approval-event.entity.js';
import { ApprovalTask } from '../../../server/domain/approval/approval-task.entity.js';
import { runApprovalTimers } from '../../../server/domain/approval/approval-timers.js';

describe.each(TARGETS)('approval timers in quiet hours on %s', (target) => {
  let s: ApprovalStack;
  beforeAll(async () => { s = await startApprovalStack(target); });
  afterAll(async () => { await s?.close(); });
  const events = (instanceId: number, type: string) => s.t.db.ds.getRepository(ApprovalEvent).countBy({ instanceId, type: type as never });
  const at = async (iso: string) => { s.t.clock.set(new Date(iso)); await s.chat.settle(); };

  it('a reminder and an escalation due at 23:00 are recorded then, and pushed at 08:00', async () => {
    // Submitted 2026-11-18 23:00 local: the 24 h timeout falls at 23:00 the next night, escalation 24 h later.
    s.t.clock.set(new Date('2026-11-18T15:00:00Z'));
    const { approvalId } = await s.submitContract(30_000, '深夜合同');
    const remindersToDirector = () => s.texts('director').filter((x) => x.includes('深夜合同') && x.includes('提醒'));

    await at('2026-11-19T15:00:00Z');
    expect(await runApprovalTimers(s.t.db)).toBe(1);
    expect(await events(approvalId, 'remind')).toBe(1);
    await s.chat.settle();
    expect(remindersToDirector()).toHaveLength(0);
    await at('2026-11-19T23:59:00Z'); // 07:59 local
    expect(remindersToDirector()).toHaveLength(0);
    await at('2026-11-20T00:00:00Z'); // 08:00 local
    expect(remindersToDirector()).toHaveLength(1);

    const gmCards = s.wecomCards('gm').length;
    const gmDing = s.dingtalkCards('gm').length;
    await at('2026-11-20T15:00:00Z');
    expect(await runApprovalTimers(s.t.db)).toBe(1);
    // The escalation itself happened on time: the GM holds the step now.
    expect(await events(approvalId, 'escalate')).toBe(1);
    expect(await s.t.db.ds.getRepository(ApprovalTask).countBy({ instanceId: approvalId, userId: s.org.users.gm.id, status: 'pending', via: 'escalation' })).toBe(1);
    await s.chat.settle();
    await at('2026-11-20T22:00:00Z'); // 06:00 local
    expect(s.wecomCards('gm')).toHaveLength(gmCards);
    expect(s.dingtalkCards('gm')).toHaveLength(gmDing);
    expect(s.texts('gm').some((x) => x.includes('深夜合同'))).toBe(false);
    await at('2026-11-21T00:00:00Z'); // 08:00 local
    expect(s.wecomCards('gm')).toHaveLength(gmCards + 1);
    expect(s.dingtalkCards('gm')).toHaveLength(gmDing + 1);
    expect(s.texts('gm').some((x) => x.includes('深夜合同'))).toBe(true);
  });

  it('a timer outside quiet hours is pushed at once', async () => {
    s.t.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 local
    const { approvalId } = await s.submitContract(31_000, '白天合同');
    await at('2026-11-24T02:00:00Z');
    expect(await runApprovalTimers(s.t.db)).toBe(1);
    await s.chat.settle();
    expect(await events(approvalId, 'remind')).toBe(1);
    expect(s.texts('director').some((x) => x.includes('白天合同') && x.includes('提醒'))).toBe(true);
  });
});
