// Dates read ahead on the second thread give exactly the understanding read in place, and a missing or failed
// thread only costs speed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../../../bot/understand/intents.js';
import { startReadAhead, type ReadAhead } from '../../../../bot/understand/read-ahead.js';

const NOW = new Date('2026-11-18T02:00:00Z'); // Wednesday 10:00 in Shanghai
const AT = { now: NOW, timeZone: 'Asia/Shanghai' };
const LINES = [
  '跟进 华为 今天电话沟通了方案，下周三发报价',
  '拜访了重庆长安，明天下午3点给张总回电话',
  'follow up ACME: called about renewal, send quote next Friday',
  '华为 新商机 5G基站项目 50万 预计下月底成交',
  '今天的待办',
];

describe('reading dates ahead on a second thread', () => {
  let reader: ReadAhead;
  beforeAll(() => { reader = startReadAhead({ timeoutMs: 60_000 }); });
  afterAll(async () => { await reader.close(); });

  it.each(LINES)('"%s" is understood the same with the thread\'s readings as without', async (line) => {
    const memo = await reader.read(line, AT);
    expect(memo?.size).toBeGreaterThan(0);
    const inPlace = understand(line, { ...AT, locale: 'zh-CN' });
    expect(understand(line, { ...AT, locale: 'zh-CN', dateMemo: memo })).toEqual(inPlace);
  });

  it('every reading the turn needs is already there (nothing is read twice)', async () => {
    const memo = (await reader.read(LINES[0], AT))!;
    const keys = [...memo.keys()];
    understand(LINES[0], { ...AT, locale: 'zh-CN', dateMemo: memo });
    expect([...memo.keys()]).toEqual(keys);
  });

  it('a reading made for another instant is not used for this one', async () => {
    const memo = (await reader.read(LINES[0], AT))!;
    const later = new Date(NOW.getTime() + 7 * 86_400_000);
    const u = understand(LINES[0], { now: later, timeZone: AT.timeZone, locale: 'zh-CN', dateMemo: memo });
    expect(u).toEqual(understand(LINES[0], { now: later, timeZone: AT.timeZone, locale: 'zh-CN' }));
  });

  it('a closed reader answers "read it yourself" instead of waiting', async () => {
    const closed = startReadAhead();
    await closed.close();
    await expect(closed.read(LINES[0], AT)).resolves.toBeUndefined();
  });

  it('a reader that cannot answer in time lets the turn go on', async () => {
    const impatient = startReadAhead({ timeoutMs: 0 });
    try {
      await expect(impatient.read(LINES[0], AT)).resolves.toBeUndefined();
    } finally {
      await impatient.close();
    }
  });
});
