import { Entity } from 'typeorm';
import { Created, Id, Ref, Str, Time } from '../shared/columns.js';

/** A bearer token (stored hashed) that expires; its kind fixes the channel of everything done with it. */
@Entity('session')
export class Session {
  @Id() id: number;
  @Str(64, false) tokenHash: string;
  @Ref(false) userId: number;
  @Str(16, false) channel: 'api' | 'miniapp';
  /** How the session was obtained: dev, wecom, dingtalk. */
  @Str(16, false) method: string;
  @Time(false) expiresAt: Date;
  @Created() createdAt: Date;
}
