import { Entity } from 'typeorm';
import { Created, Id, Ref, Str, Time } from '../shared/columns.js';

/** An integration's key: stored as a hash, acts as its user, revocable. */
@Entity('api_key')
export class ApiKey {
  @Id() id: number;
  @Str(64, false) name: string;
  @Ref(false) userId: number;
  /** The non-secret part shown in lists and used to find the row. */
  @Str(16, false) prefix: string;
  @Str(64, false) hash: string;
  @Time() revokedAt: Date | null;
  @Time() lastUsedAt: Date | null;
  @Created() createdAt: Date;
}
