export default definePageConfig({ navigationBarTitleText: 'chatcrm' });
