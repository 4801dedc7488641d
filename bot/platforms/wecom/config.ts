// What the WeCom edge needs to know, passed in by server/main.ts (never read from process.env here).
export interface WecomEdgeConfig {
  corpId: string;
  agentId: string;
  secret: string;
  /** Callback signing token and EncodingAESKey of the app. */
  token: string;
  aesKey: string;
  /** API origin; tests point it at test/fakes/wecom-api.ts. */
  apiBase: string;
  /** Intelligent robot (智能机器人) callback keys; without them /wecom/bot is not mounted. */
  bot?: { token: string; aesKey: string };
  /** Intelligent robot long connection (WebSocket, @wecom/aibot-node-sdk); when set, the adapter's start() connects. */
  botWs?: { botId: string; secret: string };
  /** Group-robot webhook keys by our chat id (e.g. a team name) for scheduled group pushes. */
  groupWebhooks?: Record<string, string>;
  /** Our tenant id for this corp; defaults to corpId. */
  tenant?: string;
}

/** Parses WECOM_GROUP_WEBHOOK_KEYS: `team-a=KEY1,team-b=KEY2` (a bare key is named `default`). */
export function parseGroupWebhookKeys(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(/[,;\s]+/).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i < 0) out.default = part;
    else out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
