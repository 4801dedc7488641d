import { describe, expect, it } from 'vitest';
import { promptDeadline, wsReqIdOf, wsUpdateCode, wsUpdateOf, wsWelcomeReqIdOf } from '../../../../../bot/platforms/wecom/robot-ws-routes.js';
import { clipBytes, markdownToPlain } from '../../../../../bot/platforms/wecom/robot-ws-sender.js';

describe('robot long-connection routes', () => {
  it('each frame kind has its own route, and one is never read as another', () => {
    expect(wsReqIdOf('ws:r1')).toBe('r1');
    expect(wsWelcomeReqIdOf('ws-welcome:r2')).toBe('r2');
    expect(wsReqIdOf('ws-welcome:r2')).toBeUndefined();
    expect(wsWelcomeReqIdOf('ws:r1')).toBeUndefined();
    expect(wsReqIdOf('https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x')).toBeUndefined();
  });

  it('a tap\'s update code carries its req_id and deadline; an app response_code is not one', () => {
    const code = wsUpdateCode('aibot_event_callback_1700000000000_ab:cd', promptDeadline(1_700_000_000_000));
    expect(wsUpdateOf(code)).toEqual({ reqId: 'aibot_event_callback_1700000000000_ab:cd', deadline: 1_700_000_004_000 });
    expect(wsUpdateOf('RESPONSE_CODE_FROM_WECOM')).toBeUndefined();
    expect(wsUpdateOf('ws-update:soon:r')).toBeUndefined();
  });
});

describe('robot message text', () => {
  it('is cut to the byte limit on a character boundary', () => {
    const long = '龙'.repeat(10_000);
    const cut = clipBytes(long, 20480);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(20480);
    expect(cut.endsWith('\u2026')).toBe(true);
    expect(clipBytes('short', 20480)).toBe('short');
  });

  it('a welcome drops the markdown marks our texts use', () => {
    expect(markdownToPlain('你好！例如：\n> 跟进 华为 **今天**')).toBe('你好！例如：\n跟进 华为 今天');
  });
});
