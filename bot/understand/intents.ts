// One chat line → intent + raw entities, zh-CN and en-US. Rule-based and pure: the clock and zone come in as
// arguments; resolving a customer mention against the database is the caller's job (find-customer).
import { extractFunnelView, extractLeaderboard, extractMyRank, FUNNEL_TRIGGER, LEADERBOARD_TRIGGER, MY_RANK_TRIGGER } from './extract-board.js';
import { describesContact, extractFollowUp, extractReport, isExplicitFollowUp, looksLikeFollowUp } from './extract-followup.js';
import { extractPersonFollowUps, extractTeamFollowUps, STALE_CUSTOMERS_TRIGGER } from './extract-follow-up-status.js';
import { CUSTOMER_CREATE, extractNewCustomer } from './extract-customer.js';
import { extractLead, LEAD_TRIGGER } from './extract-lead.js';
import { extractTaskComplete, extractTaskCreate } from './extract-task.js';
import { extractPlanQuestion } from './extract-plan-question.js';
import { extractContactsQuery } from './extract-contacts.js';
import { extractMoveStage, extractOpportunityCreate, extractOpportunityStatus, OPP_CREATE_TRIGGER } from './extract-opportunity.js';
import { extractOutstanding, extractPaymentSummary, extractReceipt } from './extract-payment.js';
import { detectLanguage, normalizeText } from './language.js';
import { DEFAULT_TIME_ZONE, findDates, findPeriod, type DateContext, type DateMemo, type TextLanguage } from './parse-date.js';
import { DEFAULT_STAGES, type StageDef } from './stages.js';
import type { Understanding } from './types.js';

export interface UnderstandOptions {
  /** The reader's locale: a hint only, used when the text itself shows no language. */
  locale?: TextLanguage;
  now: Date;
  /** Company time zone; default Asia/Shanghai. */
  timeZone?: string;
  /** Configured opportunity stages; default DESIGN.md's list. */
  stages?: StageDef[];
  /** Local hour for date-only mentions; default 9. */
  defaultHour?: number;
  /** Date readings made ahead of time (bot/understand/read-ahead.ts); anything missing is read here. */
  dateMemo?: DateMemo;
  /** The company's work days (ISO weekdays): a to-do due "本周内" / "月底前" falls on the period's last one. */
  workDays?: readonly number[];
}

