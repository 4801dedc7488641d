// handleInbound(): who is speaking → what they mean → the command or card action → replies in the outbox.
// Platform-blind. The whole turn (domain change, replies, marking the inbox row done) is one transaction, so a
// crash or a redelivery can never log a follow-up twice.
import type { Inbound, InboundCardAction, InboundEvent, InboundMessage } from './message.js';
import { understand } from '../understand/intents.js';
import { DEFAULT_STAGES, type StageDef as BotStage } from '../understand/stages.js';
import { withTx, type DomainContext } from '../../server/domain/shared/with-tx.js';
import { DomainError } from '../../server/domain/shared/domain-error.js';
import { systemActor, type Actor } from '../../server/domain/shared/actor.js';
import { findSpeaker } from './speaker.js';
import { companyTimeZone, getSetting } from '../../server/domain/settings/settings.js';
import { InboxEvent } from '../../server/domain/inbox/inbox-event.entity.js';
import { normalizeLocale, type Locale } from '../../locales/index.js';
import { commands } from '../commands/index.js';
import { actions } from '../actions/index.js';
import { continueApprovalInput } from '../actions/approval.js';
import { continueFollowUp } from '../commands/continue-follow-up.js';
import { reply, text, markdown, type BotDeps, type Turn } from '../commands/command.js';

/** The bot's stage vocabulary is the configured stage list (labels in every language) plus won/lost. */
async function stagesFor(c: DomainContext): Promise<BotStage[]> {
  const configured = await getSetting(c, 'stages');
  const open = configured.map((s) => ({
    key: s.key, kind: 'open' as const,
    names: [...Object.values(s.label), ...(DEFAULT_STAGES.find((d) => d.key === s.key)?.names ?? [])],
  }));
  return [...open, ...DEFAULT_STAGES.filter((d) => d.kind !== 'open')];
}

async function markDone(c: DomainContext, inboxId: number | undefined): Promise<void> {
  if (inboxId) await c.tx.update(InboxEvent, { id: inboxId }, { status: 'done', processedAt: c.now });
}

async function runMessage(c: DomainContext, turn: Turn, m: InboundMessage): Promise<void> {
  // An approval card asked this person for a reason or a colleague: their next 1:1 message is the answer.
  const asked = turn.answerDueBefore && turn.answerDueBefore.getTime() > c.now.getTime();
  if (asked && turn.inbound.kind === 'message' && m.chatType === 'single' && (await continueApprovalInput(c, turn, m.text))) return;
  const u = understand(m.text, { now: c.now, timeZone: turn.timeZone, locale: turn.locale, stages: await stagesFor(c), dateMemo: turn.dateMemo, workDays: turn.workDays });
  // A reminder card's "写跟进" waits for the follow-up: a 1:1 message that reads like a report is it.
  const expecting = turn.followUpDueBefore && turn.followUpDueBefore.getTime() > c.now.getTime();
  if (expecting && turn.inbound.kind === 'message' && m.chatType === 'single' && (await continueFollowUp(c, turn, m.text, u))) return;
  const command = commands[u.intent];
  await command.run(c, turn, u as never);
}

async function runEvent(c: DomainContext, turn: Turn, e: InboundEvent): Promise<void> {
  if (e.event === 'enter') await reply(c, turn, markdown('bot.welcome', { name: turn.user.name }));
  // A menu item's key is a phrase the bot understands (e.g. "今天的待办"), so menus need no code of their own.
  else if (e.key) await runMessage(c, turn, { ...e, kind: 'message', text: e.key, chatId: e.address.chatId ?? e.userId, chatType: 'single' });
}

async function runCardAction(c: DomainContext, turn: Turn, a: InboundCardAction): Promise<void> {
  const decoded = turn.deps.decodeAction(a.actionKey, a.handle.cardId);
  if (!decoded) {
    await reply(c, turn, text('bot.card.invalid'));
    return;
  }
  const handler = actions[decoded.action];
  if (!handler) {
    await reply(c, turn, text('bot.card.invalid'));
    return;
  }
  await handler(c, turn, { action: decoded.action, data: decoded.data, tap: a });
}

export function createTurnHandler(deps: BotDeps) {
  return async function handleInbound(inbound: Inbound, meta: { inboxId?: number } = {}): Promise<'done'> {
    // The actor is filled in once the sender is known, inside the same transaction (one round trip less per turn).
    const actor: Actor = { ...systemActor(), channel: inbound.kind === 'card_action' ? 'card' : 'bot' };
    const turn: Turn = { inbound, address: inbound.address, user: { id: 0, name: '' } as never, actor, locale: 'zh-CN', timeZone: companyTimeZone(deps.db), deps, replies: 0 };
    // Lines are read ahead on another thread, at the instant the turn will use as "now" (so the readings fit).
    const now = deps.db.clock.now();
    const line = inbound.kind === 'message' ? inbound.text : inbound.kind === 'event' ? inbound.key : undefined;
    // In the zone last read; readings are keyed by zone, so a zone changed meanwhile only costs reading them again.
    if (line && deps.readAhead) turn.dateMemo = await deps.readAhead.read(line, { now, timeZone: turn.timeZone });
    try {
      await withTx(deps.db, actor, async (c) => {
        const speaker = await findSpeaker(c.tx, inbound.platform, inbound.userId);
        if (!speaker) {
          // Unknown people get one polite answer and nothing else.
          turn.locale = inbound.kind === 'message' && !/[\u4e00-\u9fff]/.test(inbound.text) ? 'en-US' : 'zh-CN';
          await reply(c, turn, text('bot.unknown_user'));
          await markDone(c, meta.inboxId);
          return;
        }
        const { user } = speaker;
        turn.user = user;
        turn.answerDueBefore = speaker.answerDueBefore;
        turn.followUpDueBefore = speaker.followUpDueBefore;
        turn.locale = normalizeLocale(user.locale);
        turn.timeZone = await getSetting(c, 'timeZone');
        turn.workDays = await getSetting(c, 'workDays');
        Object.assign(actor, { userId: user.id, role: user.role, teamId: user.teamId, locale: turn.locale });
        if (inbound.kind === 'message') await runMessage(c, turn, inbound);
        else if (inbound.kind === 'event') await runEvent(c, turn, inbound);
        else await runCardAction(c, turn, inbound);
        await markDone(c, meta.inboxId);
      }, { now });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // A rule said no (not found, forbidden, invalid…): nothing was changed; tell the user why, in their language.
      await withTx(deps.db, actor, async (c) => {
        turn.replies = 0;
        const params = { ...e.params, ...(e.field ? { field: e.field } : {}) };
        await reply(c, turn, text(`error.${e.code}`, params));
        await markDone(c, meta.inboxId);
      });
    }
    return 'done';
  };
}
