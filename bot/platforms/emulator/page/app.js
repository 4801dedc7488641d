// The emulator page: pick a person, chat as them on WeCom or DingTalk, tap cards, jump the clock, and see the
// same person's mini-program beside the chat. Everything the bot "says" is read back from the platform fakes.
const $ = (sel) => document.querySelector(sel);
// ?as=rep.zhang&platform=dingtalk&lang=en-US pick the person, look and language (links, tests); otherwise the last choice.
const query = new URLSearchParams(location.search);
const state = {
  locale: query.get('lang') || localStorage.getItem('emu.locale') || '',
  platform: query.get('platform') || localStorage.getItem('emu.platform') || 'wecom',
  username: query.get('as') || localStorage.getItem('emu.person') || '',
  chat: 'direct',
  strings: {}, people: [], platforms: [], lastFeed: '', miniapp: false,
};

const t = (key, params = {}) => (state.strings[key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (params[k] ?? m));
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c.nodeType ? c : document.createTextNode(String(c)));
  return node;
};
const parse = (s, fallback) => { try { return JSON.parse(s); } catch { return fallback; } };
const person = () => state.people.find((p) => p.username === state.username);

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(json?.error?.message || `HTTP ${res.status}`), { status: res.status });
  return json;
}

function toast(text) {
  const n = el('div', { class: 'toast', text });
  document.body.append(n);
  setTimeout(() => n.remove(), 2500);
}

function roleLabel(p) {
  const pos = p.position ? state.strings[`emulator.position.${p.position}`] : undefined;
  return pos || t(`emulator.role.${p.role}`);
}

// ---------- markdown (the small subset our bot writes) ----------
function escapeHtml(s) { return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
function markdown(text) {
  return escapeHtml(text)
    .replace(/^#{1,6}\s*(.*)$/gm, '<h3>$1</h3>')
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label, url) => `<a href="${url}" data-link="1">${label}</a>`)
    .replace(/<font[^&]*&gt;/g, '');
}

// ---------- cards ----------
function openLink(url) {
  // Card links open the mini-program page: show it in the phone frame rather than a new tab.
  const u = new URL(url, location.href);
  if (u.pathname.startsWith('/m/')) { $('#miniapp').src = `/m/${u.search}${u.hash}`; return; }
  window.open(url, '_blank');
}

async function tap(item, key, extra = {}) {
  try {
    await api('POST', '/emulator/api/tap', { platform: state.platform, username: state.username, chat: state.chat, cardId: item.cardId, key, ...extra });
    setTimeout(poll, 300);
  } catch (e) { toast(t('emulator.error.send', { status: e.status ?? '?' })); }
}

function wecomCard(item) {
  const c = item.card || {};
  const rows = Array.isArray(c.horizontal_content_list) ? c.horizontal_content_list : [];
  const buttons = Array.isArray(c.button_list) ? c.button_list : [];
  const box = c.checkbox;
  const chosen = new Set();
  const actions = [];
  if (c.card_type === 'vote_interaction' && box) {
    actions.push(el('button', { class: 'primary', 'data-testid': 'card-button', onclick: () => tap(item, c.submit_button?.key, { selected: [...chosen], vote: true, questionKey: box.question_key }) }, c.submit_button?.text || t('emulator.card.submit')));
  }
  for (const b of buttons) {
    const style = b.style === 1 ? 'primary' : b.style === 3 ? 'danger' : '';
    actions.push(b.type === 1
      ? el('button', { class: style, 'data-testid': 'card-link', onclick: () => openLink(b.url) }, b.text)
      : el('button', { class: style, 'data-testid': 'card-button', onclick: () => tap(item, b.key) }, b.text));
  }
  if (c.card_type === 'button_interaction' && !buttons.length && c.replace_text) actions.push(el('button', { disabled: true }, c.replace_text));
  return el('div', { class: 'card wecom', 'data-testid': 'card', 'data-card-id': item.cardId || '' },
    c.source?.desc ? el('div', { class: `src tone-${c.source.desc_color ?? 0}` }, c.source.desc) : null,
    el('div', { class: 'title', 'data-testid': 'card-title' }, c.main_title?.title || ''),
    c.main_title?.desc ? el('div', { class: 'desc' }, c.main_title.desc) : null,
    c.emphasis_content ? el('div', { class: 'emph' }, el('b', {}, c.emphasis_content.title || ''), el('span', {}, c.emphasis_content.desc || '')) : null,
    c.sub_title_text ? el('div', { class: 'sub', 'data-testid': 'card-text' }, c.sub_title_text) : null,
    rows.length ? el('dl', { class: 'kv' }, rows.map((r) => el('div', {}, el('dt', {}, r.keyname), el('dd', {}, r.value)))) : null,
    box ? el('div', { class: 'options' }, (box.option_list || []).map((o) => el('label', {},
      el('input', { type: 'checkbox', onchange: (e) => (e.target.checked ? chosen.add(o.id) : chosen.delete(o.id)) }), ' ', o.text))) : null,
    actions.length ? el('div', { class: 'actions' }, actions) : null,
    c.card_action?.url ? el('a', { class: 'open', href: '#', onclick: (e) => { e.preventDefault(); openLink(c.card_action.url); } }, t('emulator.card.open')) : null,
    item.updates ? el('div', { class: 'updated', 'data-testid': 'card-updated' }, t('emulator.card.updated')) : null);
}

