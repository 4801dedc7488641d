import { describe, expect, it } from 'vitest';
import { checkRobotSign, robotSign } from '../../../../../bot/platforms/dingtalk/sign.js';
import { dingtalkSignedHeaders } from '../../../../helpers/platform-callers.js';

describe('DingTalk robot sign', () => {
  it('matches V9 (computed regression values)', () => {
    expect(robotSign('1577262236757', 'this is secret')).toBe('hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=');
    expect(robotSign('1700000000000', 'SECtestsecret')).toBe('7LVwF0dAF3/+MRRulbpE4y72Ogzykc6bS2nG4I99T4s=');
  });

  it('accepts within one hour, rejects stale, forged and missing', () => {
    const now = 1_700_000_000_000;
    const h = dingtalkSignedHeaders('SECtestsecret', now - 59 * 60_000);
    expect(checkRobotSign(h.timestamp, h.sign, 'SECtestsecret', now)).toBe('ok');
    const future = dingtalkSignedHeaders('SECtestsecret', now + 59 * 60_000);
    expect(checkRobotSign(future.timestamp, future.sign, 'SECtestsecret', now)).toBe('ok');
    const stale = dingtalkSignedHeaders('SECtestsecret', now - 61 * 60_000);
    expect(checkRobotSign(stale.timestamp, stale.sign, 'SECtestsecret', now)).toBe('stale');
    expect(checkRobotSign(h.timestamp, h.sign, 'another secret', now)).toBe('bad');
    expect(checkRobotSign(h.timestamp, h.sign.replace(/.$/, 'A'), 'SECtestsecret', now)).not.toBe('ok');
    expect(checkRobotSign(undefined, h.sign, 'SECtestsecret', now)).toBe('missing');
    expect(checkRobotSign('12ab', h.sign, 'SECtestsecret', now)).toBe('bad');
  });
});
