// Opportunities in a sentence: create ("华为 新商机 5G基站项目 50万 预计下月底成交") and move a stage ("… 推进到 商务谈判").
import { findAmounts } from './parse-amount.js';
import { findDates, type DateContext } from './parse-date.js';
import { matchStage, stageOfKind, type StageDef } from './stages.js';
import type { MoveStageEntities, OpportunityCreateEntities } from './types.js';

export const OPP_CREATE_TRIGGER = /(?:新商机|新建商机|创建商机|新增商机|添加商机|录入商机|建(?:个|一个)?商机|\bnew (?:opportunity|deal|opp)\b|\b(?:create|add|open) (?:an? |new )?(?:opportunity|deal)\b)/i;

const CLOSE_WORDS = /预计|预期|计划|争取|有望|可能|成交|签约|签单|落地|\bexpected to close\b|\bexpect(?:ed|s)?\b|\bclos(?:e|es|ed|ing)\b|\btarget(?:ing)?\b/gi;
const AMOUNT_WORDS = /金额|预算|价值|\bworth\b|\bvalue[d]?\b|\bamount\b|\bbudget\b/gi;

export function extractOpportunityCreate(text: string, ctx: DateContext): OpportunityCreateEntities {
  const m = OPP_CREATE_TRIGGER.exec(text)!;
  let customer = text.slice(0, m.index).replace(/^(?:给|为|帮)|(?:客户|建|的|\bfor\b)\s*$/gi, '').replace(/^(?:客户)\s*[:：]?/, '').trim();
  let rest = text.slice(m.index + m[0].length).trim();
  if (!customer) {
    const c = /^(?:for|with)\s+(.+?)\s*[:：,，]\s*([\s\S]*)$/i.exec(rest) ?? /^客户\s*[:：]?\s*(\S+?)\s*[,，\s]\s*([\s\S]*)$/.exec(rest);
    if (c) { customer = c[1].trim(); rest = c[2]; }
  }
  const out: OpportunityCreateEntities = {};
  if (customer) out.customerName = customer.replace(/[:：,，\s]+$/, '');
  const blank = (s: string, a: number, b: number) => `${s.slice(0, a)}${' '.repeat(b - a)}${s.slice(b)}`;
  const amount = findAmounts(rest)[0];
  if (amount) {
    out.amountCents = amount.cents;
    if (amount.currency) out.currency = amount.currency;
    rest = blank(rest, amount.start, amount.end);
  }
  const date = findDates(rest, ctx).find((d) => d.source === 'rule') ?? findDates(rest, ctx)[0];
  if (date) {
    out.expectedCloseDate = date.date;
    rest = blank(rest, date.start, date.end);
  }
  const name = rest.replace(CLOSE_WORDS, ' ').replace(AMOUNT_WORDS, ' ')
    .replace(/\b(?:by|on|in|at|of|for)\s*(?=[,，:：]|$)/gi, ' ')
    .replace(/^[\s:：,，;；]+|[\s:：,，;；。.]+$/g, '').replace(/\s*[,，;；]\s*[,，;；\s]*/g, ' ').replace(/\s+/g, ' ').trim();
  if (name) out.name = name;
  return out;
}

const ZH_MOVE = /^(.+?)\s*(?:阶段)?\s*(?:推进到|推进至|推到|进入到?|进到|转到|转入|移到|移至|改到|改为|调整为|调整到|更新为|更新到|变更为|到了)\s*[:：]?\s*(.+?)\s*(?:阶段)?\s*(?:了)?[。!！]?$/;
const EN_MOVE = [
  /^(?:move|advance|push|set|update|change)\s+(?:the\s+)?(?:stage of\s+)?(.+?)\s+(?:stage\s+)?to\s+(.+?)(?:\s+stage)?[.!]?$/i,
  /^(.+?)\s+(?:moved|advanced|went|is now in|is now at|is in|is at)\s+(?:to\s+)?(?:the\s+)?(.+?)(?:\s+stage)?[.!]?$/i,
  // The shortest form ("Robot arms to negotiation", "5G基站项目 → 商务谈判"): only a configured stage makes it a move.
  /^(.+?)\s*(?:\s+to|→|->)\s+(?:the\s+)?(.+?)(?:\s+stage)?[.!]?$/i,
];
const ZH_WON = /^(.*?)\s*(?:已经|已)?(?:赢单|成交|签单|签约|拿下)(?:了|啦)?\s*[。!！]*$/;
// "门店系统 输单了，原因：价格太高", "车机系统 输了，客户选了别家": whatever follows the loss is its reason.
const ZH_LOST = /^(.*?)\s*(?:已经|已)?(?:输单|丢单|输了|丢了|黄了|没签成|没拿下)(?:了|啦)?\s*(?:(?:[,，;；。]\s*|\s*(?=原因|理由|因为))(?:(?:原因|理由|因为)\s*[是为:：]?\s*)?([\s\S]+))?$/;
const EN_WON = [/^(?:we\s+)?won\s+(?:the\s+)?(.+?)[.!]*$/i, /^(.+?)\s+(?:is\s+|was\s+|has been\s+)?(?:won|closed won)[.!]*$/i, /^mark\s+(.+?)\s+(?:as\s+)?won[.!]*$/i];
const EN_LOST = [
  /^(?:we\s+)?lost\s+(?:the\s+)?(.+?)(?:\s*(?:[,;:]\s*|\s+)(?:reason\s*:?|because(?: of)?|due to)\s*([\s\S]+))?$/i,
  /^mark\s+(.+?)\s+(?:as\s+)?lost(?:\s*(?:[,;:]\s*|\s+)(?:reason\s*:?|because(?: of)?|due to)\s*([\s\S]+))?$/i,
  /^(.+?)\s+(?:is\s+|was\s+|has been\s+)?(?:lost|closed lost)(?:\s*(?:[,;:]\s*|\s+)(?:reason\s*:?|because(?: of)?|due to)\s*([\s\S]+))?$/i,
];

