// Group chats bound to teams (admin): which team's board a group sees. One binding per platform + chat.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { Team } from '../user/team.entity.js';
import { ChatBinding } from './chat-binding.entity.js';
import { BoardPush } from './board-push.entity.js';

export interface BindChatInput { platform: string; chatId: string; teamId: number; tenant?: string | null; name?: string | null }

const requireAdmin = (c: DomainContext, action: string) => requireRole(c, ['admin', 'system'], action);

/**
 * Bind a group chat to a team, or move an existing binding to another team. Who: admins.
 * Writes: chat_binding (one per platform + chatId), audit. Idempotent: binding again to the same team changes nothing.
 */
export async function bindChat(c: DomainContext, input: BindChatInput): Promise<ChatBinding> {
  requireAdmin(c, 'chat_binding.bind');
  if (!(await c.tx.findOne(Team, { where: { id: input.teamId } }))) throw invalid('validation.team', 'teamId');
  const existing = await c.tx.findOne(ChatBinding, { where: { platform: input.platform, chatId: input.chatId } });
  if (existing) {
    if (existing.teamId === input.teamId) return existing;
    const before = { ...existing };
    existing.teamId = input.teamId;
    if (input.name !== undefined) existing.name = input.name;
    await c.tx.save(existing);
    await audit(c, 'update', 'chat_binding', existing.id, before, existing);
    return existing;
  }
  const row = await c.tx.save(c.tx.create(ChatBinding, {
    platform: input.platform, chatId: input.chatId, teamId: input.teamId, tenant: input.tenant ?? null, name: input.name ?? null,
    createdById: c.actor.userId, createdAt: c.now,
  }));
  await audit(c, 'create', 'chat_binding', row.id, null, row);
  return row;
}

/** Remove a binding and its scheduled pushes. Who: admins. Writes: chat_binding, board_push, audit. */
export async function unbindChat(c: DomainContext, id: number): Promise<void> {
  requireAdmin(c, 'chat_binding.delete');
  const row = await c.tx.findOne(ChatBinding, { where: { id } });
  if (!row) throw notFound('chat_binding');
  await c.tx.delete(BoardPush, { bindingId: id });
  await c.tx.delete(ChatBinding, { id });
  await audit(c, 'delete', 'chat_binding', id, row, null);
}

export async function listChatBindings(c: DomainContext): Promise<ChatBinding[]> {
  requireAdmin(c, 'chat_binding.list');
  return c.tx.find(ChatBinding, { order: { id: 'ASC' } });
}

/** The team bound to a group chat, or null. */
export async function bindingFor(c: DomainContext, platform: string, chatId: string): Promise<ChatBinding | null> {
  return c.tx.findOne(ChatBinding, { where: { platform, chatId } });
}

