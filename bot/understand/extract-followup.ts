// "跟进 华为 今天电话沟通了方案，下周三发报价" → customer mention, activity type, content, next step with due time.
import { findDates, onLastWorkDay, todayIn, type DateContext, type DateMention } from './parse-date.js';
import { HAN } from './language.js';
import type { ActivityType, FollowUpEntities, FollowUpOutcome, NextStep } from './types.js';

const STOP = '\\s,;:。、!?()（），；：！？';
const TOKEN = `[^${STOP}]+`;

// A call that did not get through ("没人接", "关机"): it ends a customer mention, and it is still a call.
const ZH_NO_ANSWER = '未接通|没接通|没打通|打不通|没人接|无人接听|关机|占线|拒接';

// Words that end a customer mention written without a separator ("跟进华为今天电话…").
// Words that start what was heard from someone ("华为说下周签", "美的担心交期"): a name glued to them ends there. Not
// words that often sit inside a company's name (希望, 同意).
export const ZH_HEARD = '说(?!一下|下(?!周|月|个|午|次|季|半|礼拜|星期)|明|服|好了)|表示|反馈|提到|透露|答复|担心|觉得|认为|抱怨';
const ZH_CUT = new RegExp(`${ZH_HEARD}|今天|昨天|前天|刚才|刚刚|上午|下午|晚上|早上|电话|拜访|微信|开会|会议|沟通|邮件|聊了|约了|见了|${ZH_NO_ANSWER}`);

const ZH_EXPLICIT = new RegExp(`^(?:记录跟进|跟进记录|跟进一下|跟进|记一下|记录)\\s*[:：]?\\s*(?:客户\\s*)?(${TOKEN})\\s*[,;:。、，；：]?\\s*([\\s\\S]*)$`);
const ZH_PATTERNS: RegExp[] = [
  new RegExp(`(?:上门拜访|拜访|走访|约见|见了)了?\\s*(?:客户\\s*)?(${TOKEN})`),
  new RegExp(`(?:给|和|跟|与|同)\\s*(${TOKEN}?)\\s*(?:打了?(?:个|一个|一通)?电话|通了?(?:个)?电话|电话(?:沟通|联系|交流)|开了?(?:个|一个)?会|发了?(?:封|一封)?邮件|发了?微信|微信(?:沟通|联系|聊)|沟通|聊了|交流|见了?面|面谈|约了)`),
  new RegExp(`(?:电话|微信|邮件)?联系了\\s*(${TOKEN})`),
  new RegExp(`(?:致电|打电话给|发邮件给|发微信给|回访了?)\\s*(${TOKEN})`),
];
const ZH_ACTIVITY = /拜访|走访|上门|电话|致电|通话|回电|微信|开会|会议|会面|邮件|面谈|沟通|见面|约见|聊了/;

// "log a call with ACME, …" names the activity as it announces the follow-up.
const EN_EXPLICIT = /^(?:log (?:a )?follow[- ]?up (?:for|with|on)|log (?:a |an |the )?(?:phone call|call|visit|meeting|demo|email|wechat|note) (?:with|to|for|at|on)|follow(?:ed)?[- ]?up(?: with| on)?|followup|f\/u)\s+(.+?)\s*(?::|,|;|：|，| - |—)\s*([\s\S]*)$/i;
const EN_PATTERNS: RegExp[] = [
  /\b(?:called|phoned|rang|visited|met(?: with)?|emailed|e-mailed|messaged|wechatted|texted|had (?:a |an )?(?:call|meeting|lunch|dinner|demo|visit) with|spoke (?:to|with)|talked (?:to|with)|caught up with)\s+(.+?)(?=\s+(?:about|regarding|re|on|at|today|yesterday|this|last|and|but|to|for|in|over|the|a|an|our|my|with)\b|\s*[,:;.，：；]|$)/i,
];

// "跟进" or "跟进 华为" alone: a follow-up announced with nothing said of it (the bot asks rather than log nothing).
// ("follow-ups leaderboard today" is no follow-up: the English words end where a word does.)
const ANNOUNCED_ONLY = new RegExp(`^(?:记录跟进|跟进记录|跟进一下|写跟进|跟进|记一下|(?:log (?:a )?follow[- ]?up(?: (?:for|with|on))?|follow[- ]?up(?: with| on)?|f\\/u)(?![A-Za-z]))(?:\\s*[:：]?\\s*(?:客户\\s*)?(${TOKEN}|[A-Za-z][\\w&.'-]*(?: [A-Za-z][\\w&.'-]*){0,3}))?\\s*[:：]?$`, 'i');

