// Shared set-up for the reminder tests: records at chosen ages, reminder settings, and reading what WeCom got.
import type { TestDb } from '../../helpers/db.js';
import type { ChatStack } from '../../helpers/chat-stack.js';
import { Setting } from '../../../server/domain/settings/setting.entity.js';
import { Customer, type CustomerLevel } from '../../../server/domain/customer/customer.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import type { ReminderSettings } from '../../../server/domain/reminder/reminder-config.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export async function setReminderSettings(t: TestDb, s: Partial<ReminderSettings>): Promise<void> {
  const repo = t.db.ds.getRepository(Setting);
  await repo.delete({ key: 'reminders' });
  await repo.insert({ key: 'reminders', value: s as object, updatedAt: t.clock.now() });
}

export async function addCustomer(t: TestDb, name: string, ownerId: number, level: CustomerLevel, lastFollowUpAt: Date | null, failed = 0): Promise<Customer> {
  const repo = t.db.ds.getRepository(Customer);
  const created = new Date(t.clock.now().getTime() - 400 * DAY);
  return repo.save(repo.create({ name, normalizedName: name, level, ownerId, failedFollowUps: failed, lastFollowUpAt, createdAt: created, updatedAt: created }));
}

export async function addTask(t: TestDb, title: string, ownerId: number, dueAt: Date, customerId: number | null = null): Promise<Task> {
  const repo = t.db.ds.getRepository(Task);
  const now = t.clock.now();
  return repo.save(repo.create({ title, ownerId, dueAt, status: 'open', customerId, createdAt: now, updatedAt: now }));
}

export async function addLead(t: TestDb, company: string, ownerId: number, assignedAt: Date): Promise<Lead> {
  const repo = t.db.ds.getRepository(Lead);
  const now = t.clock.now();
  return repo.save(repo.create({ company, normalizedCompany: company, ownerId, assignedAt, status: 'new', createdAt: now, updatedAt: now }));
}

type Card = { task_id: string; button_list?: { key: string; text: string }[]; main_title?: { title?: string } } & Record<string, unknown>;

/** Template cards a WeCom user received whose JSON mentions `text`. */
export function cardsTo(chat: ChatStack, userId: string, text: string): Card[] {
  return chat.wecom.deliveredTo(userId).filter((d) => d.msgtype === 'template_card' && JSON.stringify(d.body).includes(text))
    .map((d) => d.body.template_card as Card);
}

/** Text or markdown messages a WeCom user received that mention `text`. */
export function textsTo(chat: ChatStack, userId: string, text: string): string[] {
  return chat.wecom.deliveredTo(userId).filter((d) => d.msgtype !== 'template_card')
    .map((d) => JSON.stringify(d.body[d.msgtype])).filter((s) => s.includes(text));
}

/** Taps the button of `card` whose key decodes to `action` (buttons are in the template's order). */
export async function tap(chat: ChatStack, userId: string, card: Card, index: number): Promise<void> {
  const button = card.button_list![index];
  await chat.wecomTaps(userId, button.key, card.task_id);
}

/** Plans and sends reminders, then delivers everything. */
export async function run(chat: ChatStack): Promise<void> {
  await chat.stack.reminders.drain();
  await chat.settle();
}
