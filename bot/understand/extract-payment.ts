// 回款 in chat: money that arrived ("华为回款50万到账了", "收到华为 50 万回款", "received 500k from Huawei", "Huawei paid
// 120,000"), the instalments still open ("哪些合同还没回款", "逾期回款", "overdue payments") and the month's summary
// ("本月回款情况", "payments this month"). A follow-up that mentions money ("跟进 华为 催回款，客户说下周付") and the
// boards ("本周回款排行", "我这个月回款多少") are understood before these.
import { findAmounts, type AmountMention } from './parse-amount.js';
import type { PaymentReceiveEntities } from './types.js';

// Words that say the money is here (not promised, not chased).
const ZH_ARRIVED = /到账|到帐|收到|已收|收了|进账|入账|打款|打来|汇款|汇来|汇了|转账|转来|付了|已付|支付了|付款了|回款了/;
const EN_ARRIVED = /\b(?:received|got|collected|paid|transferred|wired|remitted|came in|arrived|landed|cleared)\b/i;
// Words that make it something else: a plan, a promise, a question, a chase.
const ZH_NOT_YET = /下周|下个?月|明天|后天|月底前?|预计|计划|准备|答应|承诺|说|催|希望|争取|能否|是否|吗|还没|没有|尚未|将会|会在|要在|将在|[?？]/;
const EN_NOT_YET = /\b(?:will|would|going to|next|expect(?:s|ed)?|promis(?:e|es|ed)|should|need|asked|chase|remind|plan(?:s|ned)?|not|yet)\b|n't\b|\?/i;
// A report of a call or a visit that mentions money is a follow-up ("给华为打电话，50万下周到账").
const ZH_CONTACT = /电话|拜访|走访|微信|开会|会议|邮件|沟通|聊了|见面|面谈|约见/;
const EN_CONTACT = /\b(?:called|phoned|rang|visited|met|emailed|messaged|talked|spoke|meeting|call|visit)\b/i;

// What stands between the customer and the amount: the kind of money and the verbs of its arrival.
const ZH_MONEY = /(?:的)?(?:回款|款项|货款|尾款|首付款|预付款|进度款|首款|打款|汇款|转账|付款|打来|汇来|转来|汇了|付了|已付|支付|到账|到帐|进账|入账|已经|已)/;
const ZH_LEAD_IN = /^(?:今天|今日|昨天|刚才|刚刚|上午|下午)?\s*(?:已经|已|刚)?\s*(?:确认)?\s*(?:收到了?|收到)\s*(?:客户)?\s*/;

/** A bare number said where an amount is expected ("Huawei paid 120,000"): digits with thousands commas, or three or more. */
const BARE = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?(?![\d年月日号期点.%])/;

function amountIn(text: string): AmountMention | undefined {
  const said = findAmounts(text)[0];
  if (said) return said;
  const m = BARE.exec(text);
  if (!m) return undefined;
  const cents = Math.round(Number(m[0].replace(/,/g, '')) * 100);
  return Number.isSafeInteger(cents) && cents > 0 ? { text: m[0], start: m.index, end: m.index + m[0].length, cents } : undefined;
}

const tidy = (s: string) => s.replace(/^[\s,，:：;；、]+|[\s,，:：;；、。.!！的了]+$/g, '').replace(/^(?:客户|the customer)\s*/i, '').trim();

