// Shared setup for the approval tests: a company, the full chat stack (real Koa, DB, fakes), API calls as anyone,
// and helpers to find and tap a person's approval cards on WeCom and DingTalk.
import { TARGETS, openTestDb, type Target, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { dingtalkCardCallback, dingtalkSignedHeaders } from '../../helpers/platform-callers.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';

export { TARGETS };
export type Who = keyof Org['users'];

export interface ApprovalStack {
  t: TestDb; org: Org; chat: ChatStack; customerId: number;
  api<T = any>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** A contract by repA for `yuan`, submitted; returns its id and the approval id. */
  submitContract(yuan: number, title?: string): Promise<{ contractId: number; approvalId: number }>;
  wecomCards(who: Who): WecomCard[];
  dingtalkCards(who: Who): DingCard[];
  tapWecom(who: Who, card: WecomCard, button: 'approve' | 'reject' | 'transfer' | 'return', as?: Who): Promise<number>;
  tapDingtalk(who: Who, card: DingCard, button: 'approve' | 'reject' | 'transfer' | 'return'): Promise<number>;
  /** WeCom template card updates addressed to `who` (each the single-use response_code path). */
  wecomUpdatesFor(who: Who): Record<string, any>[];
  texts(who: Who): string[];
  close(): Promise<void>;
}

export interface WecomCard { taskId: string; keys: Record<string, string>; body: Record<string, any> }
export interface DingCard { outTrackId: string; keys: Record<string, string>; params: Record<string, string>; updates: number }

const BUTTON_INDEX = { approve: 0, reject: 1, transfer: 2, return: 3 } as const;

export async function startApprovalStack(target: Target): Promise<ApprovalStack> {
  const t = await openTestDb(target);
  const org = await seedOrg(t.db);
  const now = t.clock.now();
  const customer = await t.db.ds.getRepository(Customer).save({ name: '重庆长寿化工有限公司', normalizedName: '长寿化工', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: now, updatedAt: now } as never) as unknown as Customer;
  const chat = await startChatStack(t);
  const tokens = new Map<Who, string>();
  const raw = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(chat.url + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const token = async (who: Who) => {
    if (!tokens.has(who)) tokens.set(who, (await raw('POST', '/api/v1/auth/dev', undefined, { username: org.users[who].username, channel: 'miniapp' })).body.token);
    return tokens.get(who)!;
  };
  const wecomId = (who: Who) => org.users[who].wecomUserId!;
  const dingId = (who: Who) => org.users[who].dingtalkUserId!;
  const s: ApprovalStack = {
    t, org, chat, customerId: customer.id,
    async api(who, method, path, body) { return raw(method, `/api/v1${path}`, await token(who), body); },
    async submitContract(yuan, title = `合同 ${yuan}`) {
      const created = await s.api('repA', 'POST', '/contracts', { customerId: customer.id, title, amountCents: yuan * 100 });
      if (created.status !== 200 && created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      const submitted = await s.api('repA', 'POST', `/contracts/${created.body.id}/submit`);
      if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      await chat.settle();
      const row = await t.db.ds.getRepository(Contract).findOneByOrFail({ id: created.body.id });
      return { contractId: created.body.id, approvalId: row.approvalId! };
    },
    wecomCards(who) {
      return chat.wecom.deliveredTo(wecomId(who)).filter((d) => d.msgtype === 'template_card').map((d) => {
        const card = d.body.template_card as Record<string, any>;
        const keys: Record<string, string> = {};
        for (const [name, i] of Object.entries(BUTTON_INDEX)) if (card.button_list?.[i]?.key) keys[name] = card.button_list[i].key;
        return { taskId: card.task_id, keys, body: card };
      });
    },
    dingtalkCards(who) {
      return [...chat.dingtalk.cards.values()].filter((k) => k.openSpaceId.endsWith(`.${dingId(who)}`)).map((k) => {
        const buttons = JSON.parse(k.cardParamMap.buttons ?? '[]') as { id: string; actionKey?: string }[];
        const keys = Object.fromEntries(buttons.filter((b) => b.actionKey).map((b) => [b.id, b.actionKey!]));
        return { outTrackId: k.outTrackId, keys, params: k.cardParamMap, updates: k.updates };
      });
    },
    tapWecom(who, card, button, as = who) { return chat.wecomTaps(wecomId(as), card.keys[button], card.taskId); },
    async tapDingtalk(who, card, button) {
      const body = dingtalkCardCallback({ outTrackId: card.outTrackId, userId: dingId(who), params: { action: card.keys[button] } });
      const res = await fetch(`${chat.url}/dingtalk/callback`, { method: 'POST', headers: dingtalkSignedHeaders(chat.dingtalk.appSecret), body: JSON.stringify(body) });
      return res.status;
    },
    wecomUpdatesFor(who) {
      return chat.wecom.cardUpdates.filter((u) => (u.body.userids as string[]).includes(wecomId(who))).map((u) => u.body);
    },
    texts(who) {
      const w = chat.wecom.deliveredTo(wecomId(who)).filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
      return w;
    },
    async close() { await chat.close(); await t.close(); },
  };
  return s;
}
