// 待办 said in chat: "明天上午10点提醒我给华为打电话", "新建待办 下周一 拜访 润丰货运", "remind me to call Huawei tomorrow
// at 10", "todo: call Huawei" → a task to create (what, when, and the customer or lead it names, if any); and
// "安排产品演示（华为）做完了", "完成 给华为打电话", "done: call Huawei" → a task to complete. Nothing here has happened
// yet, so none of it is a follow-up: these lines are read before the follow-up patterns, which would take
// "给华为打电话" for a call made.
import { DEFAULT_TIME_ZONE, findDates, todayIn, type DateContext, type DateMention } from './parse-date.js';
import { addDays, wallClock, ymd, zonedToUtc } from './zoned-time.js';
import { HAN } from './language.js';
import { ZH_HEARD } from './extract-followup.js';
import type { TaskCreateEntities } from './types.js';

/** A line that announces a follow-up up front is one, whatever else it says ("跟进 华为 …客户提醒我…"). */
const FOLLOW_UP_FIRST = /^(?:记录跟进|跟进记录|跟进一下|写跟进|跟进|记录|log\b|follow(?:ed)?[- ]?up\b|followup\b|f\/u\b)/i;

// "提醒我…", "…提醒我…" (not "提醒我们"): only the speaker's own reminder, said first or after its time.
const ZH_REMIND = /(?:记得|请|麻烦|帮我|到时候?|别忘了)?提醒(?:一下)?我(?!们)(?:一下)?\s*[:：,，]?\s*/;
// "新建任务 …", "新建待办 …", "加个待办 …", "添加提醒 …".
const ZH_NEW = /^(?:新建|创建|新增|添加|增加|加|建)(?:一?个|一条)?\s*(?:待办|任务|提醒|待办事项|todo)\s*[:：,，]?\s*/i;
// "记一下 明天给华为发合同" is a to-do; "记一下 华为 今天电话沟通了方案" stays a follow-up (see isNote).
const ZH_NOTE = /^记一下\s*[:：,，]?\s*/;
// "remind me to …", "remind me tomorrow at 10 to …", "please remind me …".
const EN_REMIND = /\bremind me\b(?:\s+to\b)?\s*[:,]?\s*/i;
// "add a task: …", "new todo …", "create a reminder to …", "todo: …", "task: …".
const EN_NEW = /^(?:(?:add|create|new|make)\s+(?:a\s+|an\s+)?(?:task|todo|to-do|reminder)\b|(?:todo|to-do|task)\s*:)\s*[:,-]?\s*(?:to\s+)?/i;

// Words that may stand before "提醒我" besides its time ("明天上午10点提醒我…").
const BEFORE_REMIND = /记得|请|麻烦|帮我|到时候?|别忘了|千万|\b(?:please|hey|ok|and)\b/gi;

/** The task a line asks to create, or undefined when it asks nothing of the kind. */
export function extractTaskCreate(text: string, ctx: DateContext): TaskCreateEntities | undefined {
  if (FOLLOW_UP_FIRST.test(text)) return undefined;
  const rest = taskText(text, ctx);
  return rest === undefined ? undefined : taskFrom(rest, ctx);
}

/** The line without its trigger ("提醒我", "新建待办", "remind me to"), or undefined when it has none. */
function taskText(text: string, ctx: DateContext): string | undefined {
  const created = ZH_NEW.exec(text) ?? EN_NEW.exec(text);
  if (created) return text.slice(created[0].length);
  const note = ZH_NOTE.exec(text);
  if (note) return isNote(text.slice(note[0].length), ctx) ? text.slice(note[0].length) : undefined;
  const remind = ZH_REMIND.exec(text) ?? EN_REMIND.exec(text);
  if (!remind) return planned(text, ctx) ? text : undefined;
  const before = text.slice(0, remind.index);
  // "客户提醒我下周发报价" is a customer's word in a report: only the speaker's own time (or nothing) may come first.
  if (!onlyTime(before, ctx)) return undefined;
  return joinAround(before, text.slice(remind.index + remind[0].length));
}

