// How a robot long-connection frame's req_id travels through the inbox and the outbox until the adapter answers on
// it. Each kind of frame allows exactly one kind of answer (doc 101031, platforms.md A3.9), so the route says which:
//   message frame      → Address.replyUrl   "ws:<req_id>"                      → aibot_respond_msg
//   enter_chat         → Address.replyUrl   "ws-welcome:<req_id>"              → aibot_respond_welcome_msg (5 s)
//   template_card_event→ handle.responseCode "ws-update:<deadline ms>:<req_id>" → aibot_respond_update_msg (5 s)
// The tap's deadline rides in the response code because the update is delivered for the card's copy (card_instance),
// which keeps only that code. Pure; knows no socket.

export const WS_REPLY_PREFIX = 'ws:';
export const WS_WELCOME_PREFIX = 'ws-welcome:';
export const WS_UPDATE_PREFIX = 'ws-update:';

/**
 * WeCom takes a welcome or a card update only within 5 s of its event. We count from the frame's arrival and stop
 * one second early: the frame spent time on the way to us and our answer needs time on the way back.
 */
export const WS_PROMPT_WINDOW_MS = 5000;
export const WS_PROMPT_SAFETY_MS = 1000;

/** The last moment we still send a welcome or card update for an event that arrived at `arrivedAt`. */
export const promptDeadline = (arrivedAt: number): number => arrivedAt + WS_PROMPT_WINDOW_MS - WS_PROMPT_SAFETY_MS;

/** `ws:<req_id>` → req_id, or undefined for any other reply route. */
export function wsReqIdOf(replyUrl: string | undefined): string | undefined {
  return replyUrl?.startsWith(WS_REPLY_PREFIX) ? replyUrl.slice(WS_REPLY_PREFIX.length) || undefined : undefined;
}

/** `ws-welcome:<req_id>` → req_id. */
export function wsWelcomeReqIdOf(replyUrl: string | undefined): string | undefined {
  return replyUrl?.startsWith(WS_WELCOME_PREFIX) ? replyUrl.slice(WS_WELCOME_PREFIX.length) || undefined : undefined;
}

export function wsUpdateCode(reqId: string, deadline: number): string {
  return `${WS_UPDATE_PREFIX}${deadline}:${reqId}`;
}

/** `ws-update:<deadline>:<req_id>` → its parts, or undefined for an app response_code. */
export function wsUpdateOf(responseCode: string | undefined): { reqId: string; deadline: number } | undefined {
  if (!responseCode?.startsWith(WS_UPDATE_PREFIX)) return undefined;
  const rest = responseCode.slice(WS_UPDATE_PREFIX.length);
  const i = rest.indexOf(':');
  const deadline = Number(rest.slice(0, i));
  const reqId = rest.slice(i + 1);
  return i > 0 && Number.isFinite(deadline) && reqId ? { reqId, deadline } : undefined;
}
