// Deep link of the leaderboard card ("open in mini-program"): pages/leaderboard/index?metric=&period=.
export { default } from '../stats/index';
