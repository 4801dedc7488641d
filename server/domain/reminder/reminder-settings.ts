// The reminder timing settings (setting `reminders`): their shape, defaults and schemas. A leaf module (zod only), so
// the settings registry and the reminder jobs can both use it without importing each other.
import { z } from 'zod';

export interface ReminderSettings {
  /** Local wall-clock 'HH:MM' in the company zone; null = no quiet hours. Nothing is pushed inside; it waits. */
  quietHours: { start: string; end: string } | null;
  /** Local 'HH:MM' of the morning digest; null = no digest. */
  digestAt: string | null;
  /** A reminder still not acted on this many days after it fell due → the recipient's manager is told, once. */
  escalateAfterDays: number;
  /** A lead assigned this long ago without a first contact → its owner is reminded. */
  leadSlaHours: number;
  /** Pool returns tell the previous owner's teammates, with a claim button. */
  notifyTeamOnPoolReturn: boolean;
  /**
   * Days the company does not work (setting `workDays`) are quiet all day: what falls due then waits for the next work
   * day's morning (the end of quiet hours, else 08:00), and there is no digest on them.
   */
  quietOnDaysOff: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  quietHours: { start: '21:00', end: '08:00' },
  digestAt: '08:30',
  escalateAfterDays: 3,
  leadSlaHours: 24,
  notifyTeamOnPoolReturn: true,
  quietOnDaysOff: false,
};

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.time_of_day' });
const QuietHours = z.strictObject({ start: HHMM, end: HHMM });

const fields = {
  quietHours: QuietHours.nullable(),
  digestAt: HHMM.nullable(),
  escalateAfterDays: z.number().int().min(1).max(365),
  leadSlaHours: z.number().min(1).max(24 * 90),
  notifyTeamOnPoolReturn: z.boolean(),
  quietOnDaysOff: z.boolean(),
};

/** What the settings API accepts: every field (GET /settings shows the current value to start from). */
export const reminderSettingsInput: z.ZodType<ReminderSettings> = z.strictObject({
  ...fields,
  // Equal ends would mean "no quiet hours" by accident; null says it on purpose.
  quietHours: QuietHours.refine((q) => q.start !== q.end, { error: 'validation.quiet_hours_empty', path: ['end'] }).nullable(),
  // Newer than the rest: a client that does not know it leaves days off as they were by default (not quiet).
  quietOnDaysOff: z.boolean().optional(),
}) as z.ZodType<ReminderSettings>;

/** What may be stored: any subset (missing fields take the defaults). */
export const reminderSettingsSchema = z.strictObject(fields).partial();
