// The secret that signs card buttons: from CHATCRM_SECRET, else generated once and kept with the data.
import { randomBytes } from 'node:crypto';
import type { Db } from '../shared/db.js';
import { serialized } from '../shared/db.js';
import { Setting } from './setting.entity.js';

const KEY = 'instance.secret';

export async function instanceSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const repo = db.ds.getRepository(Setting);
  const row = await repo.findOneBy({ key: KEY });
  if (row?.value && typeof row.value === 'string') return row.value;
  const secret = randomBytes(32).toString('base64url');
  await serialized(db, () => repo.insert({ key: KEY, value: secret, updatedAt: db.clock.now() })).catch(() => undefined);
  // Another instance may have won the insert: use whatever is stored.
  return ((await repo.findOneBy({ key: KEY }))?.value as string) ?? secret;
}