function dingtalkCard(item) {
  const p = item.card || {};
  const fields = parse(p.fields, []);
  const rows = parse(p.rows, []);
  const buttons = parse(p.buttons, []);
  const choices = parse(p.choices, []);
  const actions = [
    ...choices.map((o) => el('button', { 'data-testid': 'card-button', onclick: () => tap(item, o.actionKey, { selected: [o.id] }) }, o.text)),
    ...buttons.map((b) => (b.url
      ? el('button', { class: b.style || '', 'data-testid': 'card-link', onclick: () => openLink(b.url) }, b.text)
      : el('button', { class: b.style || '', 'data-testid': 'card-button', onclick: () => tap(item, b.actionKey) }, b.text))),
  ];
  return el('div', { class: 'card dingtalk', 'data-testid': 'card', 'data-card-id': item.cardId || '' },
    p.source ? el('div', { class: 'src' }, p.source) : null,
    el('div', { class: 'title', 'data-testid': 'card-title' }, p.title || ''),
    p.subtitle ? el('div', { class: 'desc' }, p.subtitle) : null,
    p.status ? el('div', { class: `status ${p.statusTone || ''}`, 'data-testid': 'card-status' }, p.status) : null,
    p.emphasis ? el('div', { class: 'emph' }, el('b', {}, p.emphasis), el('span', {}, p.emphasisLabel || '')) : null,
    rows.length ? el('div', { class: 'sub', 'data-testid': 'card-text' }, rows.map((r) => (r.value ? `${r.label}  ${r.value}` : r.label)).join('\n')) : null,
    fields.length ? el('dl', { class: 'kv' }, fields.map((f) => el('div', {}, el('dt', {}, f.label), el('dd', {}, f.value)))) : null,
    p.notes ? el('div', { class: 'sub' }, p.notes) : null,
    p.choicePrompt ? el('div', { class: 'sub' }, p.choicePrompt) : null,
    actions.length ? el('div', { class: 'actions' }, actions) : null,
    p.openUrl ? el('a', { class: 'open', href: '#', onclick: (e) => { e.preventDefault(); openLink(p.openUrl); } }, t('emulator.card.open')) : null,
    item.updates ? el('div', { class: 'updated', 'data-testid': 'card-updated' }, t('emulator.card.updated')) : null);
}

function renderItem(item) {
  let body;
  if (item.kind === 'wecom_card') body = wecomCard(item);
  else if (item.kind === 'dingtalk_card') body = dingtalkCard(item);
  else if (item.kind === 'markdown') {
    body = el('div', { class: 'bubble md', 'data-testid': 'bubble' });
    body.innerHTML = markdown(item.text || '');
    body.querySelectorAll('a[data-link]').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); openLink(a.getAttribute('href')); }));
  } else body = el('div', { class: 'bubble', 'data-testid': 'bubble' }, item.text || '');
  const who = item.from === 'user' ? item.sender : 'chatcrm';
  return el('div', { class: `msg ${item.from}`, 'data-testid': 'msg', 'data-from': item.from, 'data-kind': item.kind }, el('div', { class: 'sender' }, who), body);
}

