// Delivers one outbox row: expand the card for its reader's language, render it for the platform, send it,
// and remember every card copy (CardInstance) so it can be updated in place later. Platform-blind: adapters
// and renderers are handed in by server/main.ts.
import type { Address, Outbound, Platform } from './message.js';
import type { PlatformAdapter, Rendered } from './platform.js';
import { PlatformError } from './platform.js';
import type { CardSpec, CardTemplateId } from '../../cards/spec.js';
import { expandCard } from '../../cards/templates/index.js';
import { t, type Locale } from '../../locales/index.js';
import type { Db } from '../../server/domain/shared/db.js';
import { serialized } from '../../server/domain/shared/db.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import type { OutboxMessage } from '../../server/domain/outbox/outbox-message.entity.js';

export type CardRenderer = (spec: CardSpec) => Rendered;

const UPSERT_COLUMNS = ['platform', 'address', 'template', 'data', 'locale', 'subject_type', 'subject_id', 'recipient_user_id', 'message_id', 'response_code', 'response_code_at', 'updated_at'];

export interface DelivererDeps {
  db: Db;
  adapters: Partial<Record<Platform, PlatformAdapter>>;
  renderers: Partial<Record<Platform, CardRenderer>>;
}

/** Card data travels as JSON; dates come back as ISO strings and templates want Dates. */
export function reviveDates(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return new Date(v);
  if (Array.isArray(v)) return v.map(reviveDates);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveDates(x)]));
  return v;
}

/** `now`: when the card is shown (a due time in another year than now's shows its year: cards/format.ts). */
export function expandFor(template: string, data: Record<string, unknown>, locale: Locale, now?: Date): CardSpec {
  return expandCard(template as CardTemplateId, { ...(reviveDates(data) as Record<string, unknown>), ...(now ? { now } : {}) } as never, locale);
}

/**
 * A row nobody is waiting for: written by a background worker (reminders, boards), so it carries no request id;
 * rows written while handling a person's message, tap or API call carry theirs and are answers (SendOptions.push).
 */
export function isPush(row: Pick<OutboxMessage, 'requestId'>): boolean {
  return !row.requestId;
}

export function createDeliverer(deps: DelivererDeps): (row: OutboxMessage) => Promise<Record<string, unknown>> {
  const cards = deps.db.ds.getRepository(CardInstance);
  const save = (fn: () => Promise<unknown>) => serialized(deps.db, fn);

  return async (row) => {
    const address = row.address as unknown as Address;
    const { message, locale } = row.payload as { message: Outbound; locale: Locale };
    const adapter = deps.adapters[address.platform];
    if (!adapter) throw new PlatformError(address.platform, 'config', `platform ${address.platform} is not configured`, false);
    const render = deps.renderers[address.platform];
    const opts = { push: isPush(row) };

    if (message.kind === 'text' || message.kind === 'markdown') {
      const text = t(locale, message.key, message.params ?? {});
      const sent = await adapter.send(address, message.kind === 'text' ? { kind: 'text', text } : { kind: 'markdown', text }, opts);
      return { ...sent };
    }

    if (message.kind === 'card') {
      if (!render) throw new PlatformError(address.platform, 'config', 'no card renderer', false);
      const spec = expandFor(message.template, { ...message.data, cardId: message.cardId }, locale, deps.db.clock.now());
      const sent = await adapter.send(address, render(spec), opts);
      const now = deps.db.clock.now();
      const fields = {
        platform: address.platform, address: address as unknown as Record<string, unknown>, template: message.template,
        data: message.data, locale, subjectType: message.subject?.type ?? null, subjectId: message.subject?.id ?? null,
        recipientUserId: message.recipientUserId ?? null, messageId: sent.messageId ?? null,
        responseCode: sent.responseCode ?? null, responseCodeAt: sent.responseCode ? now : null, updatedAt: now,
      };
      // One upsert: a resend of the same copy (after a crash) refreshes its handle and keeps its state and version.
      await save(() => cards.createQueryBuilder().insert().into(CardInstance)
        .values({ ...fields, cardId: message.cardId, state: 'active', version: 0, createdAt: now } as never)
        .orUpdate(UPSERT_COLUMNS, ['card_id']).updateEntity(false).execute());
      return { ...sent };
    }

    // card_update: re-render every field from the new data onto the delivered copy.
    const inst = await cards.findOneBy({ cardId: message.cardId });
    if (!inst) throw new PlatformError(address.platform, 'card_unknown', `no card ${message.cardId}`, false);
    if (!render) throw new PlatformError(address.platform, 'config', 'no card renderer', false);
    const data = { ...inst.data, ...message.data, cardId: inst.cardId };
    const spec = expandFor(inst.template, data, inst.locale, deps.db.clock.now());
    const rendered = render(spec) as Extract<Rendered, { kind: 'card' }>;
    try {
      await adapter.updateCard({ platform: address.platform, cardId: inst.cardId, messageId: inst.messageId ?? undefined, responseCode: inst.responseCode ?? undefined }, address, rendered);
    } catch (e) {
      // The platform no longer lets us touch this copy (response_code used or expired): say it in a message instead.
      if (!(e instanceof PlatformError) || e.retryable) throw e;
      if (message.quiet) {
        // Keep the new data all the same: a later update of this copy renders from it.
        await save(() => cards.update({ id: inst.id }, { data: data as never, updatedAt: deps.db.clock.now() }));
        return { skipped: true, reason: e.code };
      }
      const text = t(inst.locale, message.fallbackKey ?? 'bot.card.updated_fallback', { title: spec.title, status: spec.status?.text ?? '', ...(message.fallbackParams ?? {}) });
      await adapter.send(address, { kind: 'text', text }, opts);
      await save(() => cards.update({ id: inst.id }, { data: data as never, version: inst.version + 1, responseCode: null, updatedAt: deps.db.clock.now() }));
      return { fallback: true, reason: e.code };
    }
    await save(() => cards.update({ id: inst.id }, { data: data as never, version: inst.version + 1, responseCode: null, updatedAt: deps.db.clock.now() }));
    return { updated: inst.cardId };
  };
}
