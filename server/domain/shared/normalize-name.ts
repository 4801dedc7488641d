// A company name's dedupe key: no legal suffix, no city prefix, no punctuation, no case.
// "重庆长安汽车股份有限公司" and "长安汽车" both become "长安汽车"; "ACME Co., Ltd." becomes "acme".
const SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '股份公司', '公司', '分公司', '总公司', '工作室', '事务所',
  'co., ltd.', 'co.,ltd.', 'co. ltd.', 'co ltd', 'company limited', 'limited', 'ltd.', 'ltd', 'inc.', 'inc', 'llc', 'corp.', 'corporation', 'corp', 'gmbh', 'co.', 'group',
];
const PLACES = ['中国', '重庆市', '重庆', '北京市', '北京', '上海市', '上海', '天津市', '天津', '广州市', '广州', '深圳市', '深圳', '成都市', '成都', '杭州市', '杭州', '武汉市', '武汉', '西安市', '西安', '南京市', '南京'];

export function normalizeCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  s = s.replace(/[（(][^）)]*[）)]/g, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const suf of SUFFIXES) {
      if (s.endsWith(suf) && s.length > suf.length) { s = s.slice(0, -suf.length).trim().replace(/[,，]$/, ''); changed = true; }
    }
  }
  for (const p of PLACES) if (s.startsWith(p) && s.length > p.length + 1) { s = s.slice(p.length); break; }
  return s.replace(/[\s\p{P}\p{S}]/gu, '') || name.trim().toLowerCase();
}
