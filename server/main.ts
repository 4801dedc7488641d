// Composition root: config → database → app → listen → workers. The one file that imports everything.
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './log.js';
import { openDatabase } from './db/open.js';
import { composeServer } from './compose.js';
import { seedDemo, isEmpty } from './db/seed/demo.js';
import { OffsetClock } from './clock.js';
import { systemClock } from './domain/shared/db.js';
import { startEmulator, type Emulator } from '../bot/platforms/emulator/index.js';
import { t } from '../locales/index.js';

function banner(config: Config, emulator: Emulator | undefined): string {
  const url = `http://localhost:${config.port}/`;
  const say = (key: string, params: Record<string, unknown> = {}) => t(config.defaultLocale, key, params);
  if (!emulator) return `\n${say('emulator.startup.running', { url })}\n`;
  const lines = [
    '', say('emulator.startup.running', { url }), '',
    `  ${say('emulator.startup.open', { url })}`,
    `  ${say('emulator.startup.try')}`,
    `  ${say('emulator.startup.sample')}`,
    `  ${say('emulator.startup.then')}`,
    `  ${say('emulator.startup.platforms', { platforms: [emulator.platforms.wecom && 'WeCom', emulator.platforms.dingtalk && 'DingTalk'].filter(Boolean).join(' + ') })}`,
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(`chatcrm: ${e.message}`); process.exit(2); }
    throw e;
  }
  const log = createLogger(config.logLevel);
  // Emulator/demo mode gets a clock that can be pushed forward to see reminders and digests arrive.
  const clock = config.emulator || config.demoMode ? new OffsetClock() : undefined;
  const db = await openDatabase(config, (line) => log.info(line), clock ?? systemClock);
  if (config.demoMode && (await isEmpty(db))) await seedDemo(db, { log: (line) => log.info(line) });
  const emulator = config.emulator ? await startEmulator({ config, db, clock: clock! }) : undefined;
  if (emulator) config = emulator.config;
  const now = clock ? () => clock.nowMs() : undefined;
  const stack = await composeServer({
    config, db, log, extraRouters: emulator ? [emulator.router] : [],
    ...(now ? { wecom: { now }, dingtalk: { now } } : {}),
  });
  const server = stack.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    emulator?.attach({ baseUrl: `http://127.0.0.1:${port}`, onClockJump: () => { stack.inboxWorker.poke(); stack.outboxWorker.poke(); } });
    log.info({ port, db: db.kind, demoMode: config.demoMode, emulator: !!emulator }, 'chatcrm listening');
    console.log(banner({ ...config, port }, emulator));
  });
  const stop = async () => {
    server.close();
    await stack.stop();
    await emulator?.stop();
    await db.ds.destroy();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