// ---------- chat ----------
async function poll() {
  if (!state.username) return;
  const q = new URLSearchParams({ platform: state.platform, username: state.username, chat: state.chat });
  let feed;
  try { feed = await api('GET', `/emulator/api/feed?${q}`); } catch { return; }
  const key = JSON.stringify(feed.items);
  if (key === state.lastFeed) return;
  state.lastFeed = key;
  const box = $('#messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  box.replaceChildren(...(feed.items.length ? feed.items.map(renderItem) : [el('div', { class: 'empty' }, t('emulator.empty'))]));
  if (atBottom || feed.items.length <= 3) box.scrollTop = box.scrollHeight;
}

async function say(text) {
  if (!text.trim()) return;
  try {
    const r = await api('POST', '/emulator/api/say', { platform: state.platform, username: state.username, chat: state.chat, text });
    if (r.status !== 200) toast(t('emulator.error.send', { status: r.status }));
  } catch (e) { toast(t('emulator.error.send', { status: e.status ?? '?' })); }
  poll();
}

function renderChats() {
  const p = person();
  const entries = [['direct', t('emulator.chat.direct')]];
  if (p?.team) entries.push(['group', t('emulator.chat.group', { team: p.team.name })]);
  $('#chats').replaceChildren(...entries.map(([kind, label]) => el('button', {
    class: kind === state.chat ? 'on' : '', 'data-testid': `chat-${kind}`,
    onclick: () => { state.chat = kind; state.lastFeed = ''; renderChats(); poll(); },
  }, label)));
  const current = entries.find(([k]) => k === state.chat) ?? entries[0];
  state.chat = current[0];
  $('#chat-title').textContent = `${current[1]} · ${t(`emulator.platform.${state.platform}`)}`;
}

function renderLooks() {
  $('#looks').replaceChildren(...state.platforms.map((pl) => el('button', {
    class: pl === state.platform ? 'on' : '', 'data-testid': `platform-${pl}`,
    onclick: () => { state.platform = pl; localStorage.setItem('emu.platform', pl); applyLook(); },
  }, t(`emulator.platform.${pl}`))));
}

function applyLook() {
  document.body.className = `look-${state.platform}`;
  state.lastFeed = '';
  renderLooks();
  renderChats();
  poll();
}

async function openMiniapp() {
  if (!state.miniapp) { $('#miniapp').hidden = true; $('#miniapp-missing').hidden = false; return; }
  try {
    // A dev-login session for the same person (demo mode only); the H5 app keeps its token in Taro storage.
    const res = await fetch('/api/v1/auth/dev', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: state.username, channel: 'miniapp' }) });
    const json = await res.json();
    if (res.ok && json.token) localStorage.setItem('chatcrm.token', JSON.stringify({ data: json.token }));
    // The app keeps its language in Taro storage too: open it in the person's own language, as their phone would.
    const who = person();
    if (who?.locale) localStorage.setItem('chatcrm.locale', JSON.stringify({ data: who.locale }));
  } catch { /* the app shows its own sign-in */ }
  // A new query each time: a change of the hash alone would not reload the app (nor make it sign in and read the clock again).
  $('#miniapp').src = `/m/?as=${encodeURIComponent(state.username)}&opened=${Date.now()}#/`;
}

function choosePerson(username) {
  state.username = username;
  localStorage.setItem('emu.person', username);
  state.lastFeed = '';
  renderChats();
  poll();
  openMiniapp();
}

function renderSamples() {
  const keys = ['emulator.sample.followup', 'emulator.sample.lookup', 'emulator.sample.agenda', 'emulator.sample.leaderboard'];
  $('#samples').replaceChildren(el('span', {}, t('emulator.samples')), ...keys.map((k) => el('button', { type: 'button', 'data-testid': 'sample', onclick: () => { $('#text').value = t(k); $('#text').focus(); } }, t(k))));
}

function showClock(iso) {
  $('#clock-now').textContent = new Date(iso).toLocaleString(state.locale, { timeZone: state.timeZone, hour12: false });
}

async function load() {
  const s = await api('GET', `/emulator/api/state${state.locale ? `?locale=${state.locale}` : ''}`);
  Object.assign(state, { strings: s.strings, people: s.people, platforms: s.platforms, locale: s.locale, miniapp: s.miniapp, timeZone: s.clock.timeZone });
  document.documentElement.lang = s.locale;
  document.querySelectorAll('[data-t]').forEach((n) => { n.textContent = t(n.dataset.t); });
  document.querySelectorAll('[data-tp]').forEach((n) => { n.placeholder = t(n.dataset.tp); });
  document.title = t('emulator.title');
  if (!state.platforms.includes(state.platform)) state.platform = state.platforms[0] || 'wecom';
  if (!state.people.some((p) => p.username === state.username)) state.username = (state.people.find((p) => p.role === 'rep' && !p.position) || state.people[0] || {}).username || '';
  $('#person').replaceChildren(...state.people.map((p) => el('option', { value: p.username, selected: p.username === state.username }, `${p.name} · ${roleLabel(p)} (${p.username})`)));
  showClock(s.clock.now);
  renderSamples();
  applyLook();
}

$('#person').addEventListener('change', (e) => choosePerson(e.target.value));
$('#composer').addEventListener('submit', (e) => { e.preventDefault(); const v = $('#text').value; $('#text').value = ''; say(v); });
$('#lang').addEventListener('click', async () => { state.locale = state.locale === 'en-US' ? 'zh-CN' : 'en-US'; localStorage.setItem('emu.locale', state.locale); await load(); });
$('#reload-miniapp').addEventListener('click', () => openMiniapp());
document.querySelectorAll('[data-jump]').forEach((b) => b.addEventListener('click', async () => {
  const r = await api('POST', '/emulator/api/clock', { jump: b.dataset.jump });
  showClock(r.now);
  toast(t('emulator.clock.shifted', { hours: Math.round(r.offsetMs / 360000) / 10 }));
  setTimeout(poll, 800);
  // The app reads the server's clock when it opens: reopen it so its "today" is the jumped day.
  openMiniapp();
}));
setInterval(async () => {
  poll();
}, 1000);
setInterval(async () => { try { const s = await api('GET', '/emulator/api/state'); showClock(s.clock.now); } catch { /* server restarting */ } }, 30000);

await load();
openMiniapp();