const HELP = /^(?:帮助|help|菜单|功能|使用说明|说明|\?|？|commands|menu|怎么用)$|你(?:能|会|可以)(?:做|干)?(?:些)?什么|\bwhat can you do\b|\bhow (?:do i|to) use\b/i;
// A day's or a period's to-dos: "今天的待办", "明天有什么安排", "本周的任务", "今年的待办", "what's due this week".
const AGENDA_WHEN = '(?:今天|明天|今日|这周|本周|下周|这个?星期|下个?星期|这个?月|本月|下个?月|本季度?|这个?季度|今年)';
const AGENDA = new RegExp(`待办|日程|${AGENDA_WHEN}(?:有)?(?:什么|哪些)(?:安排|事|任务)|${AGENDA_WHEN}的?(?:安排|任务)|我的任务`
  + `|^(?:我)?${AGENDA_WHEN}(?:我)?(?:要|该|得|需要)?(?:干嘛|干什么|干啥|做什么|做啥|忙什么|忙啥)[?？]*$`
  + /|\bagenda\b|\bon my plate\b|\bmy (?:tasks|todos?|to-dos?|day|schedule)\b|\bto-?do list\b|\btasks? (?:due )?(?:this|next) (?:week|month|quarter|year)\b|\bwhat(?:'s| is) (?:due|up) (?:today|tomorrow|(?:this|next) (?:week|month|quarter|year))\b|\b(?:today|tomorrow)'?s tasks\b/.source, 'i');
const POOL = /公海|线索池|客户池|\b(?:lead |customer )?pool\b|\bunassigned leads?\b|\bunclaimed (?:leads?|customers?)\b/i;
const CLAIM = /^(?:帮我)?(?:领取|认领|抢|捞)(?:一下)?\s*(?:公海(?:里|中)?的?)?\s*(?:线索|客户)?\s*[:：]?\s*(.*)$|^(?:claim|grab)\s+(?:the\s+)?(?:lead|customer)?\s*[:]?\s*(.*)$/i;
// 撤回 / 提交审批 a contract by its title (quotes optional): "撤回 年度框架合同", "submit contract Annual support".
const CONTRACT_WITHDRAW = /^(?:撤回(?:审批)?|撤销审批)\s*(?:合同)?\s*[「“"]?(.+?)[」”"]?\s*(?:的审批)?$|^(?:withdraw|recall)\s+(?:the\s+)?(?:contract\s+)?["“]?(.+?)["”]?$/i;
const CONTRACT_SUBMIT = /^(?:提交审批|送审|重新提交)\s*(?:合同)?\s*[「“"]?(.+?)[」”"]?$|^(?:re)?submit\s+(?:the\s+)?(?:contract\s+)?["“]?(.+?)["”]?(?:\s+for approval)?$/i;
const MY_CONTRACTS = /^(?:我的|我负责的|我名下的?)合同(?:有哪些|列表)?[?？]*$|^(?:show |list )?my contracts[?.!]*$/i;
const MY_DEALS = /^(?:我的|我负责的|我名下的?)(?:进行中的?)?(?:商机|机会|单子)(?:有哪些|列表)?[?？]*$|^(?:show |list )?my (?:open )?(?:deals|opportunities)[?.!]*$/i;
const MY_APPROVALS = /^(?:我的|待我|等我)?(?:待)?审批(?:列表|事项)?(?:有哪些|有什么)?[?？]*$|^(?:有什么|有哪些|还有(?:什么|哪些)?)(?:要|需要|等|待)我(?:的)?审批|(?:要|需要|等|待)我审批的|\bmy approvals\b|\bpending approvals?\b|\bapprovals? (?:waiting|pending)\b|\bwhat(?:'s| is) (?:waiting|pending) for (?:my )?approval\b|\bwhat do i need to approve\b/i;
const MY_CUSTOMERS = /^(?:我的|我名下的?|我负责的)客户(?:列表|名单)?(?:有哪些|有什么)?[?？]*$|^我(?:有|负责)?哪些客户[?？]*$|^(?:show |list )?my (?:customers|accounts|clients)[?.!]*$/i;
const LOOKUP = [
  // "华为的商机", "ACME's deals": the customer card answers them (its open deals, last follow-up); contacts have their own answer.
  /^(?!(?:我|我们|咱们|自己)\s*的)(.+?)\s*的\s*(?:商机|机会|项目|合同|跟进记录|跟进情况)(?:有哪些|情况|列表)?\s*[?？。]*$/,
  /^(?:(?:deals|opportunities|contracts) (?:for|with|of|at)\s+(.+?)|(.+?)['’]s? (?:deals|opportunities|contracts))[?.!]*$/i,
  /^(?:帮我)?(?:查一下|查查|查询|查看|查|搜一下|搜索|搜|找一下|找找|看看|看一下)\s*(?:客户)?\s*[:：]?\s*(.+?)(?:的?(?:情况|信息|资料|详情|客户信息))?\s*[?？。]*$/,
  // "客户 华为", "客户：华为"; not "客户问明天能来吗" (what a customer said).
  /^客户(?:\s*[:：]\s*|\s+)(.+?)\s*[?？。]*$/,
  // "华为最近一次跟进是什么时候", "华为上次跟进说了什么": the card shows the last follow-up, its day and what was said.
  /^(?!(?:我|我们|咱们)\s*)(.+?)\s*的?\s*(?:最近一次|最后一次|上一次|上次|最近)(?:的)?(?:跟进|联系|拜访|沟通)(?:记录)?\s*(?:是)?\s*(?:什么时候|哪天|几号|说了什么|聊了什么|内容|情况|是什么)?\s*[?？。]*$/,
  /^when (?:did we|was the) last (?:follow[- ]?up|contact|talk|speak)(?: with| to)? (.+?)[?.!]*$/i,
  /^(.+?)\s*(?:的)?(?:客户信息|客户资料|情况怎么样|怎么样了|什么情况)\s*[?？]*$/,
  /^(?:who is|who's|what about|look ?up|find|search(?: for)?|show(?: me)?|info(?:rmation)? (?:on|about)|tell me about|details (?:on|for)|customer)\s+(?:the\s+)?(?:customer\s+)?(.+?)[?.!]*$/i,
];

function read(input: string, opts: UnderstandOptions): { text: string; language: TextLanguage; ctx: DateContext } {
  const text = normalizeText(input);
  const language = detectLanguage(text, opts.locale);
  // The date recognizer is the costliest step of understanding a line: the memo makes each text read once.
  return { text, language, ctx: { now: opts.now, timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE, language, defaultHour: opts.defaultHour, memo: opts.dateMemo ?? new Map(), workDays: opts.workDays } };
}

/** A line that is only a follow-up's report (its customer or lead is known from a card): what happened, what next. */
export function understandReport(input: string, opts: UnderstandOptions): Extract<Understanding, { intent: 'followup.log' }> {
  const { text, language, ctx } = read(input, opts);
  return { language, text, intent: 'followup.log', entities: extractReport(text, ctx) };
}

/** Understand one chat line. Never guesses a customer: entities are raw mentions. */
export function understand(input: string, opts: UnderstandOptions): Understanding {
  const { text, language, ctx } = read(input, opts);
  const stages = opts.stages ?? DEFAULT_STAGES;
  const base = { language, text };

  if (!text) return { ...base, intent: 'unknown', entities: {} };
  // A follow-up announced up front ("跟进 华为 …", "记一下 华为 …", "log a call with ACME: …") is one whatever its note
  // mentions: 公海, 排行榜, 预测, 待办 or "你们能做什么" are the customer's words there, not a question to the bot.
  const announced = isExplicitFollowUp(text);
  if (HELP.test(text) && !announced) return { ...base, intent: 'help', entities: {} };
  // A to-do ("提醒我…", "新建待办 …", "记一下 明天给华为发合同", "remind me to …") or one done ("… 做完了", "done: …") is no
  // follow-up, and "新建待办" is no agenda question: these come first (they leave lines announced as follow-ups alone).
  // A to-do's time is its deadline: "本周给华为打电话" is due by the week's end, not on its (past) first day.
  // "明天给华为打电话吗": asked about one's plan, answered from that day's to-dos; "昨天给华为打电话了吗" from what is known of
  // 华为. Never logged as a follow-up or a to-do.
  const asked = announced ? undefined : extractPlanQuestion(text, ctx);
  if (asked?.kind === 'done') return { ...base, intent: 'customer.lookup', entities: { customerName: asked.about } };
  if (asked) return { ...base, intent: 'agenda.today', entities: { date: asked.date, plan: asked.plan, ...(asked.about ? { about: asked.about } : {}) } };
  const task = extractTaskCreate(text, { ...ctx, deadline: true });
  if (task) return { ...base, intent: 'task.create', entities: task };
  const done = extractTaskComplete(text);
  if (done) return { ...base, intent: 'task.complete', entities: done };
  if (announced) return { ...base, intent: 'followup.log', entities: extractFollowUp(text, ctx) };
  // A line that names someone and a contact made with them ("拜访了华为，客户说快掉公海了", "called ACME about the pool")
  // is a report too; only questions that can themselves say "拜访" ("本周谁拜访客户最多") are still asked below.
  const contact = describesContact(text);
  if (MY_RANK_TRIGGER.test(text)) return { ...base, intent: 'leaderboard.mine', entities: extractMyRank(text) };
  if (LEADERBOARD_TRIGGER.test(text)) return { ...base, intent: 'leaderboard.show', entities: extractLeaderboard(text) };
  if (FUNNEL_TRIGGER.test(text) && !contact) return { ...base, intent: 'funnel.show', entities: { view: extractFunnelView(text) } };
  // Before the pool ("快掉公海的客户" asks which are about to go there) and before follow-ups (whole lines only).
  if (STALE_CUSTOMERS_TRIGGER.test(text)) return { ...base, intent: 'customer.stale', entities: {} };
  const team = extractTeamFollowUps(text);
  if (team) return { ...base, intent: 'activity.team', entities: team };
  const person = extractPersonFollowUps(text);
  if (person) return { ...base, intent: 'activity.person', entities: person };
  if (AGENDA.test(text) && !contact) {
    // A whole period ("今年的待办", "本周的待办", "my tasks this year") is its tasks, not the agenda of its first day.
    const period = findPeriod(text, language);
    if (period) return { ...base, intent: 'agenda.period', entities: { period: period.period, offset: period.offset } };
    const day = findDates(text, ctx).find((d) => d.start >= 0)?.date ?? findDates(language === 'zh-CN' ? '今天' : 'today', ctx)[0].date;
    return { ...base, intent: 'agenda.today', entities: { date: day } };
  }
  const claim = CLAIM.exec(text);
  if (claim) {
    const name = (claim[1] ?? claim[2] ?? '').trim();
    return { ...base, intent: 'pool.claim', entities: name ? { name } : {} };
  }
  if (MY_CUSTOMERS.test(text)) return { ...base, intent: 'customer.mine', entities: {} };
  if (MY_APPROVALS.test(text)) return { ...base, intent: 'approval.pending', entities: {} };
  if (MY_DEALS.test(text)) return { ...base, intent: 'opportunity.mine', entities: {} };
  if (MY_CONTRACTS.test(text)) return { ...base, intent: 'contract.mine', entities: {} };
  // 回款 questions, whole lines only: "哪些合同还没回款", "逾期回款", "本月回款情况", "payments this month".
  const outstanding = extractOutstanding(text);
  if (outstanding) return { ...base, intent: 'payment.outstanding', entities: outstanding };
  const paymentSummary = extractPaymentSummary(text);
  if (paymentSummary) return { ...base, intent: 'payment.summary', entities: paymentSummary };
  const withdraw = CONTRACT_WITHDRAW.exec(text);
  if (withdraw) return { ...base, intent: 'contract.withdraw', entities: { title: (withdraw[1] ?? withdraw[2]).trim() } };
  const submit = CONTRACT_SUBMIT.exec(text);
  if (submit) return { ...base, intent: 'contract.submit', entities: { title: (submit[1] ?? submit[2]).trim() } };
  if (POOL.test(text) && !contact) {
    const kind = /线索|\bleads?\b/i.test(text) ? 'lead' : /客户|\bcustomers?\b/i.test(text) ? 'customer' : undefined;
    return { ...base, intent: 'pool.list', entities: kind ? { kind } : {} };
  }
  const newCustomer = CUSTOMER_CREATE.exec(text);
  if (newCustomer) return { ...base, intent: 'customer.create', entities: extractNewCustomer(newCustomer[1] ?? newCustomer[2]) };
  const lead = LEAD_TRIGGER.exec(text);
  if (lead) return { ...base, intent: 'lead.create', entities: extractLead(text.slice(lead[0].length)) };
  if (OPP_CREATE_TRIGGER.test(text)) return { ...base, intent: 'opportunity.create', entities: extractOpportunityCreate(text, ctx) };
  // Money that arrived ("华为回款50万到账了"); a follow-up announced as one ("跟进 华为 催回款…") stays one, above.
  const receipt = extractReceipt(text);
  if (receipt) return { ...base, intent: 'payment.receive', entities: receipt };
  // "华为 电话" asks for a number; it is not a call to log.
  const contacts = extractContactsQuery(text);
  if (contacts) return { ...base, intent: 'customer.contacts', entities: contacts };
  // "长安汽车这单到哪个阶段了": before the move (and the lookup's "…怎么样了").
  const status = extractOpportunityStatus(text);
  if (status) return { ...base, intent: 'opportunity.status', entities: status };
  const move = extractMoveStage(text, stages);
  if (move) return { ...base, intent: 'opportunity.move_stage', entities: move };
  if (looksLikeFollowUp(text)) return { ...base, intent: 'followup.log', entities: extractFollowUp(text, ctx) };
  for (const re of LOOKUP) {
    const m = re.exec(text);
    const name = (m?.[1] ?? m?.[2])?.trim();
    if (name) return { ...base, intent: 'customer.lookup', entities: { customerName: name } };
  }
  return { ...base, intent: 'unknown', entities: {} };
}
