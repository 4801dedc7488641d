// "新客户 重庆银行 渝中区 联系人 王行长 13800138000" → the customer's name, its region and its first contact, so the
// rep who just met someone does not have to type the person in a second message.
import { NAME_EN, NAME_ZH, pullPhoneAndEmail, REGION_ZH } from './extract-lead.js';
import type { NewCustomerEntities } from './types.js';
import { HAN } from './language.js';

export const CUSTOMER_CREATE = /^(?:(?:新建|创建|新增|添加|录入)(?:一个)?(?:新)?客户|新客户)\s*[:：,，]?\s*(.+)$|^(?:new|create|add)\s+(?:a\s+)?(?:new\s+)?customer\s*[:,]?\s+(.+)$/i;

// A label and its value: up to the next separator; a Latin value may be a name of several capitalised words.
const LABELLED: [keyof NewCustomerEntities, RegExp][] = [
  ['contactName', /(?:^|[\s,，;；])(?:联系人|对接人|负责人|contact(?: person)?)\s*[:：]?\s*([\u3400-\u9fff]+|[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})/i],
  ['region', /(?:^|[\s,，;；])(?:地区|区域|region|area)\s*[:：]?\s*([^\s,，;；]+)/i],
];
// How reps write a person in the customer's name: a surname and a title ("王行长", "李总").
const TITLED = /^[\u4e00-\u9fff]{1,3}(?:总监|总|经理|工|老师|主任|先生|女士|小姐|董|处长|科长|局长|行长|院长|校长|主管)$/;

export function extractNewCustomer(rest: string): NewCustomerEntities {
  const pulled = pullPhoneAndEmail(rest);
  let text = pulled.text;
  const out: Omit<NewCustomerEntities, 'name'> = {};
  if (pulled.phone) out.phone = pulled.phone;
  if (pulled.email) out.email = pulled.email;
  for (const [key, re] of LABELLED) {
    const m = re.exec(text);
    if (!m) continue;
    (out as Record<string, string>)[key] = m[1].trim();
    text = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
  }
  // The name comes first; after it, a region or a person may stand unlabelled. Commas separate the parts when
  // present; Chinese separates them with blanks; an English name may itself hold blanks, so it keeps them.
  const sep = /[,，;；、]/.test(text) ? /\s*[,，;；、]\s*/ : HAN.test(text) ? /\s+/ : null;
  const parts = (sep ? text.split(sep) : [text]).map((p) => p.trim()).filter(Boolean);
  const name = parts.shift() ?? '';
  const unplaced: string[] = [];
  for (const part of parts) {
    if (!out.region && REGION_ZH.test(part)) out.region = part;
    // A bare name counts as a person only beside a phone or e-mail ("张三 138…"); "小米 科技" stays one name.
    else if (!out.contactName && (TITLED.test(part) || ((out.phone || out.email) && (NAME_ZH.test(part) || NAME_EN.test(part))))) out.contactName = part;
    else unplaced.push(part);
  }
  // Whatever was not understood stays in the name rather than being dropped: the rep sees it and can fix it.
  return { name: [name, ...unplaced].join(' '), ...out };
}
