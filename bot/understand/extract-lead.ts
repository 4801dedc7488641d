// "新线索 渝北区 张三 13800138000 重庆某某机械有限公司 想要报价" → region, contact, phone, email, company, note.
import type { LeadEntities } from './types.js';

export const LEAD_TRIGGER = /^(?:新线索|新增线索|添加线索|录入线索|新建线索|来了?(?:个|一个)?线索|new lead|add (?:a )?lead|create (?:a )?lead)\s*[:：,，]?\s*/i;

const PHONE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|\+\d{1,3}[- ]?\d{2,4}(?:[- ]?\d{2,4}){1,3}|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const COMPANY = /公司|集团|有限|厂$|工作室|研究院|研究所|事务所|医院|学校|大学|\b(?:inc|ltd|llc|corp|corporation|co|gmbh|company|group|limited|plc)\b\.?/i;
export const REGION_ZH = /^[\u4e00-\u9fff]{1,6}(?:区|县|市|省|镇|乡|州|新区|开发区)$/;
export const NAME_ZH = /^[\u4e00-\u9fff]{2,4}$/;
export const NAME_EN = /^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$/;
const LABELS: [keyof LeadEntities, RegExp][] = [
  ['region', /^(?:地区|区域|region|area)\s*[:：]\s*(.+)$/i],
  ['contactName', /^(?:联系人|姓名|contact|name)\s*[:：]\s*(.+)$/i],
  ['company', /^(?:公司|单位|company)\s*[:：]\s*(.+)$/i],
  ['phone', /^(?:电话|手机|phone|tel|mobile)\s*[:：]\s*(.+)$/i],
  ['email', /^(?:邮箱|email)\s*[:：]\s*(.+)$/i],
  ['note', /^(?:备注|需求|note|notes)\s*[:：]\s*(.+)$/i],
];

/** Takes a phone number and an e-mail address out of the text, wherever they are. */
export function pullPhoneAndEmail(input: string): { text: string; phone?: string; email?: string } {
  const out: { text: string; phone?: string; email?: string } = { text: input };
  for (const [key, re] of [['phone', PHONE], ['email', EMAIL]] as const) {
    const m = re.exec(out.text);
    if (m) { out[key] = key === 'phone' ? m[0].replace(/[ -]/g, '') : m[0]; out.text = `${out.text.slice(0, m.index)} ${out.text.slice(m.index + m[0].length)}`; }
  }
  return out;
}

export function extractLead(rest: string): LeadEntities {
  const { text, ...found } = pullPhoneAndEmail(rest);
  const out: LeadEntities = { ...found };
  // Commas separate fields when present ("John Smith, ACME Corp, …"); otherwise blanks do (the zh habit).
  const sep = /[,，;；、\n]/.test(text) ? /\s*[,，;；、\n]\s*/ : /\s+/;
  const notes: string[] = [];
  for (const raw of text.split(sep)) {
    const token = raw.trim().replace(/^[:：]|[:：]$/g, '').trim();
    if (!token) continue;
    const labelled = LABELS.find(([, re]) => re.test(token));
    if (labelled && !out[labelled[0]]) { out[labelled[0]] = labelled[1].exec(token)![1].trim(); continue; }
    if (!out.company && COMPANY.test(token)) out.company = token;
    else if (!out.region && REGION_ZH.test(token)) out.region = token;
    else if (!out.contactName && (NAME_ZH.test(token) || NAME_EN.test(token)) && notes.length === 0) out.contactName = token;
    else notes.push(token);
  }
  if (notes.length) out.note = notes.join(' ');
  return out;
}
