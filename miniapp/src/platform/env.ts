// Where the code runs: a mini-program runtime, or H5 inside WeCom, DingTalk or a plain browser.
export type Host = 'weapp' | 'alipay' | 'wecom' | 'dingtalk' | 'browser';

export function host(): Host {
  if (process.env.TARO_ENV === 'weapp') return 'weapp';
  if (process.env.TARO_ENV === 'alipay') return 'alipay';
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  if (/wxwork/i.test(ua)) return 'wecom';
  if (/DingTalk/i.test(ua)) return 'dingtalk';
  return 'browser';
}