/**
 * A line that starts with a time after today and goes on with something to do, saying nothing done or asked: a to-do
 * said without "提醒我" ("明天回访华为" is no follow-up that happened).
 */
function planned(text: string, ctx: DateContext): boolean {
  if (!HAN.test(text) || DONE_MARK.test(text) || /[?？吗呢]/.test(text)) return false;
  const due = dueIn(text, ctx);
  if (!due || due.start !== 0) return false;
  const today = todayIn(ctx);
  if (!due.hasTime && due.date <= today) return false;
  return ZH_PLAN.test(text.slice(due.end).replace(/^[\s,，:：]+/, ''));
}

/** True when `s` says nothing but when (or nothing at all). */
function onlyTime(s: string, ctx: DateContext): boolean {
  let left = s;
  for (const d of findDates(s, ctx).slice().reverse()) left = `${left.slice(0, d.start)} ${left.slice(d.end)}`;
  return !tidy(left.replace(BEFORE_REMIND, '')).replace(/\b(?:at|on|by)\b/gi, '').trim();
}

// What a report says happened ("沟通了", "拜访过"): "记一下" with one of these is a follow-up told.
const DONE_MARK = /了|过(?![去来])/;
const ACTIVITY = /拜访|走访|上门|电话|致电|通话|回电|微信|开会|会议|会面|邮件|面谈|沟通|见面|约见|聊/;

// Someone else's words or worries ("客户怕掉进公海", "张工说预算下月批", "华为说下周签"): a report of what was heard. Not
// "给华为说一下" (the speaker's own errand: 说 told to someone, or asked of oneself with 一下).
const THEY_SAID = new RegExp(`^[^\\s给跟和对向同与找把将]{2,12}?(?:${ZH_HEARD})`
  + `|(?:^\\S+\\s+|客户|对方|他们?|她们?|老板|领导|采购|[\\u4e00-\\u9fa5]{1,3}?(?:总|工|经理|主任|老师|主管|总监|先生|女士))\\s*`
  + `(?:也|还|又|一直|有点|有些|比较|很|特别|非常)?\\s*(?:${ZH_HEARD}|回复|害怕|怕|嫌|希望|倾向|同意|答应|拒绝|不同意|在考虑|考虑|犹豫)`);

/**
 * "记一下 …" is a to-do when its first clause reports nothing done and nothing heard: a time ahead of the speaker's
 * own (not inside what someone said: "张工说预算下月批"), or no contact made at all.
 */
function isNote(rest: string, ctx: DateContext): boolean {
  const first = rest.split(/[,;。，；！？!?\n]/)[0];
  if (!first.trim() || DONE_MARK.test(first)) return false;
  const due = dueIn(first, ctx);
  const said = THEY_SAID.exec(first);
  if (said && (!due || said.index < due.start)) return false;
  return !!due || !ACTIVITY.test(first);
}

