// Composition root: config → database → app → listen → workers. The one file that imports everything.
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './log.js';
import { openDatabase } from './db/open.js';
import { composeServer } from './compose.js';
import { seedDemo, isEmpty } from './db/seed/demo.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(`chatcrm: ${e.message}`); process.exit(2); }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => log.info(line));
  if (config.demoMode && (await isEmpty(db))) await seedDemo(db, { log: (line) => log.info(line) });
  const stack = await composeServer({ config, db, log });
  const server = stack.app.listen(config.port, () => {
    log.info({ port: config.port, db: db.kind, demoMode: config.demoMode }, 'chatcrm listening');
    console.log(`\nchatcrm is running: http://localhost:${config.port}/  (API: /api/v1, health: /healthz)\n`);
  });
  const stop = async () => {
    server.close();
    await stack.stop();
    await db.ds.destroy();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
