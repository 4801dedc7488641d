// Leaderboard and funnel requests: which metric, which period ("本周回款排行", "leaderboard this quarter", "今年龙虎榜").
import type { LeaderboardMetric, LeaderboardPeriod } from './types.js';

// The period words a team's or one's own figures come with ("我团队这个月的业绩", "我上周回款多少").
const ZH_PERIOD = '(?:这个?月|本月|当月|上个?月|这周|本周|这个?星期|上周|上个?星期|今天|今日|昨天|本季度?|这个?季度|上个?季度|今年|本年|今年以来|去年|全年)';
const ZH_FIGURE = '(?:总)?(?:业绩|回款|签单|赢单|成交|新客户|新增客户|跟进量|跟进数|跟进次数|战绩|成绩)(?:额|金额|量|情况|数据)?';
const EN_PERIOD = '(?:(?:this|last|for the|for this|so far this) (?:week|month|quarter|year)|today|yesterday|ytd)';
// The same figures asked as a count or sum: "签了几单", "赢了多少单", "回了多少款", "新增了几个客户".
const ZH_ASKED = '(?:一共|总共)?\\s*(?:(?:签|赢|成交|拿下)了?(?:几单|多少单|多少)|回(?:了|款了)(?:多少款?|多少钱)|新增了?(?:几个|多少个?)(?:新)?客户|开了?(?:几个|多少个?)新客户)';
// A manager's "我团队这个月的业绩", "团队业绩", "我们组本月回款", "how is my team doing this month": the asker's team board
// (in a 1:1 chat their own team's). Whole lines only, so a follow-up that mentions a team ("跟进 华为 他们团队…") stays one.
const TEAM_FIGURES = new RegExp(
  `^${ZH_PERIOD}?(?:我的?|我们的?|咱们的?|咱的?|本)?(?:团队|小组|组里|组|部门)\\s*${ZH_PERIOD}?\\s*的?\\s*(?:${ZH_FIGURE}\\s*(?:了)?\\s*(?:怎么样|如何|咋样|多少|有多少|排名|排行)?|(?:表现|情况|做得)?(?:怎么样|如何|咋样))\\s*[?？。!！]*$`
  + `|^${ZH_PERIOD}?(?:我们|咱们|我们团队|我们组|团队|组里)\\s*${ZH_PERIOD}?\\s*${ZH_ASKED}\\s*(?:了)?\\s*[?？。!！]*$`
  + `|^how(?:'s| is| are) (?:my|our|the) (?:team|group|squad)(?:'s)? (?:doing|performing|numbers|results|sales|payments)\\b.*$`
  + `|^how much (?:has|did) (?:my|our|the) team (?:collect(?:ed)?|close[d]?|win|won|sell|sold|bring in|brought in)\\b.*$`
  + `|^(?:show (?:me )?|what are )?(?:my |our |the )?team(?:'s)? (?:numbers|performance|results|sales|payments|collections|figures|stats)(?: ${EN_PERIOD})?[?.!]*$`,
  'i');
// "谁跟进最多", "本月谁回款最多", "who closed the most this month", "年榜" ask for a board as much as "排行榜" does.
export const LEADERBOARD_TRIGGER = new RegExp(`${/排行榜|龙虎榜|排行|排名|榜单|[日周月年]榜|季度榜|谁.{0,8}(?:最多|最高|第一|领先)|\bleader ?board\b|\brankings?\b|\btop (?:reps|sellers|performers|salespeople)\b|\bwho (?:\w+ ){0,3}(?:the )?most\b/.source}|${TEAM_FIGURES.source}`, 'i');
// "我这个月回款多少", "我本月业绩", "how much have I collected this month", "my numbers this quarter": the asker's own
// figures, which the same answer gives (a place and a value per metric). Whole lines only ("我团队…" is the team's).
const MY_FIGURES = new RegExp(
  `^${ZH_PERIOD}?(?:我自己|我)的?\\s*${ZH_PERIOD}?\\s*的?\\s*${ZH_FIGURE}\\s*(?:了)?\\s*(?:怎么样|如何|咋样|多少|有多少|是多少)?\\s*[?？。!！]*$`
  + `|^${ZH_PERIOD}?(?:我自己|我)\\s*${ZH_PERIOD}?\\s*${ZH_ASKED}\\s*(?:了)?\\s*[?？。!！]*$`
  + `|^how much (?:have|did) i (?:collect(?:ed)?|close[d]?|win|won|sell|sold|bring in|brought in|get|got)\\b.*$`
  + `|^(?:show (?:me )?|what are )?my (?:numbers|figures|stats|performance|results|sales|payments|collections)(?: ${EN_PERIOD})?[?.!]*$`
  + `|^how am i doing(?: ${EN_PERIOD})?[?.!]*$`,
  'i');
