// Small shared pieces: section, chips, empty/unavailable/error states; user data is marked `uc`
// (user content) so the language test can tell interface words from customer names.
import type { PropsWithChildren, ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
import { useT } from '../i18n';

export function Section({ title, extra, children, testId }: PropsWithChildren<{ title: string; extra?: ReactNode; testId?: string }>) {
  return (
    <View className='section' data-testid={testId}>
      <View className='section-title'><Text>{title}</Text>{extra}</View>
      {children}
    </View>
  );
}

export function Chips<K extends string>({ options, value, onChange, testId }: { options: { key: NoInfer<K>; label: string; uc?: boolean }[]; value: K; onChange(k: NoInfer<K>): void; testId?: string }) {
  return (
    <View className='chips' data-testid={testId}>
      {options.map((o) => (
        <View key={o.key} className={`chip ${o.key === value ? 'chip-on' : ''}`} data-testid={`${testId ?? 'chip'}-${o.key}`} onClick={() => onChange(o.key)}>
          {o.uc ? <Uc>{o.label}</Uc> : o.label}
        </View>
      ))}
    </View>
  );
}

/** Data that came from the server (names, notes): shown as is in any language. */
export const Uc = ({ children, className }: PropsWithChildren<{ className?: string }>) => <Text className={`uc ${className ?? ''}`}>{children}</Text>;

export function EmptyState({ text, unavailable }: { text?: string; unavailable?: boolean }) {
  const { t } = useT();
  return (
    <View data-testid={unavailable ? 'unavailable' : 'empty'}>
      {/* Our own art: the kit's default images come from a public CDN an intranet phone may not reach. */}
      <Empty image={<View className={`empty-art ${unavailable ? 'empty-art-off' : ''}`} />} imageSize={64} title={text ?? t(unavailable ? 'common.unavailable' : 'common.empty')}
        description={unavailable ? t('common.unavailableHint') : undefined} />
    </View>
  );
}

export function Loading() {
  const { t } = useT();
  return <View className='pad center muted'>{t('common.loading')}</View>;
}

/** The end of a paged list: loading, "load more" while there is a next page, or "no more" once something was shown. */
export function PageFooter({ loading, error, hasMore, shown, onMore }: { loading: boolean; error?: unknown; hasMore: boolean; shown: number; onMore(): void }) {
  const { t } = useT();
  if (loading) return <Loading />;
  if (hasMore) return error ? null : <View className='pad'><View className='btn btn-block' data-testid='load-more' onClick={onMore}>{t('common.loadMore')}</View></View>;
  return shown > 0 ? <View className='pad center muted' data-testid='no-more'>{t('common.noMore')}</View> : null;
}

export function ErrorLine({ error, onRetry }: { error: string; onRetry?: () => void }) {
  const { t } = useT();
  return (
    <View className='pad center muted' data-testid='error'>
      <Text>{t('common.error', { message: error })}</Text>
      {onRetry && <View className='btn' onClick={onRetry}>{t('common.retry')}</View>}
    </View>
  );
}

/** A catalog sentence whose placeholders are React nodes (e.g. a user's name kept as user content). */
export function Tx({ k, params }: { k: string; params: Record<string, ReactNode> }) {
  const { t } = useT();
  const parts = t(k).split(/\{(\w+)\}/);
  return <Text>{parts.map((p, i) => (i % 2 ? <Text key={i}>{params[p]}</Text> : p))}</Text>;
}
