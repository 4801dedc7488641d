// The app shell: styles, the offline-draft sync loop, and "session lost → sign in again".
import { type PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { setUnauthorizedHandler } from './api/client';
import { startDraftSync } from './drafts/drafts';
import { getLocale } from './i18n';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.lang = getLocale();
    setUnauthorizedHandler(() => { void Taro.reLaunch({ url: '/pages/login/index' }); });
    startDraftSync();
  });
  return children;
}

export default App;
