// What middleware leaves on ctx.state for the routes.
import type { DomainContext } from '../domain/shared/with-tx.js';
import type { Actor } from '../domain/shared/actor.js';
import type { User } from '../domain/user/user.entity.js';
import type { Locale } from '../../locales/index.js';

export interface ApiState {
  requestId: string;
  locale: Locale;
  actor: Actor;
  user: User;
  run<T>(fn: (c: DomainContext) => Promise<T>): Promise<T>;
  /** The same for a use case that only reads, each read one statement: no transaction around it (withRead). */
  read<T>(fn: (c: DomainContext) => Promise<T>): Promise<T>;
}
