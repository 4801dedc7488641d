// Horizontal bars in plain CSS: the same markup renders in weapp, DingTalk and H5 with no canvas and no chart
// library in the main package.
import { View, Text } from '@tarojs/components';
import { Uc } from './bits';

export interface Bar { key: string; label: string; value: number; display: string; userLabel?: boolean }

export function Bars({ bars, testId }: { bars: Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View data-testid={testId}>
      {bars.map((b) => (
        <View key={b.key} className='bar-row'>
          <View className='bar-label'>{b.userLabel ? <Uc>{b.label}</Uc> : <Text>{b.label}</Text>}</View>
          <View className='bar-track'><View className='bar-fill' style={{ width: `${Math.max(2, (b.value / max) * 100)}%` }} /></View>
          <Text className='bar-value'>{b.display}</Text>
        </View>
      ))}
    </View>
  );
}