/** True when the line announces a follow-up up front ("跟进 …", "follow up …"). */
export function isExplicitFollowUp(text: string): boolean {
  return ZH_EXPLICIT.test(text) || EN_EXPLICIT.test(text) || !!announcedOnly(text);
}

/** The match of a follow-up announced with nothing said of it; "跟进华为今天电话沟通了" says something. */
function announcedOnly(text: string): RegExpExecArray | null {
  const m = ANNOUNCED_ONLY.exec(text);
  return m && !(m[1] && ZH_CUT.exec(m[1])?.index) ? m : null;
}

/**
 * True when the line names someone and a contact made with them ("拜访了华为…", "给美的打了电话…", "called ACME…"):
 * a report, whatever its note goes on to mention ("…客户说快掉公海了").
 */
export function describesContact(text: string): boolean {
  return ZH_PATTERNS.some((re) => re.test(text)) || EN_PATTERNS.some((re) => re.test(text));
}

/** True when the line reads like a report of contact with someone ("拜访了…", "called ACME…", "华为 电话沟通了…"). */
export function looksLikeFollowUp(text: string): boolean {
  return describesContact(text) || /^\S+\s+\S*/.test(text) && ZH_ACTIVITY.test(text.split(/\s+/).slice(1).join(' '));
}

export function extractFollowUp(text: string, ctx: DateContext): FollowUpEntities {
  const announced = announcedOnly(text);
  if (announced) return { ...(announced[1] ? splitContact(announced[1].trim()) : {}), activityType: 'other', outcome: 'reached', content: '' };
  const found = findCustomer(text);
  return { ...(found.customer ? splitContact(found.customer) : {}), ...extractReport(found.body || text, ctx, text) };
}

/**
 * What happened and what comes next, from a line that is only the report: the customer is known from elsewhere
 * (a reminder card's "写跟进"), or was cut from the line already (`whole` is then the line, for the activity).
 */
export function extractReport(body: string, ctx: DateContext, whole = body): Omit<FollowUpEntities, 'customerName' | 'contactName'> {
  const split = splitNextStep(body, ctx);
  const content = split.content || body;
  return {
    activityType: activityTypeOf(content) ?? activityTypeOf(whole) ?? 'other',
    outcome: outcomeOf(content),
    content,
    ...(split.nextStep ? { nextStep: split.nextStep } : {}),
  };
}

function findCustomer(text: string): { customer?: string; body: string } {
  const zh = ZH_EXPLICIT.exec(text);
  if (zh) {
    let customer = zh[1];
    let body = zh[2];
    const cut = ZH_CUT.exec(customer);
    if (cut && cut.index > 0) {
      body = `${customer.slice(cut.index)}${body ? ` ${body}` : ''}`;
      customer = customer.slice(0, cut.index);
    }
    return { customer, body: body.trim() };
  }
  const en = EN_EXPLICIT.exec(text);
  if (en) return { customer: en[1].trim(), body: en[2].trim() };
  for (const re of [...ZH_PATTERNS, ...EN_PATTERNS]) {
    const m = re.exec(text);
    if (m && m[1]) return { customer: m[1].trim(), body: text };
  }
  // "华为 今天电话沟通了方案": a leading word, then an activity.
  const lead = /^(\S+)\s+([\s\S]+)$/.exec(text);
  if (lead && ZH_ACTIVITY.test(lead[2]) && !ZH_ACTIVITY.test(lead[1])) return { customer: lead[1], body: lead[2] };
  return { body: text };
}

// "华东电力王总" → customer 华东电力, contact 王总. Titles are how reps name people in the customer's name.
const CONTACT_SUFFIX = /^(.{2,}?)([\u4e00-\u9fff](?:总监|总|经理|工|老师|主任|先生|女士|小姐|姐|哥|董|处|科长|处长|局长))$/;
// "长安汽车的王总", "长安汽车的采购部": what follows the last 的 is someone or some part of the customer, never its
// name ("美的的张工" is 美的's 张工; a 的 within the first two characters is part of the name).
const OF_PART = /^(.{2,})的(.+)$/;
function splitContact(mention: string): { customerName: string; contactName?: string } {
  const of = OF_PART.exec(mention);
  if (of) {
    const titled = CONTACT_SUFFIX.exec(`${of[1]}${of[2]}`);
    return titled && titled[1] === of[1] ? { customerName: of[1], contactName: titled[2] } : { customerName: of[1] };
  }
  const m = CONTACT_SUFFIX.exec(mention);
  return m ? { customerName: m[1], contactName: m[2] } : { customerName: mention };
}

