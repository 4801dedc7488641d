// Starts one chatcrm: database (migrated, demo data when asked), the local emulator when on, the composed stack,
// and the HTTP listener. server/main.ts calls it for `npm start`; end-to-end tests call it to get the very same
// thing on a free port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { openDatabase } from './db/open.js';
import { composeServer, type Stack } from './compose.js';
import { seedDemo, isEmpty } from './db/seed/demo.js';
import { OffsetClock } from './clock.js';
import { systemClock, type Db } from './domain/shared/db.js';
import { startEmulator, type Emulator } from '../bot/platforms/emulator/index.js';

export interface Running {
  url: string;
  port: number;
  config: Config;
  db: Db;
  stack: Stack;
  /** Present in emulator/demo mode: the adjustable clock every job reads. */
  clock?: OffsetClock;
  emulator?: Emulator;
  log: Logger;
  stop(): Promise<void>;
}

export async function startChatcrm(initial: Config, o: { log?: Logger; host?: string } = {}): Promise<Running> {
  // The emulator lets anyone act as anyone: in production it runs only when EMULATOR=true says so explicitly.
  let config = initial.emulator && initial.env === 'production' && initial.raw.EMULATOR !== 'true' ? { ...initial, emulator: false } : initial;
  const log = o.log ?? createLogger(config.logLevel);
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
  const server: Server = await new Promise((resolve, reject) => {
    const s = stack.app.listen(config.port, o.host, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  emulator?.attach({ baseUrl: `http://127.0.0.1:${port}`, onClockJump: () => { for (const w of [stack.reminders.planner, stack.reminders.sender, stack.boardPusher, stack.approvalTimers, stack.inboxWorker, stack.outboxWorker]) w.poke(); } });
  log.info({ port, db: db.kind, demoMode: config.demoMode, emulator: !!emulator }, 'chatcrm listening');
  return {
    url: `http://127.0.0.1:${port}`, port, config: { ...config, port }, db, stack, clock, emulator, log,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await stack.stop();
      await emulator?.stop();
      await db.ds.destroy();
    },
  };
}
