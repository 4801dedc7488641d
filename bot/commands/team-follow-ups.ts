// "我们这周的跟进" / "我们团队今天的跟进" / "our team's follow-ups this week" → the team's follow-ups in the period, by
// person (server/domain/activity/team-follow-ups.ts): a manager's team with its sub-teams, an admin's everyone, the
// people with the most first, each with their newest few, and who on the team logged none. A rep (or finance) gets
// their own, as "我这周的跟进" answers, told that team views are for managers. At most ~15 lines; the rest is counted
// with a pointer to the mini-program. Said in a group chat, the list goes to the asker's own chat.
import { teamFollowUps } from '../../server/domain/activity/team-follow-ups.js';
import { t } from '../../locales/index.js';
import { markdown, type Command } from './command.js';
import { replyInPrivate } from './in-private.js';
import { shareLines } from './list-reply.js';
import { followUpLine, periodKey, personFollowUpsFor } from './person-follow-ups.js';

/** Lines of one answer at most: the title, the people and their follow-ups, who logged none, the "N more" line. */
export const TEAM_LINES = 15;
/** Names of people who logged none, at most (the rest counted). */
const IDLE_NAMES = 10;

export const teamFollowUpsCommand: Command<'activity.team'> = {
  intent: 'activity.team',
  async run(c, turn, u) {
    const { locale } = turn;
    const period = t(locale, periodKey(u.entities));
    if (turn.user.role !== 'manager' && turn.user.role !== 'admin') {
      return personFollowUpsFor(c, turn, { ...u, intent: 'activity.person', entities: { person: null, ...u.entities } }, turn.user, 'bot.followups.team_for_managers');
    }
    const budget = TEAM_LINES - 3;
    const found = await teamFollowUps(c, { period: u.entities.period, offset: u.entities.offset }, { people: Math.floor(budget / 2), perPerson: budget });
    if (found.scope === 'mine') {
      // A manager with no team under them: their own, saying why.
      return personFollowUpsFor(c, turn, { ...u, intent: 'activity.person', entities: { person: null, ...u.entities } }, turn.user, 'bot.followups.team_none_under');
    }
    const idle = found.idle.length
      ? t(locale, 'bot.followups.team_idle', {
        period, names: found.idle.slice(0, IDLE_NAMES).map((p) => p.name).join(t(locale, 'bot.list_separator'))
          + (found.idle.length > IDLE_NAMES ? t(locale, 'bot.followups.team_idle_more', { more: found.idle.length - IDLE_NAMES }) : ''),
      })
      : '';
    if (!found.total) {
      return replyInPrivate(c, turn, markdown(found.scope === 'all' ? 'bot.followups.team_none_all' : 'bot.followups.team_none', { period, idle: idle ? `\n${idle}` : '' }));
    }
    const lines: string[] = [];
    const take = shareLines(found.people.map((p) => p.items.length), budget - found.people.length);
    let shown = 0;
    found.people.forEach((p, k) => {
      lines.push(t(locale, 'bot.followups.team_person', { name: p.name, count: p.count }));
      for (const a of p.items.slice(0, take[k])) { lines.push(followUpLine(locale, turn.timeZone, a)); shown++; }
    });
    if (idle) lines.push(idle);
    const more = found.total - shown;
    await replyInPrivate(c, turn, markdown('bot.followups.list', {
      title: t(locale, found.scope === 'all' ? 'bot.followups.title_all' : 'bot.followups.title_team', { period, count: found.total, people: t(locale, found.authors === 1 ? 'bot.followups.people_one' : 'bot.followups.people', { count: found.authors }) }),
      lines: lines.join('\n'), more: more > 0 ? `\n${t(locale, 'bot.followups.more', { more })}` : '',
    }));
  },
};
