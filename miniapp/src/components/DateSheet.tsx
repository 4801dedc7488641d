// A date picked on NutUI's wheel (the same view in weapp, the DingTalk runtime and H5) instead of typed text.
// The kit's confirm/cancel words come from our catalogs, so English mode shows no Chinese.
import { useMemo } from 'react';
import DatePicker from '@nutui/nutui-react-taro/dist/es/packages/datepicker';
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css';
import ConfigProvider from '@nutui/nutui-react-taro/dist/es/packages/configprovider';
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN';
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US';
import { useT } from '../i18n';
import { fromWall, nowMs, wall } from '../lib/clock';

const YEARS_BACK = 1;
const YEARS_AHEAD = 5;

export function DateSheet({ visible, value, title, onPick, onClose }: {
  visible: boolean; value: Date | null; title: string; onPick(day: Date): void; onClose(): void;
}) {
  const { t, locale } = useT();
  const kit = useMemo(() => ({ ...(locale === 'en-US' ? enUS : zhCN), confirm: t('common.confirm'), cancel: t('common.cancel') }), [locale, t]);
  // The wheel shows the phone's calendar: hand it the company's day as a local date, and take the pick back as the
  // start of that company day.
  const asLocal = (at: number | Date) => { const w = wall(at); return new Date(w.year, w.month - 1, w.day); };
  const today = wall(nowMs());
  const start = new Date(today.year - YEARS_BACK, 0, 1);
  const end = new Date(today.year + YEARS_AHEAD, 11, 31);
  return (
    <ConfigProvider locale={kit}>
      <DatePicker type='date' visible={visible} title={title} value={asLocal(value ?? nowMs())} startDate={start} endDate={end}
        onClose={onClose}
        onConfirm={(_options, values) => {
          const [y, m, d] = values.map(Number);
          onPick(fromWall(y, m, d));
        }} />
    </ConfigProvider>
  );
}
