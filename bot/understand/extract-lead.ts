// "新线索 渝北区 张三 13800138000 重庆某某机械有限公司 想要报价" → region, contact, phone, email, company, note.
import type { LeadEntities } from './types.js';
import { HAN } from './language.js';

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
export function pullPhoneAndEmail(input: string, gap = ' '): { text: string; phone?: string; email?: string } {
  const out: { text: string; phone?: string; email?: string } = { text: input };
  for (const [key, re] of [['phone', PHONE], ['email', EMAIL]] as const) {
    const m = re.exec(out.text);
    if (m) { out[key] = key === 'phone' ? m[0].replace(/[ -]/g, '') : m[0]; out.text = `${out.text.slice(0, m.index)}${gap}${out.text.slice(m.index + m[0].length)}`; }
  }
  return out;
}

const GAP = '\u0001';

/** An English label ("company: Contoso") starts a field as a comma would, when there are no commas. */
const EN_LABEL = /(?:^|\s)(region|area|contact|name|company|phone|tel|mobile|email|notes?)\s*:\s*/gi;

/**
 * English without commas ("Jane Doe 138… ACME Robotics wants a quote"): each run of capitalised words is one part (a
 * name or a company), the lower-case words between them another (a note); where a phone or e-mail stood, a run ends.
 */
function englishParts(text: string): string[] {
  const parts: string[] = [];
  let run: string[] = [];
  let capital = false;
  const end = () => { if (run.length) parts.push(run.join(' ')); run = []; };
  for (const word of text.split(/\s+/)) {
    if (!word || word === GAP) { end(); continue; }
    const isCapital = /^[A-Z0-9]/.test(word);
    if (run.length && isCapital !== capital) end();
    capital = isCapital;
    run.push(word);
  }
  end();
  return parts;
}

export function extractLead(rest: string): LeadEntities {
  const pulled = pullPhoneAndEmail(rest, ` ${GAP} `);
  const { phone, email } = pulled;
  const out: LeadEntities = { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
  const text = pulled.text.replaceAll(GAP, ' ');
  // Commas separate fields when present ("John Smith, ACME Corp, …"); otherwise blanks do (the zh habit), and in
  // English labels ("company: Contoso contact: Jane Doe") or else the capitalised runs do.
  const parts = /[,，;；、\n]/.test(text) ? text.split(/\s*[,，;；、\n]\s*/)
    : HAN.test(text) ? text.split(/\s+/)
      // A label whose phone or e-mail was taken out above is left empty: dropped.
      : new RegExp(EN_LABEL.source, 'i').test(text) ? text.replace(EN_LABEL, ', $1: ').split(/\s*,\s*/).filter((p) => !/^\w+\s*:\s*$/.test(p))
        : englishParts(pulled.text);
  const notes: string[] = [];
  for (const raw of parts) {
    const token = raw.trim().replace(/^[:：]|[:：]$/g, '').trim();
    if (!token) continue;
    const labelled = LABELS.find(([, re]) => re.test(token));
    if (labelled && !out[labelled[0]]) { out[labelled[0]] = labelled[1].exec(token)![1].trim(); continue; }
    if (!out.company && COMPANY.test(token)) out.company = token;
    else if (!out.region && REGION_ZH.test(token)) out.region = token;
    else if (!out.contactName && (NAME_ZH.test(token) || NAME_EN.test(token)) && notes.length === 0) out.contactName = token;
    // A capitalised name that is not the person's is the company's ("ACME Robotics").
    else if (!out.company && /^[A-Z]/.test(token) && !HAN.test(text)) out.company = token;
    else notes.push(token);
  }
  if (notes.length) out.note = notes.join(' ');
  return out;
}
