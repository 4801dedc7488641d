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
    'pages/contracts/index',
    'pages/stale/index',
    'pages/payments/index',
    'pages/me/index',
    // Card deep link by its own name (cards/templates): an alias of Today.
    'pages/index/index',
  ],
  // The charts (and the chart library) load only when a chart page opens: the main package stays small.
  // Each root is the page's own folder, so the card links pages/leaderboard/index and pages/funnel/index
  // are unchanged.
  subPackages: [
    { root: 'pages/leaderboard', pages: ['index'] },
    { root: 'pages/funnel', pages: ['index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: 'chatcrm',
    navigationBarTextStyle: 'white',
  },
});
