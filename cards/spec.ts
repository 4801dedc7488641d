// The neutral card vocabulary (CardSpec): what a card says, already in its reader's language, before any platform.
// Pure data; renderers in cards/render/ turn one spec into WeCom, DingTalk or plain-text JSON.
import { createHash } from 'node:crypto';
import type { Locale } from '../locales/index.js';

export type CardTemplateId = 'follow-up-receipt' | 'payment-receipt' | 'task-receipt' | 'choice' | 'customer' | 'approval' | 'reminder' | 'leaderboard' | 'funnel';
export type ButtonStyle = 'primary' | 'default' | 'danger';
export type StatusTone = 'success' | 'danger' | 'warning' | 'info';

/** What a tap carries back, before encoding (cards/action-payload.ts). Values stay short: they travel in a ≤1024-byte key. */
export type ActionData = Record<string, string | number>;

export interface ActionButton {
  kind: 'action';
  id: string;
  labelKey: string;
  label: string;
  style: ButtonStyle;
  /** Dotted action id, e.g. 'approval.approve'. */
  action: string;
  payload: ActionData;
}

/** Opens a mini-program page (deep link path such as 'pages/customer/index?id=42'). */
export interface LinkButton {
  kind: 'link';
  id: string;
  labelKey: string;
  label: string;
  style: ButtonStyle;
  path: string;
}

export type CardButton = ActionButton | LinkButton;

export interface CardField {
  label: string;
  value: string;
  /** Hidden by a field rule for this reader: renderers omit it. */
  hidden?: boolean;
}

/** One line of a ranked or tabular list (leaderboard, funnel). */
export interface CardRow { label: string; value?: string }

export interface CardStatus {
  tone: StatusTone;
  /** Full banner, e.g. "已通过 · 王总 · 11月18日 10:00". */
  text: string;
  /** Short form for a disabled button (WeCom replace_name), e.g. "已通过". */
  short: string;
}

export interface ChoiceOption { id: string; label: string; description?: string }

/** Pick one of N. The tap returns `action` + `payload` plus the chosen option id. */
export interface CardChoice {
  key: string;
  prompt: string;
  options: ChoiceOption[];
  action: string;
  payload: ActionData;
  submitLabel: string;
}

export interface CardSpec {
  template: CardTemplateId;
  /** Stable per copy: WeCom task_id / DingTalk outTrackId. See cardIdFor(). */
  cardId: string;
  locale: Locale;
  /** App name shown as the card's source. */
  source: string;
  title: string;
  subtitle?: string;
  /** One key figure shown large (amount of a contract, rank of the reader…). */
  emphasis?: { value: string; label: string };
  status?: CardStatus;
  fields: CardField[];
  rows?: CardRow[];
  notes: string[];
  buttons: CardButton[];
  choice?: CardChoice;
  /** Mini-program page the card itself opens when tapped. */
  openPath?: string;
}

export const MAX_FIELDS = 6;
export const MAX_BUTTONS = 6;

/** Fields a reader sees: hidden ones dropped, at most six (WeCom horizontal_content_list limit). */
export function visibleFields(spec: CardSpec): CardField[] {
  return spec.fields.filter((f) => !f.hidden && f.value !== '').slice(0, MAX_FIELDS);
}

const CARD_ID_RE = /^[0-9A-Za-z_\-@]{1,128}$/;

export function isValidCardId(id: string): boolean {
  return CARD_ID_RE.test(id);
}

/**
 * A card id within WeCom's task_id rules (charset [0-9A-Za-z_-@], ≤128 bytes) from parts such as
 * (instance id, recipient). Deterministic, so a retried send cannot fork a second card (platforms.md B9.6).
 */
export function cardIdFor(...parts: (string | number)[]): string {
  const raw = parts.map((p) => String(p)).join('-');
  const safe = raw.replace(/[^0-9A-Za-z_\-@]/g, '_');
  if (safe.length <= 128 && safe === raw) return safe;
  // Characters were replaced (so two ids could collide) or it is too long: keep a readable head plus a digest.
  const digest = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
  return `${safe.slice(0, 128 - 23)}@${digest}`;
}
