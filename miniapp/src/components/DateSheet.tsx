// A date picked on NutUI's wheel (the same view in weapp, the DingTalk runtime and H5) instead of typed text.
// The kit's confirm/cancel words come from our catalogs, so English mode shows no Chinese.
import { useMemo } from 'react';
import DatePicker from '@nutui/nutui-react-taro/dist/es/packages/datepicker';
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css';
import ConfigProvider from '@nutui/nutui-react-taro/dist/es/packages/configprovider';
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN';
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US';
import { useT } from '../i18n';

const YEARS_BACK = 1;
const YEARS_AHEAD = 5;

export function DateSheet({ visible, value, title, onPick, onClose }: {
  visible: boolean; value: Date | null; title: string; onPick(day: Date): void; onClose(): void;
}) {
  const { t, locale } = useT();
  const kit = useMemo(() => ({ ...(locale === 'en-US' ? enUS : zhCN), confirm: t('common.confirm'), cancel: t('common.cancel') }), [locale, t]);
  const now = new Date();
  const start = new Date(now.getFullYear() - YEARS_BACK, 0, 1);
  const end = new Date(now.getFullYear() + YEARS_AHEAD, 11, 31);
  return (
    <ConfigProvider locale={kit}>
      <DatePicker type='date' visible={visible} title={title} value={value ?? now} startDate={start} endDate={end}
        onClose={onClose}
        onConfirm={(_options, values) => {
          const [y, m, d] = values.map(Number);
          onPick(new Date(y, m - 1, d));
        }} />
    </ConfigProvider>
  );
}
