// What an in-app H5 page needs from the server to use the platform's JS-APIs (voice input in the follow-up form):
// WeCom's ww.register signatures and DingTalk's dd.config parameters, signed for one of this server's own pages.
import { z } from 'zod';
import type { Api } from '../api.js';
import type { PlatformJsapi } from '../../app.js';
import type { Config } from '../../config.js';
import { DomainError, invalid } from '../../domain/shared/domain-error.js';
import { PlatformError } from '../../../bot/core/platform.js';
import { signableUrl } from '../../../bot/platforms/shared/jsapi-signature.js';
import { requiredText } from '../schemas/common.js';
import { t, type Locale } from '../../../locales/index.js';

const JsapiConfigRequest = z.strictObject({ platform: z.enum(['wecom', 'dingtalk']), url: requiredText(2048) });

export interface PlatformRouteOptions {
  /** Read per request: the origin a page must be on is PUBLIC_URL's. */
  config: Pick<Config, 'publicUrl'>;
  jsapi?: PlatformJsapi;
}

/** Only pages this server serves get a signature: a signature for another site would lend it our app's JS-APIs. */
function ownPageUrl(raw: string, publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  let url: URL;
  try { url = new URL(raw); } catch { throw invalid('validation.page_url', 'url', { origin }); }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin || url.username || url.password) {
    throw invalid('validation.page_url', 'url', { origin });
  }
  // The platforms sign the address without its `#` part (hash routes never reach the container's check).
  return signableUrl(raw);
}

function platformFailure(e: unknown, platform: 'wecom' | 'dingtalk', locale: Locale): unknown {
  if (!(e instanceof PlatformError)) return e;
  const platformName = t(locale, `error.platform_name.${platform}`);
  if (e.code === 'config') return new DomainError('invalid', 'platform.jsapi_off', { platformName }, 'platform');
  if (e.retryable) return new DomainError('unavailable', 'platform.unavailable', { platformName });
  return new DomainError('unavailable', 'platform.jsapi_refused', { platformName, code: e.code });
}

export function platformRoutes(api: Api, o: PlatformRouteOptions): void {
  api.schema('platform.jsapiConfigRequest', JsapiConfigRequest);
  api.route('post', '/platform/jsapi-config', {
    summary: 'Sign one of this server\'s H5 pages for the platform JS-API: WeCom ww.register (config and agentConfig signatures) or DingTalk dd.config',
    tag: 'platform', body: JsapiConfigRequest,
  }, async (ctx, body) => {
    const url = ownPageUrl(body.url, o.config.publicUrl);
    const sign = o.jsapi?.[body.platform];
    if (!sign) throw new DomainError('invalid', 'platform.jsapi_off', { platformName: t(ctx.state.locale, `error.platform_name.${body.platform}`) }, 'platform');
    try {
      return { url, ...(await sign(url)) };
    } catch (e) {
      throw platformFailure(e, body.platform, ctx.state.locale);
    }
  });
}
