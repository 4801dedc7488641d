// The neutral chat model shared by every adapter, the conversation and the jobs. Imports nothing.
export type Platform = 'wecom' | 'dingtalk' | 'emulator';
export type Locale = 'zh-CN' | 'en-US';

/** Where to send: enough to reach a user or a chat later (cf. botbuilder ConversationReference). */
export interface Address {
  platform: Platform;
  tenant: string;
  userId?: string;
  chatId?: string;
  chatType?: 'single' | 'group';
  /** DingTalk sessionWebhook and similar short-lived reply routes; optional, never required to reach someone. */
  replyUrl?: string;
  replyUrlExpiresAt?: number;
}

export interface InboundMessage {
  kind: 'message';
  platform: Platform;
  tenant: string;
  /** The platform's message id (or a derived event key): the dedupe key. */
  eventId: string;
  userId: string;
  chatId: string;
  chatType: 'single' | 'group';
  text: string;
  /** Users @-mentioned besides the bot. */
  mentions?: string[];
  at: Date;
  address: Address;
}

/** enter_agent, menu clicks, group joins: events that carry no text. */
export interface InboundEvent {
  kind: 'event';
  platform: Platform;
  tenant: string;
  eventId: string;
  userId: string;
  event: 'enter' | 'menu';
  key?: string;
  at: Date;
  address: Address;
}

/** The platform's handle on one delivered copy of a card, needed to update it in place. */
export interface CardHandle {
  platform: Platform;
  /** WeCom task_id / DingTalk outTrackId: stable per copy. */
  cardId: string;
  /** WeCom response_code from the tap (single-use, time-limited). */
  responseCode?: string;
}

export interface InboundCardAction {
  kind: 'card_action';
  platform: Platform;
  tenant: string;
  eventId: string;
  userId: string;
  /** Encoded action payload as carried by the button (decode with cards/action-payload.ts). */
  actionKey: string;
  /** Selected option ids, for choice/vote cards. */
  selected?: string[];
  handle: CardHandle;
  at: Date;
  address: Address;
}

export type Inbound = InboundMessage | InboundEvent | InboundCardAction;

/** What we want said. Text is a locale key, not a sentence, so each reader gets their own language. */
export type Outbound =
  | { kind: 'text'; key: string; params?: Record<string, unknown> }
  | { kind: 'markdown'; key: string; params?: Record<string, unknown> }
  | {
    kind: 'card'; template: string; data: Record<string, unknown>; cardId: string;
    /** What the card is about, so every copy can be found and updated together (e.g. approval step 12). */
    subject?: { type: string; id: number }; recipientUserId?: number;
  }
  /** Re-render a delivered card in place from new data (all readers see the outcome). */
  | {
    kind: 'card_update'; cardId: string; data: Record<string, unknown>; fallbackKey?: string; fallbackParams?: Record<string, unknown>;
    /** A refresh worth nothing as a message (e.g. 会签 progress): when the copy can no longer be updated, drop it. */
    quiet?: boolean;
  };

/** Result of a send: the ids needed to update or recall it. */
export interface SentHandle {
  platform: Platform;
  messageId?: string;
  cardId?: string;
  /** WeCom returns a response_code on interactive card sends, usable once to update the card. */
  responseCode?: string;
  /** Set when the platform had no sensible way left to say it (e.g. a welcome past its window): why, for the record. */
  skipped?: string;
}

/** The single dedupe point: store an inbound event once per (platform, eventId). */
export interface Inbox {
  accept(event: Inbound): Promise<'accepted' | 'duplicate'>;
}

/**
 * A reader's verdict on one of the bot's answers (the thumbs under a WeCom robot reply). Recorded, never answered:
 * it is not a turn.
 */
export interface ReplyFeedback {
  platform: Platform;
  tenant: string;
  /** The platform's id of this feedback event: the dedupe key. */
  eventId: string;
  /** The id the bot gave its answer when sending it, echoed back by the platform. */
  replyRef: string;
  userId: string;
  chatId: string;
  chatType: 'single' | 'group';
  /** 'withdrawn': the reader took back an earlier verdict. */
  rating: 'good' | 'bad' | 'withdrawn';
  /** The reader's own words, if they wrote any. */
  comment?: string;
  /** The platform's reason codes for a bad answer, as it sent them. */
  reasons?: string[];
  at: Date;
}

/** Stores each feedback event once per (platform, eventId). */
export interface FeedbackLog {
  record(feedback: ReplyFeedback): Promise<'recorded' | 'duplicate'>;
}

/**
 * The group chats a bot has heard from, kept across restarts: a bot pushes only into chats it is in, and hearing
 * from a chat is how it learns it is there.
 */
export interface HeardChats {
  /** Every chat heard from on `platform`, with when it was last heard. */
  load(platform: Platform): Promise<{ chatId: string; heardAt: Date }[]>;
  /** Heard from `chatId` at `at`: remembered, or its time moved forward. */
  heard(platform: Platform, chatId: string, at: Date): Promise<void>;
  /** The platform said the bot is not in `chatId` (any more). */
  forget(platform: Platform, chatId: string): Promise<void>;
}
