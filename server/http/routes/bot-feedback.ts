// Readers' feedback on the bot's answers (admins): GET /bot-feedback/stats.
import type { Api } from '../api.js';
import { feedbackCounts } from '../../domain/bot/feedback-counts.js';

export function botFeedbackRoutes(api: Api): void {
  api.route('get', '/bot-feedback/stats', { summary: 'Readers\' thumbs up/down on the bot\'s answers, counted by rating (admin)', tag: 'delivery' },
    (ctx) => ctx.state.read((c) => feedbackCounts(c)));
}
