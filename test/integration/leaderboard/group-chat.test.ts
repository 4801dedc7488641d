// Boards in group chats through the whole stack: an unbound group is told so; an admin binds the group to a team;
// "本周跟进排行" / "销售漏斗" then answer with that team's cards in the group; a scheduled weekly board goes out once;
// "今年龙虎榜" answers with the year's board (on New Year's Day: last year's leaders), through the API and schedules too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { runBoardPush } from '../../../server/domain/leaderboard/run-board-push.js';
import { createRecord } from '../../../server/domain/shared/records.js';
import { customerObject } from '../../../server/domain/customer/customer.object.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { startBoardPusher } from '../../../server/jobs/push-leaderboard.js';
import { actorOf } from './ground-truth.js';
import { DAY, TestClock } from '../../helpers/clock.js';
import { expandCard } from '../../../cards/templates/index.js';
import { DEFAULT_REMINDER_SETTINGS } from '../../../server/domain/reminder/reminder-settings.js';

describe.each(TARGETS)('leaderboards in group chats (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  let chat: ChatStack;
  const GROUP = 'cid_east_sales';

  const api = async (method: string, path: string, body?: unknown) => {
    const login = await fetch(`${chat.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${chat.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };
  const groupMessages = async () => (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } }))
    .filter((m) => (m.address as { chatId?: string }).chatId === GROUP)
    .map((m) => ({ status: m.status, message: (m.payload as { message: Record<string, unknown> }).message }));

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
    // Follow-ups this week: repB twice, repA once (east); repC once (west, not on the east board).
    for (const [u, n] of [[org.users.repB, 2], [org.users.repA, 1], [org.users.repC, 1]] as const) {
      const cu = await withTx(t.db, actorOf(u), (c) => createRecord(c, customerObject, { name: `${u.name}的客户有限公司`, level: 'A' }));
      for (let i = 0; i < n; i++) await withTx(t.db, actorOf(u), (c) => logFollowUp(c, { customerId: cu.id, type: 'call', content: '电话沟通' }));
    }
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('an unbound group gets a clear reply, not a board', async () => {
    expect(await chat.dingtalkSays('dt_rep_zhang', '本周跟进排行', { group: GROUP })).toBe(200);
    await chat.settle();
    const msgs = await groupMessages();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ status: 'sent', message: { kind: 'text', key: 'leaderboard.unbound_group' } });
  });

  it('once bound, the group sees its team board and funnel', async () => {
    const bound = await api('POST', '/chat-bindings', { platform: 'dingtalk', chatId: GROUP, teamId: org.teams.east, name: '华东销售群' });
    expect(bound.status).toBe(201);
    expect((await api('GET', '/chat-bindings')).body.items).toHaveLength(1);
    await chat.dingtalkSays('dt_rep_zhang', '本周跟进排行', { group: GROUP });
    // One at a time: bot/core/turn.ts looks the sender up in a transaction outside serialized(), which two senders'
    // turns running at once on the single SQLite connection trip over (a chat-loop issue, reported).
    await chat.settle();
    await chat.dingtalkSays('dt_rep_li', '销售漏斗', { group: GROUP });
    await chat.settle();
    const [, board, fun] = await groupMessages();
    expect(board.status).toBe('sent');
    expect(board.message).toMatchObject({ kind: 'card', template: 'leaderboard', data: { metric: 'followups', period: 'week', teamName: '销售一组', amountsHidden: false } });
    expect((board.message.data as { rows: unknown[] }).rows).toEqual([{ rank: 1, name: org.users.repB.name, value: 2 }, { rank: 2, name: org.users.repA.name, value: 1 }]);
    expect(board.message.recipientUserId).toBeUndefined();
    expect(fun.message).toMatchObject({ kind: 'card', template: 'funnel', data: { teamName: '销售一组', view: 'funnel' } });
  });

  it('a scheduled weekly board goes to the group once per run', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    expect((await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'followups', period: 'week', schedule: 'weekly:1@25:00' })).status).toBe(400);
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'followups', period: 'week', periodOffset: -1, schedule: 'weekly:1@09:00' });
    expect(created.status).toBe(201);
    const pusher = startBoardPusher({ db: t.db, autoStart: false });
    const before = (await groupMessages()).length;
    await pusher.drain();
    expect((await groupMessages()).length).toBe(before); // not due yet
    t.clock.set(created.body.nextRunAt as string);
    t.clock.advance(1000);
    await pusher.drain();
    await pusher.drain();
    await chat.settle();
    const pushed = (await groupMessages()).slice(before);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ status: 'sent', message: { kind: 'card', template: 'leaderboard', data: { metric: 'followups', teamName: '销售一组', offset: -1 } } });
    // Last week's board, as the Monday push shows: the follow-ups logged at seeding time.
    expect((pushed[0].message.data as { rows: unknown[] }).rows).toHaveLength(2);
    const [row] = (await api('GET', '/board-pushes')).body.items as { nextRunAt: string }[];
    expect(new Date(row.nextRunAt).getTime() - new Date(created.body.nextRunAt as string).getTime()).toBe(7 * DAY);
    await pusher.stop();
  });

  it('an admin changes a schedule, pauses and resumes it, and a new company time zone moves it to the new zone\'s hour', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'funnel', schedule: 'monthly:last@18:00' });
    const id = created.body.id as number;
    const at = (body: Record<string, unknown>) => new Date(body.nextRunAt as string);
    const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(d);
    // A funnel has no metric or period: refused, not ignored; a bad schedule is refused; the row is unchanged.
    expect((await api('PATCH', `/board-pushes/${id}`, { metric: 'payments' })).body).toMatchObject({ error: { field: 'metric' } });
    expect((await api('PATCH', `/board-pushes/${id}`, { schedule: 'weekly:8@09:00' })).status).toBe(400);
    expect((await api('PATCH', '/board-pushes/999999', { active: false })).status).toBe(404);
    const moved = await api('PATCH', `/board-pushes/${id}`, { schedule: 'weekly:5@17:30' });
    expect(moved.status).toBe(200);
    expect(shanghai(at(moved.body))).toMatch(/ 17:30$/);
    expect(at(moved.body).getTime()).toBeLessThan(at(created.body).getTime() + 7 * DAY);
    expect((await api('PATCH', `/board-pushes/${id}`, { active: false })).body).toMatchObject({ active: false, schedule: 'weekly:5@17:30' });
    expect((await api('PATCH', `/board-pushes/${id}`, { active: true })).body).toMatchObject({ active: true });
    // The company moves to Tokyo: "Friday 17:30" is now Tokyo's, an hour earlier in Shanghai.
    expect((await api('PUT', '/settings/timeZone', { value: 'Asia/Tokyo' })).status).toBe(200);
    try {
      const row = ((await api('GET', '/board-pushes')).body.items as Record<string, unknown>[]).find((r) => r.id === id)!;
      expect(shanghai(at(row))).toMatch(/ 16:30$/);
      expect(at(row).getTime() - at(moved.body).getTime()).toBe(-3600_000);
    } finally {
      expect((await api('PUT', '/settings/timeZone', { value: 'Asia/Shanghai' })).status).toBe(200);
    }
    const audits = await t.db.ds.query("SELECT action FROM audit_log WHERE entity_type = 'board_push' AND entity_id = ? ORDER BY id", [id]);
    expect(audits.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'update', 'update']);
    expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
  });

  it('quiet hours hold for group boards: a schedule inside them is refused, one they grew to cover waits for their end', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', timeStyle: 'short', hourCycle: 'h23' }).format(d);
    const refused = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'funnel', schedule: 'daily@22:30' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'leaderboard.schedule_in_quiet_hours', field: 'schedule', message: expect.stringContaining('21:00') });
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'funnel', schedule: 'daily@20:00' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await api('PATCH', `/board-pushes/${id}`, { schedule: 'weekly:2@07:59' })).body.error).toMatchObject({ code: 'leaderboard.schedule_in_quiet_hours' });
    // The company's quiet hours now start at 19:00: the 20:00 board is made at 20:00 but waits for 08:00.
    const reminders = (value: object) => api('PUT', '/settings/reminders', { value: { ...DEFAULT_REMINDER_SETTINGS, ...value } });
    expect((await reminders({ quietHours: { start: '19:00', end: '08:00' } })).status).toBe(200);
    try {
      const pusher = startBoardPusher({ db: t.db, autoStart: false });
      t.clock.set(created.body.nextRunAt as string);
      t.clock.advance(1000);
      await pusher.drain();
      await pusher.stop();
      const [held] = await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 });
      expect(held).toMatchObject({ status: 'pending', payload: { message: { template: 'funnel' } } });
      expect(shanghai(held.nextAttemptAt)).toBe('08:00');
      expect(held.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(12 * 3_600_000 - 1000);
    } finally {
      expect((await reminders({})).status).toBe(200);
      expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
    }
  });

  it('a year-end board (yearly:12-last@18:00) runs on 31 December; sent late, on 2 January, it is last year\'s board, titled 去年', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'won_amount', period: 'year', schedule: 'yearly:12-last@18:00' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const due = new Date(created.body.nextRunAt as string);
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    expect(day(due).slice(5)).toBe('12-31');
    t.clock.set(due.toISOString());
    t.clock.advance(40 * 3_600_000);
    const pusher = startBoardPusher({ db: t.db, autoStart: false });
    await pusher.drain();
    await pusher.stop();
    const [sent] = await t.db.ds.getRepository(OutboxMessage).createQueryBuilder('m').where('m.dedupe_key LIKE :k', { k: `board_push:${id}:%` }).getMany();
    expect(sent.dedupeKey).toBe(`board_push:${id}:${day(due)}:yearly:12-last@18:00`);
    const data = (sent.payload as { message: { data: { offset?: number } } }).message.data;
    expect(data.offset).toBe(-1);
    expect(expandCard('leaderboard', data as never, 'zh-CN').title).toBe('去年赢单金额龙虎榜');
    // Its next run is a year on.
    const next = ((await api('GET', '/board-pushes')).body as { items: { id: number; nextRunAt: string }[] }).items.find((p: { id: number }) => p.id === id) as { nextRunAt: string };
    expect(day(new Date(next.nextRunAt))).toBe(`${Number(day(due).slice(0, 4)) + 1}-12-31`);
    expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
  });

  it('a schedule that cannot be read is refused with examples of ones that can', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const bad = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', period: 'year', schedule: 'yearly:12-31@18:00' });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toContain('yearly:12-last@18:00');
  });

  it('a board sent late shows the period it was due for: a month-end board sent after midnight is still that month\'s', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'payments', period: 'month', schedule: 'monthly:last@18:00' });
    const id = created.body.id as number;
    const due = new Date(created.body.nextRunAt as string);
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    // The pusher was down from the month's last evening until the second morning after.
    t.clock.set(due.toISOString());
    t.clock.advance(32 * 3_600_000);
    const pusher = startBoardPusher({ db: t.db, autoStart: false });
    await pusher.drain();
    await pusher.stop();
    const [sent] = await t.db.ds.getRepository(OutboxMessage).createQueryBuilder('m').where('m.dedupe_key LIKE :k', { k: `board_push:${id}:%` }).getMany();
    expect(sent.dedupeKey).toBe(`board_push:${id}:${day(due)}:monthly:last@18:00`);
    const data = (sent.payload as { message: { data: { periodLabel: string; offset?: number } } }).message.data;
    expect(data.periodLabel).toBe(day(due).slice(0, 7));
    // Read in the new month, that month is last month's: titled 上月, not 本月.
    expect(data.offset).toBe(-1);
    expect(expandCard('leaderboard', data as never, 'zh-CN').title).toBe('上月回款龙虎榜');
    expect(day(t.clock.now()).slice(0, 7)).not.toBe(day(due).slice(0, 7));
    expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
  });

  it('"上周跟进排行" in the group answers with last week\'s board, titled so (not "本周")', async () => {
    const before = (await groupMessages()).length;
    await chat.dingtalkSays('dt_rep_li', '上周跟进排行', { group: GROUP });
    await chat.settle();
    const [reply] = (await groupMessages()).slice(before);
    expect(reply.message).toMatchObject({ kind: 'card', template: 'leaderboard', data: { metric: 'followups', period: 'week', offset: -1 } });
    expect(expandCard('leaderboard', reply.message.data as never, 'zh-CN').title).toBe('上周跟进次数龙虎榜');
    expect(expandCard('leaderboard', reply.message.data as never, 'en-US').title).toBe("Last week's leaderboard: follow-ups");
  });

  it('a board asked for before anything happened in its period shows the previous period\'s leaders, saying so', async () => {
    const today = t.clock.now();
    // The day after beforeAll's follow-ups (the TestClock's start; earlier tests moved the clock on).
    t.clock.set(new Date(new TestClock().now().getTime() + DAY));
    try {
      const before = (await groupMessages()).length;
      await chat.dingtalkSays('dt_rep_li', '今日跟进排行', { group: GROUP });
      await chat.settle();
      const [reply] = (await groupMessages()).slice(before);
      const data = reply.message.data as { rows: unknown[]; previous: { rows: { name: string; value: number }[] } };
      expect(data.rows).toEqual([]);
      // Yesterday's follow-ups (see beforeAll): repB twice, repA once; repC is on another team.
      expect(data.previous.rows.map((r) => [r.name, r.value])).toEqual([[org.users.repB.name, 2], [org.users.repA.name, 1]]);
      const card = expandCard('leaderboard', reply.message.data as never, 'zh-CN');
      expect(card.title).toBe('今日跟进次数龙虎榜');
      expect(card.rows?.map((r) => r.label)).toEqual([`昨日第1名 ${org.users.repB.name}`, `昨日第2名 ${org.users.repA.name}`]);
      expect(card.notes.join()).toMatch(/^本期还没有数据，以上为昨日（.+）的前几名$/);
      // A period with nothing before it either stays as it was: "nothing yet".
      await chat.dingtalkSays('dt_rep_li', '今日回款排行', { group: GROUP });
      await chat.settle();
      const [empty] = (await groupMessages()).slice(before + 1);
      expect((empty.message.data as { previous?: unknown }).previous).toBeUndefined();
      expect(expandCard('leaderboard', empty.message.data as never, 'zh-CN').notes).toEqual(['本期暂无数据']);
    } finally {
      t.clock.set(today);
    }
  });

  it('"今年龙虎榜" in the group answers with this year\'s board on a year card; on New Year\'s Day, with last year\'s leaders', async () => {
    const today = t.clock.now();
    const ask = async (line: string) => {
      const before = (await groupMessages()).length;
      await chat.dingtalkSays('dt_rep_li', line, { group: GROUP });
      await chat.settle();
      const [reply] = (await groupMessages()).slice(before);
      return reply.message as { kind: string; template: string; data: { rows: { name: string; value: number }[]; previous?: { periodLabel: string; rows: { name: string; value: number }[] } } };
    };
    const card = (m: { data: unknown }, locale: 'zh-CN' | 'en-US' = 'zh-CN') => expandCard('leaderboard', m.data as never, locale);
    t.clock.set(new TestClock().now());
    try {
      const year = await ask('今年龙虎榜');
      expect(year).toMatchObject({ kind: 'card', template: 'leaderboard', data: { metric: 'won_amount', period: 'year', periodLabel: '2026', teamName: '销售一组', rows: [] } });
      expect(year.data.previous).toBeUndefined();
      expect(card(year).title).toBe('今年赢单金额龙虎榜');
      expect(card(year, 'en-US').title).toBe("This year's leaderboard: won amount");
      expect(card(year).subtitle).toBe('销售一组 · 2026');
      const followups = await ask('今年跟进排行');
      expect(followups.data).toMatchObject({ metric: 'followups', period: 'year', periodLabel: '2026' });
      expect(followups.data.rows).toEqual([{ rank: 1, name: org.users.repB.name, value: 2 }, { rank: 2, name: org.users.repA.name, value: 1 }]);
      // New Year's Day, 10:00 in Shanghai: nothing yet this year, so last year's leaders, saying so.
      t.clock.set('2027-01-01T02:00:00Z');
      const empty = await ask('今年跟进排行');
      expect(empty.data).toMatchObject({ period: 'year', periodLabel: '2027', rows: [], previous: { periodLabel: '2026' } });
      expect(empty.data.previous!.rows.map((r) => [r.name, r.value])).toEqual([[org.users.repB.name, 2], [org.users.repA.name, 1]]);
      expect(card(empty).title).toBe('今年跟进次数龙虎榜');
      expect(card(empty).rows?.map((r) => r.label)).toEqual([`去年第1名 ${org.users.repB.name}`, `去年第2名 ${org.users.repA.name}`]);
      expect(card(empty).notes).toEqual(['本期还没有数据，以上为去年（2026）的前几名']);
      const last = await ask('去年跟进排行');
      expect(last.data).toMatchObject({ period: 'year', offset: -1, periodLabel: '2026' });
      expect(last.data.rows.map((r) => [r.name, r.value])).toEqual([[org.users.repB.name, 2], [org.users.repA.name, 1]]);
      expect(card(last).title).toBe('去年跟进次数龙虎榜');
      expect(card(last, 'en-US').title).toBe("Last year's leaderboard: follow-ups");
    } finally {
      t.clock.set(today);
    }
  });

  it('the API serves a year\'s board, and a scheduled board can be the year\'s', async () => {
    const today = t.clock.now();
    t.clock.set(new TestClock().now());
    try {
      const board = await api('GET', `/leaderboard?metric=followUps&period=year&teamId=${org.teams.east}`);
      expect(board.status).toBe(200);
      expect(board.body).toMatchObject({ period: 'year', periodLabel: '2026', offset: 0 });
      expect((board.body.items as { name: string; value: number }[]).map((r) => [r.name, r.value])).toEqual([[org.users.repB.name, 2], [org.users.repA.name, 1]]);
      expect((await api('GET', '/leaderboard?period=decade')).status).toBe(400);
      type Op = { parameters: { name: string; description?: string }[]; requestBody?: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> } };
      const spec = (await api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Op>> };
      expect(spec.paths['/api/v1/leaderboard'].get.parameters.find((p) => p.name === 'period')?.description).toMatch(/\byear\b/);
      expect(spec.paths['/api/v1/board-pushes'].post.requestBody?.content['application/json'].schema.properties.period.enum).toEqual(['day', 'week', 'month', 'quarter', 'year']);

      const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
      expect((await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'followups', period: 'decade', schedule: 'monthly:last@18:00' })).status).toBe(400);
      const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'followups', period: 'year', schedule: 'monthly:last@18:00' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ period: 'year', metric: 'followups' });
      const id = created.body.id as number;
      t.clock.set(created.body.nextRunAt as string);
      t.clock.advance(1000);
      const pusher = startBoardPusher({ db: t.db, autoStart: false });
      await pusher.drain();
      await pusher.stop();
      const [sent] = await t.db.ds.getRepository(OutboxMessage).createQueryBuilder('m').where('m.dedupe_key LIKE :k', { k: `board_push:${id}:%` }).getMany();
      const data = (sent.payload as { message: { data: { rows: { name: string; value: number }[] } } }).message.data;
      expect(data).toMatchObject({ metric: 'followups', period: 'year', periodLabel: '2026', teamName: '销售一组' });
      expect(data.rows.map((r) => [r.name, r.value])).toEqual([[org.users.repB.name, 2], [org.users.repA.name, 1]]);
      expect(expandCard('leaderboard', data as never, 'zh-CN').title).toBe('今年跟进次数龙虎榜');
      expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
    } finally {
      t.clock.set(today);
    }
  });

  it('"我排第几" answers with the asker\'s own place on their team\'s boards: every metric, or the one named', async () => {
    const now = t.clock.now();
    t.clock.set(new TestClock().now());
    const said = async (from: string, line: string, group?: string) => {
      const chatId = group ?? `cid_${from}`;
      const count = async () => (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).filter((m) => (m.address as { chatId?: string }).chatId === chatId);
      const before = (await count()).length;
      await chat.dingtalkSays(from, line, group ? { group } : {});
      await chat.settle();
      const [m] = (await count()).slice(before);
      const message = (m.payload as { message: { key: string; params?: Record<string, string> } }).message;
      return message.params ? `${message.params.title}\n${message.params.lines}${message.params.note}` : message.key;
    };
    try {
      // beforeAll: this week's follow-ups on the east team are repB 2, repA 1 (repC is west).
      const a = await said(`dt_${org.users.repA.username.replace('.', '_')}`, '我本周跟进排第几');
      expect(a).toMatch(/^\*\*你的排名 · .+~\*\*（.+）\n- 跟进次数：第 2 名 \/ 2 人上榜 · 1$/);
      // repB reads English; no metric named: all four.
      const b = await said(`dt_${org.users.repB.username.replace('.', '_')}`, 'where do I rank this week');
      expect(b.split('\n').slice(1)).toEqual(['- won amount: nothing yet (0 ranked)', '- payments: nothing yet (0 ranked)', '- new customers: #1 of 2 ranked · 1', '- follow-ups: #1 of 2 ranked · 2']);
      // The year: this year's boards, titled with it.
      expect(await said(`dt_${org.users.repA.username.replace('.', '_')}`, '我今年跟进排第几')).toMatch(/^\*\*你的排名 · 2026\*\*（销售一组）\n- 跟进次数：第 2 名 \/ 2 人上榜 · 1$/);
      const year = await said(`dt_${org.users.repB.username.replace('.', '_')}`, 'where do I rank this year');
      expect(year.split('\n')).toEqual(['**Your rank · 2026** (销售一组)', '- won amount: nothing yet (0 ranked)', '- payments: nothing yet (0 ranked)', '- new customers: #1 of 2 ranked · 1', '- follow-ups: #1 of 2 ranked · 2']);
      // Admins and finance are not ranked.
      expect(await said('dt_admin', 'my rank this week')).toBe('leaderboard.mine.not_ranked');
    } finally {
      t.clock.set(now);
    }
  });

  // Two connections at once: the embedded database runs one transaction at a time, so only MariaDB can race.
  it.skipIf(target === 'sqlite')('a schedule changed while its board is being pushed keeps the admin\'s next run', async () => {
    const [binding] = (await api('GET', '/chat-bindings')).body.items as { id: number }[];
    const created = await api('POST', '/board-pushes', { bindingId: binding.id, board: 'leaderboard', metric: 'payments', schedule: 'daily@08:00' });
    const id = created.body.id as number;
    let edited: Record<string, unknown> | undefined;
    await withTx(t.db, systemActor('board-push'), async (c) => {
      // The admin's edit commits on another connection right after the run has read the row.
      const tx = new Proxy(c.tx, { get: (target, key, self) => {
        const v = Reflect.get(target, key, self);
        if (key !== 'findOne' || typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          const row = await v.apply(target, args);
          if (!edited) edited = (await api('PATCH', `/board-pushes/${id}`, { schedule: 'daily@20:00' })).body;
          return row;
        };
      } });
      await runBoardPush({ ...c, tx }, id);
    });
    const [row] = (await t.db.ds.query('SELECT schedule, status, next_run_at AS n FROM board_push WHERE id = ?', [id])) as { schedule: string; status: string; n: Date }[];
    expect(row).toMatchObject({ schedule: 'daily@20:00', status: 'pending' });
    expect(new Date(row.n).toISOString()).toBe(new Date(edited!.nextRunAt as string).toISOString());
    expect((await api('DELETE', `/board-pushes/${id}`)).status).toBe(204);
  });
});
