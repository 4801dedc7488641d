// An approval's progress: each step with its approvers and what they did, then the history (who, when,
// which channel, comment). Shared by the contract page and the approvals inbox. Step names come localized
// from the server; people's names and comments are user content.
import { View, Text } from '@tarojs/components';
import type { ApprovalDetail } from '../api/types';
import { shortTime } from '../lib/format';
import { t as translate, useT } from '../i18n';
import { Uc } from './bits';

/** A catalog word for a status, or the raw value when the catalog has none (a status added later). */
export function statusWord(prefix: string, status: string): string {
  const w = translate(`${prefix}.${status}`);
  return w.startsWith('miniapp.') ? status : w;
}

export function ApprovalProgress({ detail }: { detail: ApprovalDetail }) {
  const { t } = useT();
  return (
    <View data-testid='approval-progress' data-status={detail.status}>
      <View className='pad muted'>
        <Text className={`badge badge-${detail.status}`} data-testid='approval-status'>{statusWord('approval.status', detail.status)}</Text>
        <Text>{detail.status === 'pending'
          ? t('approval.stepOf', { step: detail.currentStep, total: detail.stepCount })
          : t('approval.steps', { total: detail.stepCount })}</Text>
      </View>
      {detail.steps.map((s) => (
        <View key={s.index} className={`step step-${s.status}`} data-testid='approval-step' data-status={s.status}>
          <View className='step-dot' />
          <View className='row-main'>
            <View className='row-title'>
              <Uc>{s.name}</Uc>
              <Text className={`badge badge-${s.status}`} style={{ marginLeft: '6px' }}>{statusWord('approval.stepStatus', s.status)}</Text>
            </View>
            <View className='row-sub'>
              {s.approvers.length > 1 && <Text>{t(`approval.mode.${s.mode}`)} · </Text>}
              {s.approvers.filter((a) => a.current || a.status !== 'cancelled').map((a, i) => (
                <Text key={a.taskId}>
                  {i > 0 && t('approval.listSep')}
                  <Uc>{a.user?.name ?? '-'}</Uc>
                  <Text> ({statusWord('approval.taskStatus', a.status)}{a.decidedAt ? ` ${shortTime(a.decidedAt)}` : ''})</Text>
                  {a.comment && <Text>: <Uc>{a.comment}</Uc></Text>}
                </Text>
              ))}
            </View>
          </View>
        </View>
      ))}
      {detail.history.length > 0 && (
        <View data-testid='approval-history'>
          <View className='section-title'><Text>{t('approval.history')}</Text></View>
          {detail.history.map((h, i) => (
            <View key={i} className='timeline-item'>
              <View>
                <Text className='badge'>{statusWord('approval.event', h.type)}</Text>
                <Uc>{h.actor?.name ?? ''}</Uc>
                {h.to && <Text> → <Uc>{h.to.name}</Uc></Text>}
                <Text className='muted'> {shortTime(h.at)}</Text>
                {h.channel && <Text className='muted'> · {statusWord('approval.channel', h.channel)}</Text>}
              </View>
              {h.comment && <View className='row-sub'><Uc>{h.comment}</Uc></View>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