/** A receipt told in one line, or undefined. The customer is a raw mention; it must not read like a report. */
export function extractReceipt(text: string): PaymentReceiveEntities | undefined {
  const zh = /[\u3400-\u9fff]/.test(text);
  if (zh ? !ZH_ARRIVED.test(text) || ZH_NOT_YET.test(text) || ZH_CONTACT.test(text) : !EN_ARRIVED.test(text) || EN_NOT_YET.test(text) || EN_CONTACT.test(text)) return undefined;
  const amount = amountIn(text);
  if (!amount) return undefined;
  const rest = `${text.slice(0, amount.start)} ${text.slice(amount.end)}`.replace(/\s+/g, ' ').trim();
  let customer: string | undefined;
  if (zh) {
    const body = rest.replace(ZH_LEAD_IN, '');
    const cut = ZH_MONEY.exec(body);
    customer = tidy(cut ? body.slice(0, cut.index) : body);
  } else {
    const from = /\bfrom\s+(.+?)\s*(?:\b(?:today|yesterday|this morning|just now)\b|[,.!;]|$)/i.exec(rest);
    const before = /^(.+?)\s+(?:has\s+|have\s+|just\s+)*(?:paid|transferred|wired|remitted|sent)\b/i.exec(rest)
      ?? /^(.+?)(?:['’]s)?\s+(?:payment|transfer|money|instal(?:l)?ment)s?\b/i.exec(rest);
    customer = tidy((from?.[1] ?? before?.[1] ?? '').replace(/['’]s$/, ''));
  }
  // "拜访了华为，客户说…已到账" or "called Huawei, they paid 50k" is a report of a visit or call, not finance's receipt.
  if (customer && /[,，。;；！!？?]/.test(customer)) return undefined;
  return { amountCents: amount.cents, ...(amount.currency ? { currency: amount.currency } : {}), ...(customer ? { customerName: customer } : {}) };
}

const ZH_OPEN_WORDS = '(?:待回款|待收款|未回款|应收款?|应收账款|欠款|逾期回款|回款逾期|逾期未付款?|逾期未回款|逾期的回款|逾期款项?|逾期)';
const OUTSTANDING = new RegExp([
  // "哪些合同还没回款", "还有哪些客户没付款", "哪些没到账"
  `^(?:看看|看一下|查一下|查查|帮我看看|帮我查一下)?\\s*(?:还有)?(?:哪些|哪几个|什么)?(?:合同|客户|单子|分期)?(?:还)?(?:没有?|未)(?:回款|付款|收款|打款|到账)(?:的)?(?:合同|客户|分期)?(?:有哪些|有几个|有多少)?[?？]*$`,
  // "待回款", "逾期回款", "逾期的回款有哪些", "待回款清单"
  `^(?:看看|看一下|查一下|查查|帮我看看|帮我查一下)?\\s*(?:所有|全部|我的|我们的?|本组的?|团队的?)?${ZH_OPEN_WORDS}(?:的)?(?:合同|客户|分期|清单|列表|明细|情况)?(?:有哪些|有几个|有多少|还有多少)?[?？]*$`,
  // "outstanding payments", "show overdue payments", "unpaid instalments", "receivables", "who owes us money"
  '^(?:show |list |what are |what\'s |which are |any )?(?:me )?(?:the |my |our |all )*(?:outstanding|overdue|unpaid|late|open|pending)\\s+(?:payments?|instal(?:l)?ments?|receivables?|invoices?)(?:\\s+(?:list|please))?[?.!]*$',
  '^(?:which|what) contracts? (?:are|have|haven\'t|have not)\\s*(?:not |n\'t )?(?:yet )?(?:been )?(?:paid|unpaid|overdue)(?: yet)?[?.!]*$',
  '^(?:show |list )?(?:the |our )?receivables[?.!]*$|^who (?:still )?owes (?:us )?(?:money)?[?.!]*$',
].join('|'), 'i');

// The summary, not the asker's own figures: "我这个月回款多少" is the board's (leaderboard.mine), "我们…" is ours.
const ZH_MONTH = '(本月|这个?月|当月|上个?月)';
const SUMMARY = new RegExp([
  `^(?!我(?!们))(?:看看|看一下|查一下|查查|帮我看看|帮我查一下)?\\s*(?:我们|咱们|公司|全公司)?的?\\s*${ZH_MONTH}?\\s*的?\\s*(?:回款|收款)(?:情况|多少|汇总|总额|统计|进度|怎么样|如何|了多少|有多少|总共多少|一共多少|金额|完成情况)?(?:了)?[?？]*$`,
  `^(?!我(?!们))(?:我们|咱们|公司)?${ZH_MONTH}\\s*(?:一共|总共)?(?:收了|回了|到了|到账了?)多少(?:回款|钱|款)?[?？]*$`,
  '^(?:show (?:me )?|what are |what were |how are |how were )?(?:the |our )?(?:payments?|collections?|receipts|cash collected)\\s+(?:(?:for |in )?(?:this|last) month|so far)[?.!]*$',
  '^(?:this|last) month\'?s? (?:payments?|collections?)(?: summary)?[?.!]*$',
  '^payments? (?:summary|overview)(?: (?:for |this |last )?month)?[?.!]*$',
  '^how much (?:have we|did we|has been|was|were) (?:collected|received|collect|receive)(?: (?:in |so far )?(?:this|last) month| so far)?[?.!]*$',
].join('|'), 'i');

/** "哪些合同还没回款" / "overdue payments": which instalments (overdue only when the line says so). */
export function extractOutstanding(text: string): { overdueOnly: boolean } | undefined {
  return OUTSTANDING.test(text) ? { overdueOnly: /逾期|过期|超期|\boverdue\b|\blate\b/i.test(text) } : undefined;
}

/** "本月回款情况" / "payments this month": which month (0 this, -1 last). */
export function extractPaymentSummary(text: string): { offset: number } | undefined {
  return SUMMARY.test(text) ? { offset: /上个?月|\blast month\b/i.test(text) ? -1 : 0 } : undefined;
}
