// Questions about follow-ups rather than follow-ups themselves: which customers wait too long ("哪些客户很久没跟进了",
// "which customers are overdue") and what someone followed up ("张伟这周的跟进", "what did Emily do this week").
// Whole lines only: a follow-up that says "很久没跟进" or "这周" in passing ("跟进 华为 …") stays a follow-up.
import type { PersonFollowUpsEntities } from './types.js';

const ZH_ASK = '^(?:帮我)?(?:看看|看一下|查查|查一下|列一下|列出|给我看看?)?\\s*(?:我们团队|我团队|我们组|团队|组里|我们|我)?(?:的|里|里面)?\\s*';
const ZH_END = '\\s*(?:了|吗|呢|啊|有哪些|是哪些)?\\s*[?？。!！]*$';
const ZH_STALE = [
  // 哪些客户很久没跟进了 / 客户好久没联系了
  '(?:哪些|哪几个|什么|有没有|有哪些)?客户(?:已经)?(?:很久|好久|长时间|太久|好长时间|一直)?(?:都)?没(?:有)?(?:跟进|联系|跟)(?:过)?(?:了)?',
  // 该跟进的客户 / 需要跟进的客户有哪些
  '(?:哪些|有哪些)?(?:该|需要|要|应该|待)跟进(?:的)?客户',
  // 很久没跟进的客户
  '(?:哪些|有哪些)?(?:很久|好久|长时间|太久)(?:都)?没(?:有)?(?:跟进|联系)(?:过)?的客户',
  // 哪些客户快掉公海了 / 快回公海的客户
  '(?:哪些|有哪些|什么)?客户(?:快|快要|即将|马上|要)(?:要)?(?:掉|回|进|退回|掉进|掉入|掉回|回到|进入|被收回)(?:到|进|入)?公海(?:了)?',
  '(?:快|快要|即将|马上)(?:要)?(?:掉|回|进|掉进|掉入|掉回|回到|进入)(?:到)?公海(?:的)?客户',
  // 超期未跟进的客户 / 逾期客户
  '(?:超期|逾期|过期|超时)(?:未跟进|没跟进)?(?:的)?客户',
];
const EN_STALE = [
  '^(?:which|what) (?:customers|accounts|clients) (?:are|have gone|went|have become) (?:overdue|stale|due)\\b.*$',
  "^(?:which|what) (?:customers|accounts|clients) (?:are )?(?:about to|going to|soon to|close to|due to) (?:go|return|drop|fall|be returned|get returned|end up)(?: back)? (?:to|in|into) (?:the )?pool\\b.*$",
  "^(?:show (?:me )?|list )?(?:(?:my |our |the )?team(?:'s)? |my |our |the )?(?:overdue|stale|neglected) (?:customers|accounts|clients)\\b.*$",
  "^(?:show (?:me )?|list |which are )?(?:the )?(?:customers|accounts|clients) (?:that )?(?:i|we) (?:haven't|have not|havent|didn't|did not) (?:followed up|follow up|contacted|contact|called|call|touched)\\b.*$",
  '^(?:show (?:me )?|list )?(?:the )?(?:customers|accounts|clients) (?:due|overdue) for (?:a )?follow[- ]?ups?\\b.*$',
];

export const STALE_CUSTOMERS_TRIGGER = new RegExp(`${ZH_ASK}(?:${ZH_STALE.join('|')})${ZH_END}|${EN_STALE.join('|')}`, 'i');

