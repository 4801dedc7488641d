// What the DingTalk edge needs to know, passed in by server/main.ts (never read from process.env here).
export interface DingtalkEdgeConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  /** New-style API origin (api.dingtalk.com) and old-style one (oapi.dingtalk.com); tests point both at the fake. */
  apiBase: string;
  oapiBase: string;
  mode: 'http' | 'stream';
  /** The organisation's corpId and the H5 app's agentId: dd.config needs both (no JS-API signing without them). */
  corpId?: string;
  agentId?: string;
  /** Our tenant id for this organisation; defaults to appKey (one app serves one org). */
  tenant?: string;
  /** Where taps on cards we create are sent (platforms.md B5.1: chosen per card). Defaults to STREAM in stream mode. */
  cardCallbackType?: 'STREAM' | 'HTTP';
  /** Our cards' template id in the DingTalk card builder, used when a rendered card names none. */
  defaultCardTemplateId?: string;
}
