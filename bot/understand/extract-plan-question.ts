// A question about the asker's own plan for a day: "明天给华为打电话吗", "明天是不是要去华为", "华为明天要拜访吗", "do I
// need to call ACME tomorrow?". It is answered from that day's to-dos (those about what it names), and never logged:
// a follow-up or a to-do is something said, not asked ("提醒我明天给华为打电话好吗" still asks for a to-do). Asked whether
// it was done ("昨天给华为打电话了吗"), it is answered by what is known of whom it names (their last follow-up).
import { findDates, type DateContext } from './parse-date.js';
import { HAN } from './language.js';
import { joinAround, mentionIn, tidy } from './extract-task.js';

export interface PlanQuestion {
  kind: 'plan';
  /** The day asked about (YYYY-MM-DD, company time zone). */
  date: string;
  /** The customer, lead or thing it names, as said. */
  about?: string;
  /** The plan said as a to-do would be ("明天给华为打电话", "call ACME tomorrow"): how to add it, if it is not there. */
  plan: string;
}

/** Asked whether something was done to someone: whom. */
export interface DoneQuestion { kind: 'done'; about: string }

// Asked: a question mark, or a yes/no particle at the end; or a choice asked inside ("是不是要", "要不要").
const ZH_ASKED_END = /(?:吗|么|嘛)?\s*[?？]+$|(?:吗|么|嘛)$/;
const ZH_ASKED_INSIDE = /是不是|是否|要不要|需不需要|用不用/g;
// A request said politely ("…好吗", "可以吗"), not a question about the plan.
const ZH_REQUEST = /(?:好|可以|行|能|成)(?:吗|么|嘛)\s*[?？]*$|好不好|可不可以|能不能|行不行/;
// Someone else's words reported ("客户问明天能来吗"): not the asker's question.
const ZH_REPORTED = /问|说|讲|表示|回复|告诉/;
// Asked whether it was done ("打电话了吗", "拜访过吗"); not 了解 ("去华为了解需求吗" is a plan).
const ZH_DONE = /了(?!解)|过(?![去来])/g;
// Said before the plan: "要", "得", "需要" … ("明天要给华为打电话吗").
const ZH_MODAL = /^(?:要|得|需要|应该|准备|打算|计划)/;
// What one plans to do, in the question: something done to someone, going somewhere, a meeting.
const ZH_DOING = /回访|拜访|走访|上门|去|见|约|电话|发|寄|送|报价|演示|开会|会议|沟通|联系|对接|签|谈|催/;
// Asked of oneself: "do I need to …", "should I …", "am I meeting …", "do I have a call with …".
const EN_ASKED = /^(?:do|will|should|shall|must|am|have|is it on my list to)\s+i\s+(?:(?:need|have|got)\s+to\s+|supposed\s+to\s+|going\s+to\s+|gonna\s+)?(.+?)\s*\?*$/i;
const EN_DOING = /\b(?:call|phone|ring|email|e-mail|message|text|visit|meet(?:ing)?|see|send|quote|demo|chase|contact|follow up)\b/i;

/** The plan question a line asks, or undefined. */
export function extractPlanQuestion(text: string, ctx: DateContext): PlanQuestion | DoneQuestion | undefined {
  return HAN.test(text) ? zhQuestion(text, ctx) : enQuestion(text, ctx);
}

function zhQuestion(text: string, ctx: DateContext): PlanQuestion | DoneQuestion | undefined {
  ZH_ASKED_INSIDE.lastIndex = 0;
  const asked = ZH_ASKED_END.test(text) || ZH_ASKED_INSIDE.test(text);
  if (!asked || ZH_REQUEST.test(text) || ZH_REPORTED.test(text)) return undefined;
  const said = tidy(text.replace(ZH_ASKED_END, '').replace(ZH_ASKED_INSIDE, '').replace(/^(?:我们?)/, ''));
  const when = findDates(said, ctx).find((d) => d.date);
  ZH_DONE.lastIndex = 0;
  if (ZH_DONE.test(said)) {
    const what = when ? joinAround(said.slice(0, when.start), said.slice(when.end)) : said;
    const about = ZH_DOING.test(what) ? mentionIn(tidy(what.replace(ZH_DONE, ''))) : undefined;
    return about ? { kind: 'done', about } : undefined;
  }
  if (!when) return undefined;
  const before = tidy(said.slice(0, when.start));
  const after = tidy(said.slice(when.end));
  if (!ZH_DOING.test(after)) return undefined;
  // "华为明天要拜访": the name said before the day; else whom the plan names ("明天给华为打电话").
  const doing = after.replace(ZH_MODAL, '');
  const about = (before && !ZH_DOING.test(before) ? before : undefined) ?? mentionIn(doing);
  const plan = before && about === before ? `${when.text}${doing}${about}` : joinAround(when.text, doing);
  return { kind: 'plan', date: when.date, ...(about ? { about } : {}), plan: tidy(plan) };
}

function enQuestion(text: string, ctx: DateContext): PlanQuestion | undefined {
  const m = EN_ASKED.exec(text.trim());
  if (!m || !EN_DOING.test(m[1])) return undefined;
  const plan = tidy(m[1].replace(/^(?:be\s+)?/i, '').replace(/^meeting\b/i, 'meet'));
  const when = findDates(plan, ctx).find((d) => d.date);
  if (!when) return undefined;
  const about = mentionIn(tidy(`${plan.slice(0, when.start)} ${plan.slice(when.end)}`));
  return { kind: 'plan', date: when.date, ...(about ? { about } : {}), plan };
}