// Someone's follow-ups in a period: "张伟最近跟进了哪些客户", "张伟这周的跟进", "我这周的跟进", "what did Emily do this week",
// "Emily's follow-ups last week", "my follow-ups today". The person is a mention; the command finds them among the users.
const ZH_WHEN = '(?:最近|近期|这几天|这两天|这周|本周|这个?星期|上周|上个?星期|今天|今日|昨天|这个?月|本月|上个?月)';
// Not a person: the words a line about customers, teams or periods starts with ("我们这周…", "跟进 华为 …").
const ZH_NOT_PERSON = '(?!我们|咱们|大家|团队|客户|线索|谁|哪些|哪个|什么|跟进|记录|记一下|拜访|给|和|跟|与|同|今天|昨天|这周|本周|最近|上周|本月|这个月|上个月)';
const ZH_PERSON = `${ZH_NOT_PERSON}([\\u4e00-\\u9fffA-Za-z·][\\u4e00-\\u9fffA-Za-z·. ]{0,19}?)`;
const ZH_DID = [
  // 跟进了哪些客户 / 都拜访了谁 / 联系了几个客户 / 跟进了几次
  '(?:都|一共|总共)?(?:跟进|拜访|联系)(?:了|过)(?:哪些|什么|几个|几次|多少次|多少|谁|哪几个)(?:客户|线索|人)?',
  // 这周的跟进 / 本月跟进记录 (a period is said: "华为的跟进记录" asks for a customer)
  '(?:的)?跟进(?:记录|情况|了什么)?',
  // 这周做了什么 / 干了些什么
  '(?:都)?(?:做|干)了(?:什么|哪些|些什么|啥)(?:事|工作|跟进)?',
];
const ZH_PERSON_FOLLOW_UPS = new RegExp(
  `^${ZH_PERSON}\\s*(?:的)?\\s*(?:${ZH_WHEN}\\s*(?:${ZH_DID.join('|')})|(?:${ZH_DID[0]}|${ZH_DID[2]}))\\s*(?:了|吗|呢|有哪些)?\\s*[?？。!！]*$`,
);
const EN_WHEN = "(?:this week|last week|this month|last month|today|yesterday|recently|lately|these days|(?:in )?the (?:last|past) (?:few days|week|7 days|seven days))";
const EN_NAME = "([A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*){0,2}?)";
const EN_PERSON_FOLLOW_UPS = [
  // what did Emily do this week / what has Emily been up to lately
  new RegExp(`^what (?:did|has|have) ${EN_NAME} (?:do|done|been doing|been up to|work on|worked on)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
  // Emily's follow-ups this week / my follow-ups today / show me Emily's activities
  new RegExp(`^(?:show (?:me )?|list )?${EN_NAME}(?:['’]s?)? (?:follow[- ]?ups|activities|visits and calls)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
  // who did Emily follow up with this week / which customers did Emily visit
  new RegExp(`^(?:who|which customers|which clients|which accounts) (?:did|has|have) ${EN_NAME} (?:follow(?:ed)? up(?: with)?|visit(?:ed)?|call(?:ed)?|contact(?:ed)?)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
];
const SELF = /^(?:我|我自己|本人|i|me|my|myself)$/i;

// The team's follow-ups: "我们这周的跟进", "我们团队今天的跟进", "团队最近跟进了哪些客户", "这周我们组做了什么",
// "our team's follow-ups this week", "what did my team do this week". "我们团队这周跟进量" is the team's board (asked before).
const ZH_TEAM = '(?:我们的?团队|我的?团队|我们的?小?组|咱们的?团队|咱们组|我们部门|本组|全组|全团队|团队|组里|我们|咱们|大家)';
const ZH_TEAM_FOLLOW_UPS = new RegExp(
  `^(?:帮我)?(?:看看|看一下|查查|查一下|列一下|列出|给我看看?)?\\s*${ZH_WHEN}?\\s*${ZH_TEAM}\\s*(?:的|里|里面|成员)?\\s*(?:${ZH_WHEN}\\s*(?:${ZH_DID.join('|')})|(?:${ZH_DID.join('|')}))\\s*(?:了|吗|呢|有哪些|怎么样|如何)?\\s*[?？。!！]*$`,
);
const EN_TEAM = "(?:(?:my|our|the) team(?:['’]s)?|team|our|everyone(?:['’]s)?|everybody(?:['’]s)?)";
const EN_TEAM_FOLLOW_UPS = [
  new RegExp(`^(?:show (?:me )?|list )?${EN_TEAM} (?:follow[- ]?ups|activities|visits and calls)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
  new RegExp(`^what (?:did|has|have) (?:my|our|the) team (?:do|done|been doing|been up to|work on|worked on)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
  new RegExp(`^(?:who|which customers|which clients|which accounts) (?:did|has|have) (?:my|our|the) team (?:follow(?:ed)? up(?: with)?|visit(?:ed)?|call(?:ed)?|contact(?:ed)?)(?: ${EN_WHEN})?[?.!]*$`, 'i'),
];

/** The period of "我们这周的跟进" / "our team's follow-ups this week", or null when the line asks nothing of the kind. */
export function extractTeamFollowUps(text: string): Omit<PersonFollowUpsEntities, 'person'> | null {
  if (!ZH_TEAM_FOLLOW_UPS.test(text) && !EN_TEAM_FOLLOW_UPS.some((re) => re.test(text))) return null;
  return periodOf(text);
}

/** The person (null: the asker) and the period of "张伟这周的跟进" / "what did Emily do this week", or null. */
export function extractPersonFollowUps(text: string): PersonFollowUpsEntities | null {
  let name: string | undefined;
  const zh = ZH_PERSON_FOLLOW_UPS.exec(text);
  if (zh) name = zh[1];
  else for (const re of EN_PERSON_FOLLOW_UPS) {
    const m = re.exec(text);
    if (m) { name = m[1]; break; }
  }
  if (name === undefined) return null;
  name = name.trim().replace(/['’]s?$/, '');
  if (!SELF.test(name) && /^(?:the|a|an|our|your|their|his|her|we|they|you|team|everyone|everybody|customers?|leads?)\b/i.test(name)) return null;
  return { person: SELF.test(name) ? null : name, ...periodOf(text) };
}

function periodOf(text: string): Pick<PersonFollowUpsEntities, 'period' | 'offset'> {
  if (/今天|今日|\btoday\b/i.test(text)) return { period: 'day', offset: 0 };
  if (/昨天|\byesterday\b/i.test(text)) return { period: 'day', offset: -1 };
  if (/上周|上个?星期|\blast week\b/i.test(text)) return { period: 'week', offset: -1 };
  if (/这周|本周|这个?星期|\bthis week\b/i.test(text)) return { period: 'week', offset: 0 };
  if (/上个?月|\blast month\b/i.test(text)) return { period: 'month', offset: -1 };
  if (/这个?月|本月|\bthis month\b/i.test(text)) return { period: 'month', offset: 0 };
  return { period: 'recent', offset: 0 };
}
