// "新线索 渝北区 张三 13800138000 重庆某某机械有限公司 想要报价" → a lead owned by the rep (or assigned by rule).
import { createRecord } from '../../server/domain/shared/records.js';
import { leadObject } from '../../server/domain/lead/lead.object.js';
import { reply, text, type Command } from './command.js';

export const createLeadCommand: Command<'lead.create'> = {
  intent: 'lead.create',
  async run(c, turn, u) {
    const e = u.entities;
    if (!e.company && !e.contactName) {
      await reply(c, turn, text('bot.lead.need_company'));
      return;
    }
    const lead = await createRecord(c, leadObject, {
      company: e.company ?? e.contactName!, contactName: e.contactName, phone: e.phone, email: e.email, region: e.region,
      note: e.note, source: 'chat',
    });
    await reply(c, turn, text('bot.lead.created', { company: lead.company, contact: lead.contactName ?? '-', phone: lead.phone ?? '-', region: lead.region ?? '-' }));
  },
};
