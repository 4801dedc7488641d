// The demo company: people and teams first; the CRM records come from the seed modules beside this file.
import type { Db } from '../../domain/shared/db.js';
import { User } from '../../domain/user/user.entity.js';
import { seedDemoPeople } from './demo-people.js';

export interface SeedOptions { reset?: boolean; log?: (line: string) => void }

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.ds.getRepository(User).count()) === 0;
}

const TABLES = ['outbox_message', 'inbox_event', 'session', 'api_key', 'audit_log', 'setting', 'custom_field', 'payment', 'contract',
  'task', 'activity', 'stage_history', 'opportunity', 'lead', 'contact', 'customer', 'user', 'team'];

export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  if (opts.reset) {
    for (const t of TABLES) await db.ds.query(`DELETE FROM ${db.kind === 'sqlite' ? `"${t}"` : `\`${t}\``}`);
    log('demo: cleared existing data');
  }
  await seedDemoPeople(db, log);
}
