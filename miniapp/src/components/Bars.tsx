// Horizontal bars in plain CSS: the same markup renders in weapp, DingTalk and H5 with no canvas and no chart
// library in the main package.
import { View, Text } from '@tarojs/components';
import { Uc } from './bits';

export interface Bar { key: string; label: string; value: number; display: string; userLabel?: boolean; rank?: number; note?: string }

export function Bars({ bars, testId, rowTestId }: { bars: Bar[]; testId?: string; rowTestId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View data-testid={testId}>
      {bars.map((b) => (
        <View key={b.key} className='bar-row' data-testid={rowTestId}>
          {b.rank !== undefined && <Text className='rank'>{b.rank}</Text>}
          <View className='bar-label'>
            {b.userLabel ? <Uc>{b.label}</Uc> : <Text>{b.label}</Text>}
            {b.note && <View className='bar-note'>{b.note}</View>}
          </View>
          <View className='bar-track'><View className='bar-fill' style={{ width: `${Math.max(2, (b.value / max) * 100)}%` }} /></View>
          <Text className='bar-value'>{b.display}</Text>
        </View>
      ))}
    </View>
  );
}
