// A card-tap handler: gets the decoded payload and the tap (who, which copy), runs inside the turn's transaction.
import type { InboundCardAction } from '../core/message.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import type { Turn } from '../commands/command.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';

export interface Tap { action: string; data: Record<string, string>; tap: InboundCardAction }
export type ActionHandler = (c: DomainContext, turn: Turn, tap: Tap) => Promise<void>;

/**
 * The tapped copy, locked for this transaction, with the tap's fresh WeCom response_code recorded (it is what
 * lets us update that copy in place, once). A second tap of the same button waits here and then sees the new state.
 */
export async function lockCard(c: DomainContext, tap: InboundCardAction): Promise<CardInstance | null> {
  const qb = c.tx.createQueryBuilder(CardInstance, 'k').where('k.card_id = :id', { id: tap.handle.cardId });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const inst = await qb.getOne();
  if (inst && tap.handle.responseCode) {
    await c.tx.update(CardInstance, { id: inst.id }, { responseCode: tap.handle.responseCode, responseCodeAt: c.now });
    inst.responseCode = tap.handle.responseCode;
  }
  return inst;
}
