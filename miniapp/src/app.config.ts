// Pages: every card button that "opens in mini-program" deep-links to one of these paths with ?id=.
export default defineAppConfig({
  pages: [
    'pages/today/index',
    'pages/customers/index',
    'pages/customer/index',
    'pages/followup/index',
    'pages/login/index',
    'pages/leads/index',
    'pages/opportunities/index',
    'pages/approvals/index',
    'pages/contract/index',
    'pages/stats/index',
    'pages/me/index',
    // Card deep links by their own names (cards/templates): aliases of the pages above.
    'pages/leaderboard/index',
    'pages/funnel/index',
    'pages/index/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: 'chatcrm',
    navigationBarTextStyle: 'white',
  },
});
