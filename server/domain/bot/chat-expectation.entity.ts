import { Entity, Index } from 'typeorm';
import { Created, Id, Ref, Str, Time } from '../shared/columns.js';

/** What the bot waits for from one person in their 1:1 chat (see expect-follow-up.ts); lapses at expiresAt. */
@Entity('chat_expectation')
@Index(['userId'], { unique: true })
export class ChatExpectation {
  @Id() id: number;
  @Ref(false) userId: number;
  @Str(16, false) kind: 'follow_up';
  @Str(16, false) subjectType: 'customer' | 'lead';
  @Ref(false) subjectId: number;
  @Str(255) subjectName: string | null;
  @Time(false) expiresAt: Date;
  @Created() createdAt: Date;
}
