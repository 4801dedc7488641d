// The cards' default "open in mini-program" target (pages/index/index): go to Today.
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Loading } from '../../components/bits';

export default function IndexRedirect() {
  useEffect(() => { void Taro.redirectTo({ url: '/pages/today/index' }); }, []);
  return <Loading />;
}
