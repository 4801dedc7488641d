// The single dedupe point: an inbound message or tap is stored once per (platform, eventId), then the platform is
// answered. Nothing else happens here; the inbox worker (server/jobs/run-inbox.ts) does the work after the ack.
import type { Inbound, Inbox } from './message.js';
import type { Db } from '../../server/domain/shared/db.js';
import { serialized } from '../../server/domain/shared/db.js';
import { InboxEvent } from '../../server/domain/inbox/inbox-event.entity.js';
import { isUniqueViolation } from '../../server/domain/shared/unique-violation.js';

/** Revives an inbound event stored as JSON. */
export function inboundFromRow(row: InboxEvent): Inbound {
  const p = row.payload as unknown as Inbound & { at: string };
  return { ...p, at: new Date(p.at) } as Inbound;
}

export function createInbox(db: Db, onAccepted: () => void = () => {}): Inbox {
  return {
    async accept(event: Inbound) {
      const now = db.clock.now();
      try {
        await serialized(db, () => db.ds.getRepository(InboxEvent).insert({
          platform: event.platform,
          eventId: event.eventId.slice(0, 128),
          kind: event.kind,
          payload: event as never,
          status: 'pending',
          attempts: 0,
          receivedAt: now,
          availableAt: now,
        }));
      } catch (e) {
        if (isUniqueViolation(e)) return 'duplicate';
        throw e;
      }
      onAccepted();
      return 'accepted';
    },
  };
}
