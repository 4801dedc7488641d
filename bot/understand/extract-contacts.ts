// "长安汽车的联系人是谁", "华为的电话", "华为 联系方式", "contacts at Huawei", "who do we know at Globex" → the customer
// whose contacts are asked for (a raw mention; resolved against what the asker may see elsewhere).

const ASK = '(?:帮我)?(?:查一下|查查|查询|查看|查|看看|看一下|找一下|问一下)?\\s*(?:客户\\s*)?';
const WHAT = '(?:联系人|联系方式|联系电话|电话(?:号码)?|手机(?:号码?)?|对接人)';
const QUESTION = '(?:是谁|是多少|是什么|有哪些|有谁|都有谁|有什么|多少|列表|呢)?\\s*[?？。]*';

const ZH: RegExp[] = [
  // "谁是长安汽车的联系人"
  /^(?:谁是|哪位是)\s*(.+?)\s*的?(?:联系人|对接人)\s*[?？]*$/,
  // "长安汽车的联系人是谁", "华为的电话", "查一下华为的联系方式", "华为那边的对接人"
  new RegExp(`^${ASK}(.+?)\\s*(?:那边)?的\\s*${WHAT}\\s*${QUESTION}$`),
  // "华为 电话", "华为 联系人有哪些"
  new RegExp(`^${ASK}(\\S+?)\\s+${WHAT}\\s*${QUESTION}$`),
  // "华为联系人是谁", "华为联系方式"
  new RegExp(`^${ASK}(.+?)(?:联系人|联系方式|联系电话|对接人)\\s*${QUESTION}$`),
  // "华为电话多少", "华为电话是多少"
  /^(.+?)\s*(?:电话|手机)(?:号码?)?\s*(?:是多少|多少)\s*[?？]*$/,
];

const EN: RegExp[] = [
  /^(?:(?:show|list|get|give)(?: me)?\s+)?(?:the\s+)?(?:contacts?|contact (?:info|information|details|person|people)|phone (?:numbers?|no\.?)|people|key people) (?:at|for|of|with|in)\s+(?:the\s+)?(.+?)[?.!]*$/i,
  /^(?:who do (?:we|i) know|who(?:'s| is| are) (?:our |my |the )?(?:contacts?|contact person|main contact|people)|who (?:should|do|can) (?:i|we) (?:call|talk to|contact)) at\s+(?:the\s+)?(.+?)[?.!]*$/i,
  /^(?:how (?:do|can|should) (?:i|we) reach|phone (?:number )?(?:of|for))\s+(?:the\s+)?(.+?)[?.!]*$/i,
  /^(?!my\b|our\b)(.+?)['’]s? (?:contacts|contact (?:info|information|details|people|person)|phone(?: numbers?)?)[?.!]*$/i,
  /^(?!(?:my|our|all|show|list)\b)(.+?) contacts[?.!]*$/i,
];

// What is named must be a customer, not a person or a report ("我的联系人", "给华为打电话", "打了华为电话").
const NOT_A_CUSTOMER = /^(?:我|我们|咱们|自己|你|给|和|跟|与|同|打|拨|回|跟进|记录)|[打拨回接通]$|了/;

/** The customer whose contacts a line asks for, or undefined. */
export function extractContactsQuery(text: string): { customerName: string } | undefined {
  for (const re of [...ZH, ...EN]) {
    const m = re.exec(text);
    const name = m?.[1]?.trim().replace(/^["“「'‘](.*)["”」'’]$/, '$1').trim();
    if (name && !NOT_A_CUSTOMER.test(name)) return { customerName: name };
  }
  return undefined;
}
