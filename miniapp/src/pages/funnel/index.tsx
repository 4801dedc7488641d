// Deep link of the funnel card: the same page as the leaderboard, scrolled to nothing in particular.
export { default } from '../stats/index';
