// "公海里有什么线索" → the newest pool leads; "领取 …" → claim one by name (race-safe in the domain).
import { listRecords } from '../../server/domain/shared/records.js';
import { leadObject } from '../../server/domain/lead/lead.object.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { claimFromPool } from '../../server/domain/pool/claim-from-pool.js';
import { t } from '../../locales/index.js';
import { markdown, reply, text, type Command } from './command.js';

export const poolListCommand: Command<'pool.list'> = {
  intent: 'pool.list',
  async run(c, turn, u) {
    const kind = u.entities.kind ?? 'lead';
    const def = kind === 'customer' ? customerObject : leadObject;
    const page = await listRecords(c, def as never, { filters: { ownerId: 'null' }, sort: '-updatedAt', limit: 10 });
    if (!page.items.length) {
      await reply(c, turn, text('bot.pool.empty'));
      return;
    }
    const lines = page.items.map((r, i) => t(turn.locale, 'bot.pool.line', {
      n: i + 1, name: String(r.company ?? r.name), region: String(r.region ?? '-'), source: String(r.source ?? '-'),
    })).join('\n');
    await reply(c, turn, markdown('bot.pool.list', { lines, kind: t(turn.locale, `bot.pool.kind.${kind}`) }));
  },
};

export const poolClaimCommand: Command<'pool.claim'> = {
  intent: 'pool.claim',
  async run(c, turn, u) {
    const name = u.entities.name?.trim();
    if (!name) {
      await reply(c, turn, text('bot.pool.claim_which'));
      return;
    }
    for (const [object, def, label] of [['lead', leadObject, 'company'], ['customer', customerObject, 'name']] as const) {
      const page = await listRecords(c, def as never, { filters: { ownerId: 'null' }, q: name, limit: 5 });
      if (page.items.length > 1) {
        const names = page.items.map((r) => String(r[label])).join(t(turn.locale, 'bot.list_separator'));
        await reply(c, turn, text('bot.pool.claim_ambiguous', { names }));
        return;
      }
      if (page.items.length === 1) {
        const rec = page.items[0];
        await claimFromPool(c, object, rec.id as number);
        await reply(c, turn, text('bot.pool.claimed', { name: String(rec[label]) }));
        return;
      }
    }
    await reply(c, turn, text('bot.pool.claim_not_found', { name }));
  },
};