const ACTIVITY_WORDS: [ActivityType, RegExp][] = [
  ['visit', /拜访|走访|上门|面谈|见面|约见|见了|\bvisit(?:ed|ing)?\b|\bon[- ]site\b/i],
  ['meeting', /开了?(?:个|一个)?会|会议|会面|\bmeeting\b|\bmet\b|\bdemo\b/i],
  // A call that did not get through is still a call ("没人接", "voicemail").
  ['call', new RegExp(`电话|致电|通话|回电|${ZH_NO_ANSWER}|\\bcall(?:ed|ing)?\\b|\\bphone(?:d)?\\b|\\brang\\b|\\bvoice ?mail\\b|\\bno answer\\b`, 'i')],
  ['wechat', /微信|\bwechat(?:ted)?\b|\bweixin\b/i],
  ['email', /邮件|\be-?mail(?:ed)?\b/i],
];
/** The activity mentioned first: the verb a report opens with ("called … about the meeting") is what was done. */
function activityTypeOf(text: string): ActivityType | undefined {
  let first: { type: ActivityType; at: number } | undefined;
  for (const [type, re] of ACTIVITY_WORDS) {
    const at = text.search(re);
    if (at >= 0 && (!first || at < first.at)) first = { type, at };
  }
  return first?.type;
}