// "我排第几", "我本月回款排名", "what's my rank this week": the asker's own place, not the whole board ("我们组排名",
// "给我看本月排名" ask for the board).
export const MY_RANK_TRIGGER = new RegExp(`${/我(?!们)(?:的|这个月|本月|本周|这周|今天|本季度?|上个?月|上周)?[^看查发给们]{0,6}(?:排名|排第几|第几名|名次|排在第?几)|我排第?几|\bmy (?:rank(?:ing)?|place|position)\b|\bwhere do i (?:rank|stand)\b|\bwhat(?:'s| is) my rank\b/.source}|${MY_FIGURES.source}`, 'i');
export const FUNNEL_TRIGGER = /漏斗|转化率|销售预测|业绩预测|预测|商机分布|\bpipeline\b|\bfunnel\b|\bforecast\b|\bconversion\b/i;

const MONTH = /本月|这个?月|当月|上个?月|每月|月度|月榜|\bmonth(?:ly)?\b/i;
// "今年龙虎榜", "年度排行榜", "去年回款排行", "全年跟进排名", "leaderboard this year", "annual payments ranking", "YTD".
const YEAR = /今年|本年|这一?年|当年|去年|上一?年|全年|年度|年榜|\byear(?:ly)?\b|\bannual(?:ly)?\b|\bytd\b/i;

export function extractLeaderboard(text: string): { metric: LeaderboardMetric; period: LeaderboardPeriod; offset: number } {
  const metric: LeaderboardMetric =
    /回款|回了多少|\bpayments?\b|\bcollect(?:ed|ions?)?\b|\bcash\b|\breceived\b/i.test(text) ? 'payments'
      : /新客户|新增客户|新增了?(?:几个|多少个?)客户|新客|拓客|\bnew (?:customers|accounts|clients)\b/i.test(text) ? 'new_customers'
        : /跟进|拜访|活动量|\bfollow(?:ed)?[- ]?ups?\b|\bactivit(?:y|ies)\b|\bcall(?:s|ed)\b|\bvisit(?:s|ed)\b/i.test(text) ? 'followups'
          : 'won_amount';
  const period: LeaderboardPeriod =
    /今天|今日|当天|昨天|昨日|日榜|每日|\btoday\b|\byesterday\b|\bdaily\b|\bday\b/i.test(text) ? 'day'
      : /周|星期|\bweek(?:ly)?\b/i.test(text) ? 'week'
        : /季/.test(text) || /\bquarter(?:ly)?\b/i.test(text) ? 'quarter'
          // A month named outright wins over a year's word ("今年每月…" is still a month); otherwise any word of a year.
          : MONTH.test(text) ? 'month'
            : YEAR.test(text) ? 'year'
              : 'month';
  const offset = /上周|上个?星期|上个?月|上季度?|去年|上一?年|昨天|昨日|\blast\b|\bprevious\b|\byesterday\b/i.test(text) ? -1 : 0;
  return { metric, period, offset };
}

/** The period asked for and the metric if one is named (null: every metric). */
export function extractMyRank(text: string): { metric: LeaderboardMetric | null; period: LeaderboardPeriod; offset: number } {
  const board = extractLeaderboard(text);
  const named = /回款|回了|新客户|新增客户|新增了?(?:几个|多少个?)客户|新客|拓客|跟进|拜访|活动量|赢单|签单|成交|业绩|签了|赢了|拿下|\bpayments?\b|\bcollect(?:ed|ions?)?\b|\bnew (?:customers|accounts|clients)\b|\bfollow(?:ed)?[- ]?ups?\b|\bactivit(?:y|ies)\b|\bcalls?\b|\bvisits?\b|\bwon\b|\bdeals?\b|\bsales\b/i.test(text);
  return { ...board, metric: named ? board.metric : null };
}

export function extractFunnelView(text: string): 'funnel' | 'forecast' | 'region' {
  if (/预测|\bforecast\b/i.test(text)) return 'forecast';
  if (/区域|地区|分区|\bregions?\b|\bby region\b/i.test(text)) return 'region';
  return 'funnel';
}
