// A card copy's stored data is what it is re-rendered from (bot/core/deliver.ts) and what a late tap is answered from.
import type { DomainContext } from '../shared/with-tx.js';
import { CardInstance } from './card-instance.entity.js';

/**
 * Adds `patch` to the copy's stored data, as JSON (dates as ISO text, as the outbox carries them), and returns that
 * JSON form: the update to send for the copy.
 */
export async function storeOnCard(c: DomainContext, card: CardInstance, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const data = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
  await c.tx.update(CardInstance, { id: card.id }, { data: { ...card.data, ...data } as never });
  return data;
}