/** A date ahead in `s` that is the task's due time (not one that describes a noun: "下周三的会议"). */
function dueIn(s: string, ctx: DateContext): DateMention | undefined {
  const today = todayIn(ctx);
  return findDates(s, ctx).find((d) => (d.hasTime ? d.at.getTime() > ctx.now.getTime() : d.date >= today) && !/^\s*(?:的|之|['’]s\b)/.test(s.slice(d.end)));
}

function taskFrom(rest: string, ctx: DateContext): TaskCreateEntities {
  const tz = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const due = dueIn(rest, ctx);
  const said = due ? joinAround(rest.slice(0, due.start), rest.slice(due.end)) : rest;
  const title = cleanTitle(said);
  const customerName = mentionIn(title);
  if (due) return { title, ...(customerName ? { customerName } : {}), due: due.at, dueDate: due.date, dueText: due.text, dueHasTime: due.hasTime };
  // No time said: by the end of today (18:00), or tomorrow 09:00 once that has passed. The receipt says which.
  const now = wallClock(ctx.now, tz);
  const day = now.hour < 18 ? now : { ...now, ...addDays(now, 1) };
  const at = zonedToUtc({ ...day, hour: now.hour < 18 ? 18 : 9, minute: 0, second: 0 }, tz);
  return { title, ...(customerName ? { customerName } : {}), due: at, dueDate: ymd(day), dueHasTime: false, dueDefault: true };
}

function cleanTitle(s: string): string {
  let out = tidy(s);
  for (let i = 0; i < 3; i++) {
    out = tidy(out
      .replace(/^(?:to|that|i (?:need|have|must|should) to|i need|about|on|at|by|before|please)\s+/i, '')
      .replace(/\s+(?:on|at|by|before|until|due)$/i, '')
      .replace(/^(?:要(?![求是])|去(?!年)|得(?!到)|记得|在|于|之前|前)/, '')
      // "…好吗", "…可以吗": the request's politeness, not the to-do.
      .replace(/(?:好吗|好么|可以吗|行吗|好不好|吧)[?？]*$/, ''));
  }
  return out;
}

// Who a to-do names: "给华为打电话", "和长安汽车开会", "拜访 润丰货运", "call Huawei", "send the contract to Globex".
const ZH_VERB = '(?:打(?:个|一个|一通)?电话|回(?:个)?电话|通(?:个)?电话|发(?:个|一份|一下|一封)?(?:合同|报价|方案|资料|邮件|微信|样品|发票|短信|消息|文件|介绍|协议|函|PPT|ppt|材料|计划|清单)|送|寄|约|开(?:个)?会|做|演示|报价|讲|介绍|聊|沟通|联系|确认|对接|签|交|谈|见面|汇报|催|问|发|说)';
// What one plans to do to someone, after a time ahead: "明天回访华为", "周五前给美的发报价", "这个月底前把合同发给华为".
const ZH_PLAN = new RegExp(`^(?:我|我们)?(?:要|得|需要|准备|打算|计划)?(?:回访|拜访|走访|上门|去|把|${ZH_VERB}|(?:给|和|跟|与|同|向)\\S{1,12}?${ZH_VERB})`);

// What a name may hold: not a space or punctuation.
const ZH_NAME_CHAR = '[^\\s,;:。、!?()（），；：！？]';
const ZH_NAME = `${ZH_NAME_CHAR}{2,}?`;
// The name ends where what is done to it starts ("拜访润丰货运谈续约").
const ZH_NAME_END = /谈|聊|沟通|签|讨论|确认|了解|商量|演示|汇报|看看|的/;
const ZH_MENTION: RegExp[] = [
  new RegExp(`(?:给|和|跟|与|同|向|帮|替)\\s*(${ZH_NAME})\\s*${ZH_VERB}`),
  new RegExp(`(?:拜访|走访|约见|见|联系|回访|致电|催(?:一下)?|问(?:问|一下)?|去)\\s*(?:客户\\s*)?(${ZH_NAME_CHAR}{2,})`),
  new RegExp(`(?:发|交|寄|送|转)给\\s*(?:客户\\s*)?(${ZH_NAME_CHAR}{2,})`),
  /[（(]([^（()）]{2,})[）)]/,
];
const EN_NAME = "([A-Z][\\w&.'-]*(?: (?:[A-Z][\\w&.'-]*|of|and|&))*)";
const EN_MENTION: RegExp[] = [
  new RegExp(`\\b(?:call|phone|ring|email|e-mail|message|text|visit|meet(?: with)?|ping|chase|contact|see|follow up with|check in with|demo for|quote)\\s+(?:the\\s+)?${EN_NAME}`),
  new RegExp(`\\b(?:to|with|for|at|from)\\s+(?:the\\s+)?${EN_NAME}`),
];

// Words for whoever it is, not a name: "给客户的采购发合同" names no customer.
const NO_ONE_NAMED = /^(?:客户|对方|他们|她们|大家|领导|老板|同事)$/;

/** The customer or lead a to-do names, as a raw mention (resolved against the database elsewhere), if any. */
export function mentionIn(title: string): string | undefined {
  for (const re of HAN.test(title) ? ZH_MENTION : []) {
    const m = re.exec(title);
    if (!m) continue;
    const cut = ZH_NAME_END.exec(m[1]);
    const name = (cut && cut.index >= 2 ? m[1].slice(0, cut.index) : m[1]).trim();
    if (name.length >= 2 && !NO_ONE_NAMED.test(name)) return name;
  }
  for (const re of EN_MENTION) {
    const m = re.exec(title);
    if (m) return m[1].replace(/\s+(?:of|and|&)$/, '').trim();
  }
  return undefined;
}

// ---------- 完成 ----------

const DONE_TAIL = /^(.+?)\s*(?:已经|已)?(?:(?:做|办|弄|忙)完|完成|搞定|做好)(?:了|啦)?\s*[。.!！~～]*$|^(.+?)\s*已完成\s*[。.!！]*$/;
const DONE_HEAD = /^(?:完成|做完|搞定|办完)(?:了|啦)?\s*(?:待办|任务)?\s*[:：]?\s*(.+)$/;
const ZH_MARK = /^(?:把)?(.+?)\s*(?:标记为|标为|设为)(?:已)?完成\s*$/;
const EN_DONE_HEAD = /^(?:done|finished|completed?)\s*[:\-–—]?\s+(.+?)[.!]*$|^(?:done|finished|completed?)\s*:\s*(.+?)[.!]*$/i;
const EN_MARK = /^(?:mark|set|tick off|check off)\s+(.+?)(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?[.!]*$/i;
const EN_DONE_TAIL = /^(.+?)\s+(?:is\s+|are\s+)?(?:done|finished|completed)[.!]*$/i;

/**
 * The task a line says is done (its title, or its customer's name, as said), or undefined. A line that reads as a
 * report ("今天拜访了长安汽车，方案做完了": clauses, or "了" inside what is named) is left to the follow-up patterns.
 */
export function extractTaskComplete(text: string): { query: string } | undefined {
  if (FOLLOW_UP_FIRST.test(text)) return undefined;
  const m = DONE_HEAD.exec(text) ?? ZH_MARK.exec(text) ?? DONE_TAIL.exec(text) ?? EN_DONE_HEAD.exec(text)
    ?? (/\b(?:done|complete|completed|finished)[.!]*$/i.test(text) ? EN_MARK.exec(text) : null) ?? EN_DONE_TAIL.exec(text);
  const raw = m ? (m[1] ?? m[2]) : undefined;
  if (!raw) return undefined;
  const query = tidy(raw.replace(/^(?:the\s+)?(?:task|todo|to-do)\s*[:：]?\s*/i, '').replace(/^(?:待办|任务)\s*[:：]?\s*/, '').replace(/^["“「'‘](.*)["”」'’]$/, '$1'));
  if ([...query].length < 2 || /[,;。，；！？!?\n]/.test(query) || /了/.test(query)) return undefined;
  if (/^(?:i|we|i'm|all|it|that|this|everything|我|我们|都|全部|今天)$/i.test(query)) return undefined;
  return { query };
}

// ---------- shared ----------

/** Text on both sides of a cut-out piece: Chinese closes up, other scripts keep a space. */
export function joinAround(before: string, after: string): string {
  return HAN.test(before.trimEnd().slice(-1)) && HAN.test(after.trimStart().charAt(0)) ? `${before.trimEnd()}${after.trimStart()}` : `${before} ${after}`;
}

export function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s,;:。、.，；：！？!?-]+|[\s,;:。、，；：-]+$/g, '').trim();
}
