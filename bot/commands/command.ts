// What every command and card action gets: the turn (who said what, where to answer) and a way to reply
// through the outbox inside the same transaction as the domain change.
import { createHash } from 'node:crypto';
import type { Address, Inbound, Outbound } from '../core/message.js';
import type { Understanding, Intent } from '../understand/types.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Actor } from '../../server/domain/shared/actor.js';
import type { User } from '../../server/domain/user/user.entity.js';
import type { Locale } from '../../locales/index.js';
import type { Db } from '../../server/domain/shared/db.js';
import type { DateMemo } from '../understand/parse-date.js';
import type { ReadAhead } from '../understand/read-ahead.js';

export interface BotDeps {
  db: Db;
  /** Decodes a tapped button's key (signed, bound to the card copy). */
  decodeAction: (key: string, cardId: string) => { action: string; data: Record<string, string> } | undefined;
  /** Reads a line's dates on another thread before its turn (optional: without it they are read in the turn). */
  readAhead?: ReadAhead;
}

export interface Turn {
  inbound: Inbound;
  address: Address;
  user: User;
  actor: Actor;
  locale: Locale;
  /** The company time zone (the setting, read in the turn's transaction): dates said and shown are in it. */
  timeZone: string;
  /** The company's work days (ISO weekdays, the setting, read with the zone): deadlines said as a period end on one. */
  workDays?: readonly number[];
  deps: BotDeps;
  /** Replies so far: numbers each reply's dedupe key. */
  replies: number;
  /** Dates of the line read ahead of the turn (see bot/understand/read-ahead.ts). */
  dateMemo?: DateMemo;
  /** Set while an approval card waits for this person's answer in chat (see bot/core/speaker.ts). */
  answerDueBefore?: Date | null;
  /** Set while a reminder card's "写跟进" waits for this person's follow-up in chat (see bot/core/speaker.ts). */
  followUpDueBefore?: Date | null;
}

/**
 * The turn's own prefix of an outbox dedupe key: the event's id, or its digest when long (a card tap's id holds the
 * signed action key), so what follows it is never cut off by the key's 128 characters and two replies never collide.
 */
export function turnKey(turn: Turn): string {
  const id = turn.inbound.eventId;
  return `${turn.inbound.platform}:${id.length > 72 ? createHash('sha256').update(id).digest('base64url') : id}`;
}

/** Queue a reply to where the turn came from, in the command's transaction (sent after commit). */
export async function reply(c: DomainContext, turn: Turn, message: Outbound, to: Address = turn.address): Promise<void> {
  await c.outbox.push({ address: to, message, locale: turn.locale, dedupeKey: `${turnKey(turn)}:${turn.replies++}` });
}

export const text = (key: string, params?: Record<string, unknown>): Outbound => ({ kind: 'text', key, params });
export const markdown = (key: string, params?: Record<string, unknown>): Outbound => ({ kind: 'markdown', key, params });

export type UnderstandingOf<I extends Intent> = Extract<Understanding, { intent: I }>;

export interface Command<I extends Intent = Intent> {
  intent: I;
  run(c: DomainContext, turn: Turn, u: UnderstandingOf<I>): Promise<void>;
}
