// Leaderboard and funnel requests: which metric, which period ("本周回款排行", "leaderboard this quarter", "今年龙虎榜").
import type { LeaderboardMetric, LeaderboardPeriod } from './types.js';

// "谁跟进最多", "本月谁回款最多", "who closed the most this month", "年榜" ask for a board as much as "排行榜" does.
export const LEADERBOARD_TRIGGER = /排行榜|龙虎榜|排行|排名|榜单|[日周月年]榜|季度榜|谁.{0,8}(?:最多|最高|第一|领先)|\bleader ?board\b|\brankings?\b|\btop (?:reps|sellers|performers|salespeople)\b|\bwho (?:\w+ ){0,3}(?:the )?most\b/i;
// "我排第几", "我本月回款排名", "what's my rank this week": the asker's own place, not the whole board ("我们组排名",
// "给我看本月排名" ask for the board).
export const MY_RANK_TRIGGER = /我(?!们)(?:的|这个月|本月|本周|这周|今天|本季度?|上个?月|上周)?[^看查发给们]{0,6}(?:排名|排第几|第几名|名次|排在第?几)|我排第?几|\bmy (?:rank(?:ing)?|place|position)\b|\bwhere do i (?:rank|stand)\b|\bwhat(?:'s| is) my rank\b/i;
export const FUNNEL_TRIGGER = /漏斗|转化率|销售预测|业绩预测|预测|商机分布|\bpipeline\b|\bfunnel\b|\bforecast\b|\bconversion\b/i;

const MONTH = /本月|这个?月|当月|上个?月|每月|月度|月榜|\bmonth(?:ly)?\b/i;
// "今年龙虎榜", "年度排行榜", "去年回款排行", "全年跟进排名", "leaderboard this year", "annual payments ranking", "YTD".
const YEAR = /今年|本年|这一?年|当年|去年|上一?年|全年|年度|年榜|\byear(?:ly)?\b|\bannual(?:ly)?\b|\bytd\b/i;

export function extractLeaderboard(text: string): { metric: LeaderboardMetric; period: LeaderboardPeriod; offset: number } {
  const metric: LeaderboardMetric =
    /回款|\bpayments?\b|\bcollections?\b|\bcash\b|\breceived\b/i.test(text) ? 'payments'
      : /新客户|新增客户|新客|拓客|\bnew (?:customers|accounts|clients)\b/i.test(text) ? 'new_customers'
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
  const named = /回款|新客户|新增客户|新客|拓客|跟进|拜访|活动量|赢单|签单|成交|业绩|\bpayments?\b|\bcollections?\b|\bnew (?:customers|accounts|clients)\b|\bfollow(?:ed)?[- ]?ups?\b|\bactivit(?:y|ies)\b|\bcalls?\b|\bvisits?\b|\bwon\b|\bdeals?\b|\bsales\b/i.test(text);
  return { ...board, metric: named ? board.metric : null };
}

export function extractFunnelView(text: string): 'funnel' | 'forecast' | 'region' {
  if (/预测|\bforecast\b/i.test(text)) return 'forecast';
  if (/区域|地区|分区|\bregions?\b|\bby region\b/i.test(text)) return 'region';
  return 'funnel';
}
