// npm run db:migrate — apply pending migrations to DATABASE_URL, printing each one.
import { loadConfig } from '../../config.js';
import { openDatabase } from '../open.js';

const config = loadConfig();
const db = await openDatabase(config, (line) => console.log(line));
console.log(`schema up to date (${db.kind})`);
await db.ds.destroy();
