/// <reference types="@tarojs/taro" />
declare module '*.css';
declare module '*.png';
declare module '*.svg';
/** Injected by config/index.ts defineConstants. */
declare const API_BASE: string;
declare namespace NodeJS {
  interface ProcessEnv { TARO_ENV: 'weapp' | 'alipay' | 'h5' | string }
}
declare const WECOM_CORP_ID: string;
declare const WECOM_AGENT_ID: string;
declare const DINGTALK_CORP_ID: string;
