// npm run seed:demo — reset the database to the demo company (asks nothing; meant for demo databases).
import { loadConfig } from '../../config.js';
import { openDatabase } from '../open.js';
import { seedDemo } from '../seed/demo.js';

const config = loadConfig();
const db = await openDatabase(config, (line) => console.log(line));
await seedDemo(db, { reset: true, log: (line) => console.log(line) });
await db.ds.destroy();
