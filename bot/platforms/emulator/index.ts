// The local chat emulator for `npm start` with no WeCom/DingTalk account: plays both platforms on loopback
// (local-platforms.ts), posts signed callbacks for the page (play.ts), reads back what our server sent
// (feed.ts) and serves the page at `/` (routes.ts). server/main.ts wires it; nothing else depends on it.
import Router from '@koa/router';
import type { Config } from '../../../server/config.js';
import type { Db } from '../../../server/domain/shared/db.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { bindChat, bindingFor } from '../../../server/domain/leaderboard/chat-bindings.js';
import { createBoardPush, type BoardPushInput } from '../../../server/domain/leaderboard/board-pushes.js';
import type { OffsetClock } from '../../../server/clock.js';
import { Team } from '../../../server/domain/user/team.entity.js';
import { startLocalPlatforms, type LocalPlatforms } from './local-platforms.js';
import { createPlayer } from './play.js';
import { emulatorRoutes } from './routes.js';
import type { Typed } from './feed.js';

export interface Emulator {
  /** The config with the emulated platforms filled in (credentials generated, API origins on loopback). */
  config: Config;
  router: Router;
  platforms: LocalPlatforms;
  /** Tell the emulator where our server listens (callbacks go there) and what to wake after a clock jump. */
  attach(o: { baseUrl: string; onClockJump?: () => void }): void;
  stop(): Promise<void>;
}

/** Our chat id for a team's group chat (WeCom group-robot webhook name; DingTalk conversation `cid_<id>`). */
export const teamChatId = (teamId: number) => `team-${teamId}`;

export async function startEmulator(o: { config: Config; db: Db; clock: OffsetClock }): Promise<Emulator> {
  const teams = await o.db.ds.getRepository(Team).find({ order: { id: 'ASC' } });
  const platforms = await startLocalPlatforms({
    now: () => o.clock.nowMs(), wecom: !o.config.wecom, dingtalk: !o.config.dingtalk,
    groupChats: teams.map((t) => teamChatId(t.id)), cardTemplateId: o.config.raw.DINGTALK_CARD_TEMPLATE_ID,
  });
  const config: Config = {
    ...o.config,
    wecom: o.config.wecom ?? platforms.wecom?.config,
    dingtalk: o.config.dingtalk ?? platforms.dingtalk?.config,
  };
  await bindTeamChats(o.db, teams, platforms);
  let baseUrl = `http://127.0.0.1:${o.config.port}`;
  let onClockJump: () => void = () => {};
  const typed: Typed[] = [];
  const robotReplies = new Map<string, string>();
  const player = createPlayer({ platforms, baseUrl: () => baseUrl, now: () => o.clock.nowMs(), robotReplies });
  const router = new Router();
  emulatorRoutes(router, {
    db: o.db, config, clock: o.clock, platforms, player, typed, robotReplies,
    onClockJump: () => onClockJump(),
  });
  return {
    config, router, platforms,
    attach(a) { baseUrl = a.baseUrl; onClockJump = a.onClockJump ?? onClockJump; },
    stop: () => platforms.stop(),
  };
}

/**
 * What an admin sets up first for a team's group: last week's follow-up 龙虎榜 on Monday morning (what the visitor
 * logged in chat shows up on it after a clock jump), and the month's payments at 18:00 on its last day.
 */
const DEMO_PUSHES: Omit<BoardPushInput, 'bindingId'>[] = [
  { board: 'leaderboard', metric: 'followups', period: 'week', periodOffset: -1, schedule: 'weekly:1@09:00' },
  { board: 'leaderboard', metric: 'payments', period: 'month', schedule: 'monthly:last@18:00' },
];

/**
 * Binds each team's emulated group chat to the team and schedules its boards (as an admin would in a real tenant),
 * so group commands and scheduled group pushes have somewhere to go. Once per chat: a chat already bound keeps
 * whatever schedules it has now.
 */
async function bindTeamChats(db: Db, teams: Team[], platforms: LocalPlatforms): Promise<void> {
  const chats = [
    ...(platforms.wecom ? teams.map((t) => ({ platform: 'wecom', chatId: teamChatId(t.id), team: t })) : []),
    ...(platforms.dingtalk ? teams.map((t) => ({ platform: 'dingtalk', chatId: `cid_${teamChatId(t.id)}`, team: t })) : []),
  ];
  for (const chat of chats) {
    await withTx(db, systemActor('emulator'), async (c) => {
      if (await bindingFor(c, chat.platform, chat.chatId)) return;
      const binding = await bindChat(c, { platform: chat.platform, chatId: chat.chatId, teamId: chat.team.id, name: chat.team.name });
      for (const push of DEMO_PUSHES) await createBoardPush(c, { bindingId: binding.id, ...push });
    });
  }
}
