// The contract every chat platform implements (one folder per platform in bot/platforms/). Knows no platform.
// Rendering is not here: callers pass text, or card JSON already rendered by cards/render/<platform>.ts.
import type { Router } from '@koa/router';
import type { Address, CardHandle, Inbox, Platform, SentHandle } from './message.js';

/** What a platform is asked to deliver: plain text, markdown, or a card rendered for this platform. */
export type Rendered =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; text: string; title?: string }
  /** `card` is the platform's own card JSON (WeCom template_card body, DingTalk cardParamMap…); `cardId` is
   *  our stable id for this copy (WeCom task_id, DingTalk outTrackId), derived from a business key so a retried
   *  send cannot fork a second card. */
  | { kind: 'card'; card: Record<string, unknown>; cardId: string; templateId?: string };

export interface SendOptions {
  /** Nobody is waiting for this message (a reminder, a scheduled board): it leaves room in the platform's rate windows for answers. */
  push?: boolean;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  /** Mount the callback route(s): verify, decode, inbox.accept(), answer at once. No business work here. */
  mount(router: Router, inbox: Inbox): void;
  /** Socket transports only (DingTalk Stream mode): connect, accept, ack. */
  start?(inbox: Inbox): Promise<void>;
  stop?(): Promise<void>;
  /** Deliver one message. Waits for the platform's rate limits (never drops); throws PlatformError. */
  send(to: Address, rendered: Rendered, opts?: SendOptions): Promise<SentHandle>;
  /** Rewrite a delivered card in place. `handle` comes from a send or from a tap (InboundCardAction.handle). */
  updateCard(handle: SentHandle | CardHandle, to: Address, rendered: Extract<Rendered, { kind: 'card' }>): Promise<void>;
}

/** A failed platform call, typed so an outbox can decide between retry and dead letter. */
export class PlatformError extends Error {
  readonly platform: Platform;
  /** The platform's errcode (or `http_<status>`, `timeout`, `network`, `config`) as a string. */
  readonly code: string;
  readonly retryable: boolean;
  constructor(platform: Platform, code: string | number, message: string, retryable: boolean) {
    super(`${platform} ${code}: ${message}`);
    this.name = 'PlatformError';
    this.platform = platform;
    this.code = String(code);
    this.retryable = retryable;
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError;
}
