// Composition root for `npm start` / `node dist/server/main.js`: config → start (database, emulator, stack,
// listener) → a banner saying where to go and what to try. Everything else lives in server/start.ts.
import { loadConfig, ConfigError, type Config } from './config.js';
import { startChatcrm } from './start.js';
import type { Emulator } from '../bot/platforms/emulator/index.js';
import { t } from '../locales/index.js';

function banner(config: Config, emulator: Emulator | undefined): string {
  const url = `http://localhost:${config.port}/`;
  const say = (key: string, params: Record<string, unknown> = {}) => t(config.defaultLocale, key, params);
  if (!emulator) return `\n${say('emulator.startup.running', { url })}\n`;
  const platforms = [emulator.platforms.wecom && 'WeCom', emulator.platforms.dingtalk && 'DingTalk'].filter(Boolean).join(' + ');
  return ['', say('emulator.startup.running', { url }), '',
    `  ${say('emulator.startup.open', { url })}`,
    `  ${say('emulator.startup.try')}`,
    `  ${say('emulator.startup.sample')}`,
    `  ${say('emulator.startup.then')}`,
    `  ${say('emulator.startup.platforms', { platforms })}`,
    ''].join('\n');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(`chatcrm: ${e.message}`); process.exit(2); }
    throw e;
  }
  const running = await startChatcrm(config);
  console.log(banner(running.config, running.emulator));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // In-flight deliveries may be waiting for a platform rate-limit slot; their rows stay claimed and another
    // instance (or the next start) takes them over when the lease ends, so do not wait on them for long.
    setTimeout(() => process.exit(0), 5000).unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
