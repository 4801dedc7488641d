import { Entity, Index } from 'typeorm';
import { Created, Id, Ref, Str } from '../shared/columns.js';

/** A group chat bound to a team: boards asked for (or pushed) in that group are the team's. */
@Entity('chat_binding')
@Index(['platform', 'chatId'], { unique: true })
export class ChatBinding {
  @Id() id: number;
  @Str(16, false) platform: string;
  @Str(128) tenant: string | null;
  @Str(128, false) chatId: string;
  @Ref(false) teamId: number;
  @Str(128) name: string | null;
  @Ref() createdById: number | null;
  @Created() createdAt: Date;
}
