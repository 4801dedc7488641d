import { Entity, Index } from 'typeorm';
import { Id, Str, Time } from '../shared/columns.js';

/**
 * A group chat the platform's bot has heard from, so it knows after a restart which groups it can push into.
 * heardAt moves forward at most about once a day (not per message): enough to tell live groups from silent ones.
 */
@Entity('heard_chat')
@Index(['platform', 'chatId'], { unique: true })
export class HeardChat {
  @Id() id: number;
  @Str(16, false) platform: string;
  @Str(128, false) chatId: string;
  @Time(false) heardAt: Date;
}
