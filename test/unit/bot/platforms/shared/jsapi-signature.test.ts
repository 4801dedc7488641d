import { describe, expect, it } from 'vitest';
import { jsapiSignature, newNonce, signJsapi, signableUrl } from '../../../../../bot/platforms/shared/jsapi-signature.js';
import { dingtalkSignableUrl } from '../../../../../bot/platforms/dingtalk/client.js';

describe('JS-API page signature', () => {
  it('reproduces the documented JS-SDK example (platforms.md V5)', () => {
    expect(jsapiSignature({
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value',
    })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('signs the page address without its # part, so every hash route of the H5 app shares one signature', () => {
    expect(signableUrl('https://crm.example.com/m/?corpId=x#/pages/followup/index?customerId=1')).toBe('https://crm.example.com/m/?corpId=x');
    const a = signJsapi('ticket', 'https://crm.example.com/m/#/pages/today/index', 1_700_000_000_123);
    expect(a.timestamp).toBe(1_700_000_000);
    expect(a.signature).toBe(jsapiSignature({ ticket: 'ticket', nonceStr: a.nonceStr, timestamp: a.timestamp, url: 'https://crm.example.com/m/' }));
  });

  it('makes a fresh 16-character alphanumeric nonce each time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(seen.size).toBe(50);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('compares DingTalk page addresses with the query decoded, as DingTalk does for iOS and Android alike', () => {
    expect(dingtalkSignableUrl('https://crm.example.com/m/?corpId=ding%24abc&name=%E5%BC%A0+%E4%B8%89#/x')).toBe('https://crm.example.com/m/?corpId=ding$abc&name=张 三');
    expect(dingtalkSignableUrl('https://crm.example.com/m/')).toBe('https://crm.example.com/m/');
    expect(dingtalkSignableUrl('https://crm.example.com/m/?bad=%E5')).toBe('https://crm.example.com/m/?bad=%E5');
  });
});