// 未接通/没打通/没人接/关机/占线 (no answer), 拒绝/不需要/没兴趣 (refused); "没有拒绝" is not a refusal.
const FAILED_WORDS = [
  /未接通|没接通|没打通|打不通|未打通|没有?人接|无人接听|未接听|没接(?:电话|听)|不接电话|关机|占线|停机|空号|拒接|挂断|挂了电话|联系不上|没联系上|未联系上|找不到人/,
  /(?<!没有|没|未|不)拒绝|不需要|没有?兴趣|不感兴趣/,
  /\bno (?:answer|response|reply|one (?:picked up|answered))\b|\b(?:didn't|did not|does not|doesn't|won't) (?:answer|pick up|respond|reply)\b|\bnobody (?:answered|picked up)\b|\bvoice ?mail\b|\bline (?:was )?busy\b|\bphone (?:was )?(?:off|switched off)\b|\bunreachable\b|\b(?:couldn't|could not|can't|cannot) (?:reach|get through)\b|\bhung up\b/i,
  /\bnot interested\b|\bno interest\b|\b(?:refused|declined|turned (?:us|me|it) down)\b|\b(?:don't|doesn't|do not|does not) need\b/i,
];
/** What happened says whether the rep got through; a next step ("如果不需要…") does not. */
function outcomeOf(content: string): FollowUpOutcome {
  return FAILED_WORDS.some((re) => re.test(content)) ? 'failed' : 'reached';
}

const CLAUSE_SPLIT = /[,;。，；！？!?\n]|\.(?=\s|$)/g;
const MARKER = /^(?:然后|接下来|下一步|下步|下次|随后|之后|并且|并|next steps?|next|then|and then|and|afterwards)\s*:?\s*/i;

function isAhead(d: DateMention, ctx: DateContext, today: string): boolean {
  return d.hasTime ? d.at.getTime() > ctx.now.getTime() : d.date > today;
}

/** Clauses before the first forward-looking one are what happened; from there on is the next step. */
function splitNextStep(body: string, ctx: DateContext): { content: string; nextStep?: NextStep } {
  if (!body) return { content: '' };
  const starts = [0];
  for (const m of body.matchAll(CLAUSE_SPLIT)) starts.push(m.index! + m[0].length);
  const clauses = starts.map((s, i) => ({ start: s, text: body.slice(s, i + 1 < starts.length ? starts[i + 1] : body.length) }))
    .filter((c) => c.text.replace(/[\s,;。.，；！？!?]/g, '').length > 0);
  const today = todayIn(ctx);
  let nextIdx = -1;
  for (let i = 0; i < clauses.length; i++) {
    const trimmed = clauses[i].text.trim();
    const dates = findDates(trimmed, ctx);
    if ((i > 0 && MARKER.test(trimmed)) || dates.some((d) => isAhead(d, ctx, today))) { nextIdx = i; break; }
  }
  if (nextIdx < 0) return { content: tidy(body) };
  // A single forward-looking clause is both what was said and the next step.
  if (nextIdx === 0 && clauses.length > 1) {
    const restAhead = clauses.slice(1).findIndex((c) => findDates(c.text.trim(), ctx).some((d) => isAhead(d, ctx, today)));
    if (restAhead >= 0) nextIdx = restAhead + 1;
  }
  if (nextIdx === 0) {
    // No punctuation between them ("微信聊了下 明天下午3点回访"): the report ends where the next step's date begins.
    const at = reportEndsAt(clauses[0].text, ctx, today);
    if (at > 0) return { content: tidy(clauses[0].text.slice(0, at)), nextStep: stepOf(clauses[0].text.slice(at), ctx, today) };
  }
  const content = nextIdx === 0 ? tidy(body) : tidy(body.slice(0, clauses[nextIdx].start));
  return { content, nextStep: stepOf(body.slice(clauses[nextIdx].start), ctx, today) };
}

// Words that make the date that follows them part of the report ("约了周五面谈", "agreed on Friday").
const TAKES_A_DATE = /(?:约了?|约好|定在|定于|改到|改在|推到|推迟到|安排在|说|答应|计划|准备|打算|预计|希望|要求|\b(?:on|by|at|before|until|for|agreed|scheduled|planned|set))\s*$/i;

/** Where a clause's report of what happened ends and its next step begins (its first date ahead), or -1. */
function reportEndsAt(clause: string, ctx: DateContext, today: string): number {
  const due = findDates(clause, ctx).find((d) => isAhead(d, ctx, today));
  if (!due || due.start === 0) return -1;
  const before = clause.slice(0, due.start);
  const after = clause.slice(due.end);
  return activityTypeOf(before) && !TAKES_A_DATE.test(before) && tidy(after) && !MODIFIES.test(after) ? due.start : -1;
}

// A date that describes the noun after it ("明天下午的会议", "tomorrow's demo") is no due time to cut out.
const MODIFIES = /^\s*(?:的|之|['’]s\b)/;

// What someone said, before a next step's date: "客户说", "张总表示", "they said".
const REPORTED_WORDS = new RegExp(`(?:${ZH_HEARD})\\s*$|\\b(?:said|says|told us|promised)\\b.*$`, 'i');

/** The next step from its text: the date ahead in it becomes its due time, the rest its title. */
function stepOf(raw: string, ctx: DateContext, today: string): NextStep {
  const stepText = raw.trim();
  const dates = findDates(stepText, ctx).filter((d) => isAhead(d, ctx, today));
  // A next step is a plan: due "本月内" on the month's last work day, as a to-do would be.
  const due = dates[0] && onLastWorkDay(dates[0], ctx);
  let text = stepText;
  // Someone's words ("客户说下周内签") keep their date: "客户说签" would say something else.
  if (due && !MODIFIES.test(text.slice(due.end)) && !REPORTED_WORDS.test(text.slice(0, due.start))) text = joinAround(text.slice(0, due.start), text.slice(due.end));
  text = tidy(text.replace(MARKER, '')).replace(MARKER, '');
  text = tidy(text.replace(/\s+(?:on|by|at|before|until|due)$/i, '').replace(/^(?:on|by|at|before|until|due|to)\s+/i, ''));
  const nextStep: NextStep = { text: text || stepText };
  if (due) Object.assign(nextStep, { due: due.at, dueDate: due.date, dueText: due.text, dueHasTime: due.hasTime });
  return nextStep;
}

/** Text on both sides of a cut-out date: Chinese closes up ("约了再谈"), other scripts keep a space. */
function joinAround(before: string, after: string): string {
  return HAN.test(before.trimEnd().slice(-1)) && HAN.test(after.trimStart().charAt(0)) ? `${before.trimEnd()}${after.trimStart()}` : `${before} ${after}`;
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s,;:。、.，；：！？!?]+|[\s,;:。、，；：]+$/g, '').trim();
}