// "长安汽车商机", "长安汽车那单", "长安汽车的单子", "the Globex deal": the customer's deal, named by the customer.
const DEAL_SUFFIX = /\s*(?:的|那个|这个)?\s*(?:商机|单子|那单|这单|订单)$|['’]s?\s+(?:deal|opportunity|opp)$|\s+(?:deal|opportunity|opp)$/i;
const clean = (s: string | undefined) => s?.replace(/^(?:商机|opportunity|deal|the)\s*[:：]?\s*/i, '').replace(/[\s,，:：]+$/, '').replace(DEAL_SUFFIX, '').trim() || undefined;

/** What stands before "赢单了" is a deal's name, not a report: "电话沟通了，客户下周一签约" is a follow-up. */
const namesADeal = (name: string | undefined) => !name || !/[,，。；;！？!?]/.test(name);

/** A stage change, or undefined when the line does not name a configured stage or a win/loss. */
export function extractMoveStage(text: string, stages: StageDef[]): MoveStageEntities | undefined {
  const build = (name: string | undefined, stage: StageDef | undefined, reason?: string): MoveStageEntities | undefined =>
    stage ? { ...(clean(name) ? { opportunityName: clean(name) } : {}), stage: stage.key, stageKind: stage.kind, ...(reason?.trim() ? { reason: reason.trim().replace(/[。.]$/, '') } : {}) } : undefined;
  const lost = ZH_LOST.exec(text) ?? EN_LOST.map((re) => re.exec(text)).find(Boolean);
  if (lost && namesADeal(lost[1])) return build(lost[1], stageOfKind('lost', stages), lost[2]);
  const won = ZH_WON.exec(text) ?? EN_WON.map((re) => re.exec(text)).find(Boolean);
  if (won && namesADeal(won[1])) return build(won[1], stageOfKind('won', stages));
  const move = ZH_MOVE.exec(text) ?? EN_MOVE.map((re) => re.exec(text)).find(Boolean);
  if (move) {
    const stage = matchStage(move[2], stages);
    if (!stage) return undefined;
    const reason = stage.kind === 'lost' ? /(?:原因|理由|because|reason)\s*[是为:：]?\s*(.+)$/i.exec(move[2])?.[1] : undefined;
    // "…推进到方案报价，金额改成80万": the amount said with it is not dropped.
    const amount = stage.kind === 'lost' ? undefined : findAmounts(move[2])[0];
    const moved = build(move[1], stage, reason);
    return moved && amount ? { ...moved, amountCents: amount.cents } : moved;
  }
  return undefined;
}

// "长安汽车这单到哪个阶段了", "华为的商机进展怎么样", "how is the Globex deal going": where a deal stands (also when
// asked whether it was won).
const ZH_STATUS = /^(.+?)\s*(?:的|这个|那个)?\s*(?:这单|那单|单子|商机|项目)\s*(?:现在|目前)?\s*(?:到|在|推进到|走到)?\s*(?:哪(?:个|一)?(?:阶段|步|一步)|什么阶段|啥阶段|进展(?:如何|怎么样|到哪了)?|什么进展|怎么样了?|如何了?|推进得?怎么样了?)\s*(?:了|呢)?\s*[?？。]*$/;
// "华为的合同签了吗", "长安汽车这单拿下了没": asked whether a deal was won, answered by where it stands.
const ZH_WON_ASKED = /^(.+?)\s*(?:的|这个|那个)?\s*(?:这单|那单|单子|合同|商机|项目)\s*(?:签了|签下来了|签好了|拿下了|拿下来了|成了|赢了)\s*(?:吗|么|没有?|[?？])\s*[?？。]*$/;
const EN_STATUS = [
  /^(?:how(?:'s| is) (?:the )?(.+?) (?:deal|opportunity|opp) (?:going|doing)|where (?:are we with|is) (?:the )?(.+?) (?:deal|opportunity|opp)|(?:status|stage) of (?:the )?(.+?)(?: (?:deal|opportunity|opp))?)[?.!]*$/i,
];

/** The deal asked about ("长安汽车这单到哪个阶段了"), or undefined when the line asks nothing of the kind. */
export function extractOpportunityStatus(text: string): { opportunityName: string } | undefined {
  const zh = ZH_STATUS.exec(text) ?? ZH_WON_ASKED.exec(text);
  const en = zh ? undefined : EN_STATUS.map((re) => re.exec(text)).find(Boolean);
  const name = (zh?.[1] ?? en?.[1] ?? en?.[2] ?? en?.[3])?.replace(/^(?:我的|我们的)/, '').trim();
  return name ? { opportunityName: name } : undefined;
}
