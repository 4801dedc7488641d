export default definePageConfig({ navigationBarTitleText: 'chatcrm', enablePullDownRefresh: true });
