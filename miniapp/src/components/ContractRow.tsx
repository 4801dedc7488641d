// One contract in a list (a customer's contracts, my contracts): title, status, customer, and the amount only
// when the API returned it (a field rule may hide it). A tap opens the contract page.
import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ContractStatus } from '../api/types';
import { money } from '../lib/format';
import { statusWord } from './ApprovalProgress';
import { Uc } from './bits';

export interface ContractRowData { id: number; title: string; status: ContractStatus | string; amountCents?: number }

export function ContractRow({ k, customer, children }: PropsWithChildren<{ k: ContractRowData; customer?: string | null }>) {
  return (
    <View className='row' data-testid='contract-row' data-id={k.id} data-status={k.status}
      onClick={() => Taro.navigateTo({ url: `/pages/contract/index?id=${k.id}` })}>
      <View className='row-main'>
        <View className='row-title'><Uc>{k.title}</Uc></View>
        <View className='row-sub'>
          <Text className={`badge badge-${k.status}`} data-testid='contract-row-status'>{statusWord('contract.status', k.status)}</Text>
          {customer && <Uc className='contract-row-customer'>{customer}</Uc>}
          {k.amountCents !== undefined && <Text data-testid='contract-row-amount'>{customer ? ' · ' : ''}{money(k.amountCents)}</Text>}
          {children}
        </View>
      </View>
    </View>
  );
}
