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
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: 'chatcrm',
    navigationBarTextStyle: 'white',
  },
});
