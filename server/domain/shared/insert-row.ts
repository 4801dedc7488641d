// One INSERT and nothing else: TypeORM's insert()/save() read generated defaults back with a second query on
// MySQL; hot paths that already know every value skip that round trip.
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export async function insertRow<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, values: Partial<T>): Promise<number> {
  const res = await tx.createQueryBuilder().insert().into(entity).values(values as never).updateEntity(false).execute();
  // MySQL answers {insertId}; better-sqlite3 answers the new rowid itself.
  const raw = res.raw as number | { insertId?: number };
  return Number(typeof raw === 'number' ? raw : raw?.insertId ?? res.identifiers[0]?.id);
}
