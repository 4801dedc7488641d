// Taro build configuration: one source tree, three runtimes (weapp, alipay for DingTalk, h5 served at /m/).
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'chatcrm-miniapp',
    date: '2026-11-22',
    // NutUI React Taro is designed at 375 px: one design px is one CSS px on a 375 px phone.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-platform-alipay'],
    defineConstants: {
      // Mini-programs need an absolute API origin; H5 is served by the API server itself, so '' (same origin).
      API_BASE: JSON.stringify(process.env.CHATCRM_API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'https://crm.example.com')),
      // Only for the silent logins inside WeCom/DingTalk H5; empty means "show the demo picker".
      WECOM_CORP_ID: JSON.stringify(process.env.CHATCRM_WECOM_CORP_ID ?? ''),
      WECOM_AGENT_ID: JSON.stringify(process.env.CHATCRM_WECOM_AGENT_ID ?? ''),
      DINGTALK_CORP_ID: JSON.stringify(process.env.CHATCRM_DINGTALK_CORP_ID ?? ''),
    },
    alias: {
      '@locales': path.resolve(__dirname, '..', '..', 'locales'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/m/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      esnextModules: ['@nutui'],
    },
  };
  return merge({}, base);
});
