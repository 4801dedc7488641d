// "撤回 年度框架合同" / "提交审批 年度框架合同": the submitter's own moves on a contract, by its title, from chat —
// the same use cases as the mini-program (withdrawContract, submitContract), so the approvers' cards follow. And
// "我的合同": where each of them stands.
import { In } from 'typeorm';
import { listRecords } from '../../server/domain/shared/records.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { formatMoney } from '../../cards/format.js';
import { contractObject, EDITABLE } from '../../server/domain/contract/contract.object.js';
import { withdrawContract } from '../../server/domain/contract/withdraw-contract.js';
import { submitContract } from '../../server/domain/contract/submit-contract.js';
import type { ContractStatus } from '../../server/domain/contract/contract.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { t } from '../../locales/index.js';
import { reply, text, type Command, type Turn } from './command.js';
import { LIST_LINES, replyList } from './list-reply.js';

/** The caller's own contract in one of `statuses` whose title is (or, failing that, contains) `title`. */
async function ownContract(c: DomainContext, turn: Turn, title: string, statuses: ContractStatus[], none: string): Promise<{ id: number; title: string } | null> {
  const page = await listRecords(c, contractObject, { q: title, filters: { ownerId: String(turn.user.id) }, limit: 20 });
  const open = page.items.filter((k) => statuses.includes(k.status as ContractStatus)).map((k) => ({ id: Number(k.id), title: String(k.title) }));
  const exact = open.filter((k) => k.title === title);
  const found = exact.length ? exact : open;
  if (found.length === 1) return found[0];
  await reply(c, turn, found.length ? text('bot.contract.which', { title, titles: found.map((k) => k.title).join(t(turn.locale, 'bot.list_separator')) }) : text(none, { title }));
  return null;
}

export const withdrawContractCommand: Command<'contract.withdraw'> = {
  intent: 'contract.withdraw',
  async run(c, turn, u) {
    const contract = await ownContract(c, turn, u.entities.title, ['pending'], 'bot.contract.none_to_withdraw');
    if (!contract) return;
    await withdrawContract(c, contract.id);
    await reply(c, turn, text('bot.contract.withdrawn', { title: contract.title }));
  },
};

export const submitContractCommand: Command<'contract.submit'> = {
  intent: 'contract.submit',
  async run(c, turn, u) {
    const contract = await ownContract(c, turn, u.entities.title, EDITABLE, 'bot.contract.none_to_submit');
    if (!contract) return;
    await submitContract(c, contract.id);
    await reply(c, turn, text('bot.contract.submitted', { title: contract.title }));
  },
};

export const myContractsCommand: Command<'contract.mine'> = {
  intent: 'contract.mine',
  async run(c, turn) {
    const page = await listRecords(c, contractObject, { filters: { ownerId: String(turn.user.id) }, sort: '-updatedAt', limit: LIST_LINES });
    const ids = [...new Set(page.items.map((k) => Number(k.customerId)))];
    const names = new Map(ids.length ? (await c.tx.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } })).map((x) => [x.id, x.name]) : []);
    await replyList(c, turn, 'bot.contracts', page, (k, n) => t(turn.locale, 'bot.contracts.line', {
      n, title: String(k.title),
      facts: [names.get(Number(k.customerId)) ?? '', t(turn.locale, `bot.contracts.status.${String(k.status)}`), ...(k.amountCents != null ? [formatMoney(Number(k.amountCents))] : [])].join(' · '),
    }));
  },
};
