// MedContractHub's browser client: REST for lists and history, the event-bus bridge (/eventbus) for what is live.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem('mch.token'),
  claims: null,
  bus: null,
  lastSeq: new Map(),      // address -> seq of the last message seen, to recover what a reconnect missed
  subscriptions: new Map(), // address -> handler, registered again on every (re)connection
  opportunity: null,
  presenceVersion: 0,       // version of the presence list shown: an older list arriving later is not shown
  notes: null,
  unsentComment: null,      // {notice, text, opId} of a comment posted and not yet answered
  notifications: 0,
  listCursor: null,         // nextCursor of the list's last page shown
  listLoads: 0,             // searches started: an answer to an older one is not shown
  open: null,               // resolves when the bridge is (again) connected
  opened: null,
};

function resetOpen() {
  state.open = new Promise((resolve) => { state.opened = resolve; });
}
resetOpen();

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

async function api(path, options = {}) {
  const response = await fetch('/api/v1' + path, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(state.token ? { Authorization: 'Bearer ' + state.token } : {}) },
  });
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (response.status === 401 && state.token) logout(location.hash); // expired: log in again, back to this page
  if (!response.ok) throw Object.assign(new Error(body?.detail || response.statusText), { status: response.status });
  return body;
}

function show(view) {
  for (const id of ['login-view', 'list-view', 'board-view', 'saved-view', 'team-view', 'dashboard-view', 'profile-view',
    'detail-view']) {
    $(id).hidden = id !== view;
  }
  $('nav').hidden = view === 'login-view';
}

const dashboard = new Dashboard(api, $);
const analysis = new AiAnalysis(api, $, () => state.opportunity);
const board = new PipelineBoard(api, $, () => state.claims?.sub);
const savedSearches = new SavedSearches(api, $, () => state.claims?.sub);
const team = new Team(api, $, () => state.token, () => state.claims?.sub, () => logout(location.hash));

// ---- log in and out

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const answer = await api('/auth/login', { method: 'POST',
      body: JSON.stringify({ email: $('email').value, password: $('password').value }) });
    state.token = answer.access_token;
    sessionStorage.setItem('mch.token', state.token);
    sessionStorage.setItem('mch.email', $('email').value);
    const back = sessionStorage.getItem('mch.back');
    sessionStorage.removeItem('mch.back');
    // the page the expired session was on (replaced, not navigated to: start() routes there)
    if (back) history.replaceState(null, '', back);
    start();
  } catch (e) {
    $('login-error').textContent = 'Could not log in: ' + e.message;
  }
});

$('logout').addEventListener('click', () => logout());

/** Ends the session; {@code back}: the page to return to once logged in again (a session that expired). */
function logout(back) {
  sessionStorage.removeItem('mch.token');
  sessionStorage.removeItem('mch.email');
  if (typeof back === 'string' && back) sessionStorage.setItem('mch.back', back);
  state.token = null;
  if (state.bus) {
    const bus = state.bus;
    state.bus = null;
    bus.enableReconnect(false);
    // a bridge still connecting (or reconnecting) throws on close: logging out goes on regardless
    try { bus.close(); } catch (ignored) { /* nothing open to close */ }
  }
  location.hash = '#/';
  location.reload();
}

/** Logged in: the bridge, and the page the address names. */
function start() {
  state.claims = claimsOf(state.token);
  $('who').textContent = sessionStorage.getItem('mch.email') || '';
  $('logout').hidden = false;
  $('team-link').hidden = state.claims.role !== 'admin';
  $('tray-button').hidden = false;
  connect();
  route();
}

// ---- the bridge

function connect() {
  const bus = new EventBus('/eventbus', { vertxbus_ping_interval: 5000 });
  bus.defaultHeaders = { Authorization: 'Bearer ' + state.token };
  bus.enableReconnect(true);
  bus.onopen = () => {
    $('connection').textContent = '';
    // handlers belong to a connection: register them again, asking for what was missed meanwhile
    for (const [address, handler] of state.subscriptions) register(bus, address, handler);
    state.opened();
  };
  bus.onclose = () => {
    $('connection').textContent = 'Reconnecting…';
    resetOpen();
  };
  bus.onerror = (err) => console.warn('bridge', err);
  state.bus = bus;
  subscribe('tenant.' + state.claims.tenant + '.notifications', notified);
  subscribe('user.' + state.claims.sub + '.notifications', notified);
}

const REGISTER_ATTEMPTS = 5;

function register(bus, address, handler, attempt = 0) {
  const since = state.lastSeq.get(address);
  const onMessage = (err, message) => {
    if (err) {
      if (err.failureCode === 410) handler(null, { recoveryLost: true });
      else if (err.failureCode === 503 && attempt + 1 < REGISTER_ATTEMPTS) retry(bus, address, handler, onMessage, attempt);
      else console.warn(address, err);
      return;
    }
    if (message.headers?.seq) state.lastSeq.set(address, message.headers.seq);
    handler(message.body, message);
  };
  bus.registerHandler(address, since ? { since } : {}, onMessage);
}

// the bridge could not check the address in time (a busy service): ask again, 1 s later, then 2, 4, 8
function retry(bus, address, handler, onMessage, attempt) {
  bus.unregisterHandler(address, onMessage);
  setTimeout(() => {
    if (state.bus === bus && bus.state === EventBus.OPEN && state.subscriptions.get(address) === handler) {
      register(bus, address, handler, attempt + 1);
    }
  }, 1000 * 2 ** attempt);
}

function subscribe(address, handler) {
  state.subscriptions.set(address, handler);
  if (state.bus?.state === EventBus.OPEN) register(state.bus, address, handler);
}

function unsubscribe(address) {
  state.subscriptions.delete(address);
  state.lastSeq.delete(address);
  if (state.bus?.state === EventBus.OPEN && state.bus.handlers[address]) {
    for (const handler of [...state.bus.handlers[address]]) state.bus.unregisterHandler(address, handler);
  }
}

async function request(address, body) {
  await state.open;
  return new Promise((resolve, reject) => {
    state.bus.send(address, body, {}, (err, reply) => (err ? reject(new Error(err.message)) : resolve(reply.body)));
  });
}

// ---- notifications

function notified(notification, info) {
  if (info?.recoveryLost) {
    // what the bridge held for this page is gone: what it showed live is read again
    if (!$('board-view').hidden) board.load();
    if (state.opportunity) loadStage(state.opportunity);
  }
  if (!notification) return;
  if (notification.kind === 'job.progress') {
    jobProgressed(notification);
    return;
  }
  if (notification.kind === 'pipeline.moved') {
    // the board and the opportunity's page show it; a move is not news for the tray
    if (!$('board-view').hidden) board.moved(notification);
    if (notification.noticeId === state.opportunity) stageShown(notification);
    return;
  }
  if (notification.kind === 'ai.analysis' && notification.noticeId === state.opportunity) {
    analysis.show(state.opportunity).catch(() => {});
  }
  if ((notification.kind || '').startsWith('document.')) {
    documentChanged(notification).catch(() => {});
    // a step moving is shown on the document itself; the tray tells only how it ended
    if (notification.kind === 'document.step') return;
  }
  const item = document.createElement('li');
  if (notification.noticeId) {
    const link = document.createElement('a');
    link.href = '#/opportunities/' + encodeURIComponent(notification.noticeId);
    link.textContent = describe(notification);
    item.append(link);
  } else {
    item.textContent = describe(notification);
  }
  addToTray(item);
}

function describe(n) {
  const title = n.detail?.title || n.noticeId || '';
  switch (n.kind) {
    case 'saved-search.match': return 'New match for “' + n.detail.savedSearch + '”: ' + title;
    case 'opportunity.updated': return 'Updated: ' + title;
    case 'opportunity.superseded': return 'Amended: ' + title;
    case 'document.processed': return 'Read: ' + n.fileName + ' (' + n.pages + (n.pages === 1 ? ' page)' : ' pages)');
    case 'document.failed': return 'Could not read ' + n.fileName + ': ' + n.reason;
    case 'ai.analysis': return n.state === 'done'
      ? 'Analysed: ' + title + (n.score == null ? '' : ' (fit ' + n.score + '/100)') : 'Could not analyse ' + title;
    default: return (n.kind || 'notice') + ': ' + title;
  }
}

function addToTray(item) {
  state.notifications += 1;
  $('tray-count').textContent = String(state.notifications);
  $('tray-list').prepend(item);
}

// one tray line per job, updated in place; reports may arrive out of order, so a later state never goes back
const JOB_STATES = { running: 0, finished: 1, failed: 1 };

function jobProgressed(p) {
  let item = document.getElementById('job-' + p.jobId);
  if (!item) {
    item = document.createElement('li');
    item.id = 'job-' + p.jobId;
    item.dataset.done = '-1';
    addToTray(item);
  }
  const shown = item.dataset.state;
  if (shown && (JOB_STATES[shown] > JOB_STATES[p.state] || (shown === p.state && Number(item.dataset.done) > p.done))) return;
  item.dataset.state = p.state;
  item.dataset.done = String(p.done);
  const name = p.job === 'opportunities.import' ? 'Import' : p.job;
  if (p.state === 'running') {
    const percent = p.bytesTotal ? ' (' + Math.floor((100 * p.bytesDone) / p.bytesTotal) + ' %)' : '';
    item.textContent = name + ': ' + p.done + ' records' + percent;
  } else if (p.state === 'finished') {
    const s = p.summary || {};
    item.textContent = name + ' finished: ' + s.inserted + ' new, ' + s.updated + ' updated, ' + s.rejected + ' rejected';
  } else {
    item.textContent = name + ' failed: ' + p.summary;
  }
}

$('tray-button').addEventListener('click', () => {
  const open = $('tray').hidden;
  $('tray').hidden = !open;
  $('tray-button').setAttribute('aria-expanded', String(open));
});

// ---- the list

/** An opportunity as a list shows it: its title linking to it, where it comes from, and why it matched. */
function card(o, passage) {
  const item = document.createElement('li');
  item.dataset.id = o.noticeId;
  const link = document.createElement('a');
  link.href = '#/opportunities/' + encodeURIComponent(o.noticeId);
  link.textContent = o.title;
  const meta = document.createElement('small');
  meta.textContent = [o.agency, o.naicsCodes?.join(', '), o.responseDeadline && 'due ' + o.responseDeadline.slice(0, 10)]
    .filter(Boolean).join(' · ');
  item.append(link, document.createElement('br'), meta);
  if (passage && passage !== o.title) {
    const why = document.createElement('p');
    why.className = 'passage';
    why.textContent = passage;
    item.append(why);
  }
  return item;
}

const FORM_FILTERS = ['q', 'psc', 'setAside', 'agency', 'state', 'postedFrom', 'postedTo', 'dueFrom', 'dueTo'];

for (const [code, name] of Object.entries(SET_ASIDES)) $('setAside').add(new Option(name + ' (' + code + ')', code));

/** The form shows the filters the address names. */
function showFilters(filters) {
  // a set-aside code the menu does not name (SAM.gov has more) is offered as itself, not dropped
  if (filters.setAside && ![...$('setAside').options].some((o) => o.value === filters.setAside)) {
    $('setAside').add(new Option(filters.setAside, filters.setAside));
  }
  for (const name of FORM_FILTERS) $(name).value = filters[name];
  $('search-mode').value = filters.mode;
  $('naics').value = filters.naics.join(', ');
  $('active').checked = filters.active;
  $('sort').value = filters.sort;
  $('more-filters').open = ['psc', 'agency', 'state', 'postedFrom', 'postedTo', 'dueFrom', 'dueTo']
    .some((name) => filters[name]);
}

/** The filters as the form holds them, read through the address's rules (a bad NAICS code or date is dropped). */
function formFilters() {
  const params = new URLSearchParams();
  for (const name of FORM_FILTERS) params.set(name, $(name).value);
  params.set('mode', $('search-mode').value);
  params.set('naics', $('naics').value);
  params.set('active', String($('active').checked));
  params.set('sort', $('sort').value);
  return SearchFilters.fromHash('?' + params);
}

/** The list the address asks for, a page at a time; {@code more}: the next page after those shown. */
async function loadList(more = false) {
  const filters = SearchFilters.fromHash(location.hash);
  $('back').href = SearchFilters.toHash(filters); // an opportunity's page leads back to this search
  if (!more) {
    showFilters(filters);
    state.listCursor = null;
  }
  const load = ++state.listLoads;
  $('more').hidden = true;
  if (filters.mode && !filters.q) {
    // the AI search lists current, open notices only, ranked by how well they fit
    $('list-status').textContent = 'Type what you are looking for: the AI search needs words.';
    return;
  }
  $('list-status').textContent = 'Loading…';
  try {
    const list = $('opportunities');
    const found = await api(SearchFilters.request(filters, state.listCursor));
    if (load !== state.listLoads) return; // a later search is on its way
    if (filters.mode) {
      list.replaceChildren(...found.hits.map((hit) => card(hit, hit.passage)));
      $('list-status').textContent = found.hits.length + ' found by ' + (filters.mode === 'keyword' ? 'words' : 'meaning')
        + (found.hits.length ? '' : ' for ' + SearchFilters.describe(filters) + '. Try other words or fewer filters.');
      return;
    }
    const cards = found.items.map((o) => card(o));
    if (more) list.append(...cards); else list.replaceChildren(...cards);
    state.listCursor = found.nextCursor;
    $('more').hidden = !found.nextCursor;
    const shown = list.children.length;
    $('list-status').textContent = shown
      ? shown + ' shown' + (found.nextCursor ? ', more below' : '')
      : 'No opportunity matches ' + (SearchFilters.describe(filters) || 'yet: none has been imported')
        + '. Clear a filter to see more.';
  } catch (e) {
    if (load === state.listLoads) $('list-status').textContent = 'Could not load: ' + e.message;
  }
}

$('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const hash = SearchFilters.toHash(formFilters());
  // the address keeps the search (bookmark, share, back); the same address again searches again
  if (location.hash === hash || (hash === '#/' && !location.hash)) loadList(); else location.hash = hash;
});
$('more').addEventListener('click', () => loadList(true));
$('save-form').addEventListener('submit', (event) => {
  event.preventDefault();
  savedSearches.save(location.hash, $('save-name').value, $('save-alerts').value);
});
$('invite-form').addEventListener('submit', (event) => {
  event.preventDefault();
  team.invite($('invite-email').value, $('invite-role').value);
});
$('import-file').addEventListener('change', () => {
  const file = $('import-file').files[0];
  if (file) team.import(file);
  $('import-file').value = ''; // the same file chosen again is imported again
});


// ---- one opportunity: presence, comments, notes, changes

function leaveOpportunity() {
  const id = state.opportunity;
  if (!id) return;
  for (const what of ['presence', 'comments', 'notes', 'events']) unsubscribe('opportunity.' + id + '.' + what);
  state.opportunity = null;
}

async function openOpportunity(id) {
  leaveOpportunity();
  state.opportunity = id;
  show('detail-view');
  analysis.clear();
  stageUnknown(id);
  $('notice-facts').replaceChildren();
  $('versions').hidden = true;
  $('comments').replaceChildren();
  $('presence').replaceChildren();
  $('notes').disabled = true;
  try {
    const o = await api('/opportunities/' + encodeURIComponent(id));
    $('title').textContent = o.title;
    $('meta').textContent = [o.noticeId, o.agency, o.responseDeadline && 'due ' + o.responseDeadline.slice(0, 10)]
      .filter(Boolean).join(' · ');
    showNotice(o);
    showVersions(o).catch((e) => console.warn('versions', e));
  } catch (e) {
    $('title').textContent = 'Not found';
    return;
  }
  const base = 'opportunity.' + id;
  // lists can arrive out of the order Redis made them in (published from two connections): the highest version wins
  state.presenceVersion = 0;
  subscribe(base + '.presence', (body) => {
    if (!body?.members || body.version < state.presenceVersion) return;
    state.presenceVersion = body.version;
    showPresence(body.members);
  });
  subscribe(base + '.comments', (comment, info) => (info?.recoveryLost ? loadComments(id) : addComment(comment)));
  subscribe(base + '.events', (event) => event && notified({ kind: event.type, noticeId: event.noticeId }));
  subscribe(base + '.notes', (change, info) => (info?.recoveryLost ? loadNotes(id) : state.notes.received(change)));
  await loadStage(id);
  await loadComments(id);
  await loadNotes(id);
  await loadDocuments(id);
  await loadSimilar(id);
  await analysis.show(id);
}

/** The notice's facts, each a term and its parts (links open SAM.gov and the like in a new tab). */
function showNotice(o) {
  const rows = noticeRows(o).flatMap(({ label, parts }) => {
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    parts.forEach((part, i) => {
      if (i > 0) detail.append(' · ');
      if (!part.href) { detail.append(part.text); return; }
      const a = document.createElement('a');
      a.href = part.href;
      a.textContent = part.text;
      if (!part.href.startsWith('#')) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
      detail.append(a);
    });
    return [term, detail];
  });
  $('notice-facts').replaceChildren(...rows);
}

/** How many other notices of a solicitation its history reads: amendments rarely run past a handful. */
const VERSIONS_SHOWN = 20;

/**
 * The solicitation's notices, oldest first, each with what it changed from the one shown before it: the latest
 * {@value VERSIONS_SHOWN} besides this one (the heading says when some are not shown); one that cannot be read is
 * left out.
 */
async function showVersions(o) {
  const versions = o.versions || [];
  if (!versions.length) return;
  const ids = versions.slice(-VERSIONS_SHOWN);
  const read = await Promise.allSettled(ids.map((id) => api('/opportunities/' + encodeURIComponent(id))));
  if (state.opportunity !== o.noticeId) return;
  const others = read.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  $('versions-h').textContent = 'The solicitation\'s notices, oldest first'
    + (others.length < versions.length ? ' (' + (others.length + 1) + ' of ' + (versions.length + 1) + ')' : '');
  const all = [...others, o].sort((a, b) => (a.postedDate || '').localeCompare(b.postedDate || '')
    || a.noticeId.localeCompare(b.noticeId));
  $('versions-list').replaceChildren(...all.map((notice, i) => {
    const item = document.createElement('li');
    const name = document.createElement(notice.noticeId === o.noticeId ? 'strong' : 'a');
    if (notice.noticeId !== o.noticeId) name.href = '#/opportunities/' + encodeURIComponent(notice.noticeId);
    name.textContent = notice.title;
    item.append('Posted ' + (notice.postedDate || '?') + ': ', name, notice.noticeId === o.noticeId ? ' (this one)' : '');
    const changes = i === 0 ? [] : noticeChanges(all[i - 1], notice);
    if (i > 0) {
      const list = document.createElement('ul');
      list.append(...(changes.length ? changes : ['nothing shown here changed']).map((change) => {
        const line = document.createElement('li');
        line.textContent = change;
        return line;
      }));
      item.append(list);
    }
    return item;
  }));
  $('versions').hidden = false;
}

// ---- the opportunity's pipeline stage

const stageShownNow = { noticeId: null, stage: null, version: 0 };
const stageMoves = new StageMoves(api);

/** The menu offers nothing to move until the opportunity's own stage is read. */
function stageUnknown(id) {
  Object.assign(stageShownNow, { noticeId: id, stage: null, version: 0 });
  $('detail-stage').replaceChildren();
  $('detail-stage').disabled = true;
  $('stage-status').textContent = '';
}

async function loadStage(id) {
  try {
    const entry = await api('/pipeline/' + encodeURIComponent(id));
    if (state.opportunity !== id) return; // another opportunity was opened meanwhile
    stageShown({ ...entry, noticeId: id }, true);
    $('detail-stage').disabled = false;
  } catch (e) {
    if (state.opportunity === id) $('stage-status').textContent = 'Could not read its stage: ' + e.message;
  }
}

/** Shows the entry's stage if it is newer than the one shown (or {@code fresh}, for another opportunity). */
function stageShown(entry, fresh = false) {
  if (!fresh && (entry.noticeId !== stageShownNow.noticeId || entry.version <= stageShownNow.version)) return;
  Object.assign(stageShownNow, { noticeId: entry.noticeId, stage: entry.stage, version: entry.version });
  const select = $('detail-stage');
  select.replaceChildren(...(entry.stage ? [] : [new Option('Not on the pipeline', '', false, true)]),
    ...PIPELINE_STAGES.map((stage) => new Option(STAGE_NAMES[stage], stage, false, stage === entry.stage)));
}

$('detail-stage').addEventListener('change', async () => {
  const { noticeId, version } = stageShownNow;
  const stage = $('detail-stage').value;
  if (!stage) return;
  try {
    const entry = await stageMoves.move(noticeId, stage, version);
    if (!entry || noticeId !== state.opportunity) return; // it follows the move on its way, or another page is open
    stageShown({ ...entry, noticeId });
    $('stage-status').textContent = entry.conflict
      ? 'Someone moved it to ' + STAGE_NAMES[entry.stage] + ' meanwhile; choose again if you still mean to.'
      : 'Moved to ' + STAGE_NAMES[entry.stage] + '.'
        + (entry.error ? ' It could not be moved further: ' + entry.error.message : '');
  } catch (e) {
    if (noticeId !== state.opportunity) return;
    $('stage-status').textContent = 'Could not move it: ' + e.message;
    stageShown({ ...stageShownNow }, true);
  }
});
$('stage-form').addEventListener('submit', (event) => event.preventDefault());

$('analyse').addEventListener('click', () => analysis.analyse(state.opportunity));
$('profile-form').addEventListener('submit', (event) => { event.preventDefault(); analysis.saveProfile(); });

async function loadSimilar(id) {
  $('similar').replaceChildren();
  $('similar-status').textContent = 'Loading…';
  try {
    const found = await api('/ai/opportunities/' + encodeURIComponent(id) + '/similar?limit=5');
    if (state.opportunity !== id) return;
    $('similar').replaceChildren(...found.hits.map((hit) => card(hit, hit.passage)));
    $('similar-status').textContent = found.hits.length ? '' : 'None found.';
  } catch (e) {
    // a notice only just imported, archived or superseded is not in the AI index
    if (state.opportunity === id) $('similar-status').textContent = 'None to show: ' + e.message;
  }
}

// ---- documents: uploaded to the opportunity, then processed step by step (its text read by the OCR service); each
// step's moves arrive live (tenant notifications)

const DOCUMENT_STATES = { processing: 'processing', processed: 'read', failed: 'could not be processed' };
const STEP_NAMES = { text: 'reading its text', analysis: 'analysing it', index: 'indexing it' };

/** Where a document being processed stands: the step under way, its attempt, and why the last one failed. */
function stepShown(doc) {
  const under = Object.entries(doc.steps || {}).find(([, step]) => step.state === 'running' || step.state === 'retrying');
  if (!under) return '';
  const [name, step] = under;
  const what = STEP_NAMES[name] || name;
  if (step.state === 'running') return ': ' + what + (step.attempt > 1 ? ' (attempt ' + step.attempt + ')' : '') + '…';
  const last = step.errors?.length ? step.errors[step.errors.length - 1].error : 'it failed';
  return ': ' + what + ' again soon (' + last + ')';
}

async function loadDocuments(id) {
  $('documents').replaceChildren();
  $('document-text').hidden = true;
  const answer = await api('/opportunities/' + encodeURIComponent(id) + '/documents');
  // newest first, each shown at the top: the oldest goes first
  answer.items.slice().reverse().forEach(showDocument);
}

function showDocument(doc) {
  let item = document.querySelector('#documents [data-id="' + doc.id + '"]');
  if (!item) {
    item = document.createElement('li');
    item.dataset.id = doc.id;
    $('documents').prepend(item);
  }
  item.dataset.state = doc.state;
  const name = document.createElement('button');
  name.type = 'button';
  name.className = 'link';
  name.textContent = doc.fileName;
  name.disabled = !doc.pages;
  name.addEventListener('click', () => showText(doc.id));
  const state = document.createElement('span');
  state.className = 'state';
  const pages = doc.pages ? ' · ' + doc.pages + (doc.pages === 1 ? ' page' : ' pages') : '';
  const reason = doc.state === 'failed' && doc.failure ? ': ' + doc.failure : '';
  state.textContent = ' — ' + DOCUMENT_STATES[doc.state] + stepShown(doc) + pages + reason;
  item.replaceChildren(name, state);
}

/** The documents being read again, each with whether it moved again meanwhile. */
const documentReads = new Map();

/**
 * A document's step moved, or it ended, somewhere in the tenant: shown again if it belongs to the open opportunity.
 * One read at a time per document, and one more if it moved meanwhile: steps that move quickly cost two reads, not
 * one each, and an older answer never lands after a newer one.
 */
async function documentChanged(notification) {
  const id = notification.documentId;
  if (!id || notification.noticeId !== state.opportunity) return;
  const reading = documentReads.get(id);
  if (reading) {
    reading.again = true;
    return;
  }
  const read = { again: true };
  documentReads.set(id, read);
  try {
    while (read.again) {
      read.again = false;
      const doc = await api('/documents/' + encodeURIComponent(id));
      if (notification.noticeId === state.opportunity) showDocument(doc);
    }
  } finally {
    documentReads.delete(id);
  }
}

async function showText(id) {
  const doc = await api('/documents/' + encodeURIComponent(id));
  $('document-text-h').textContent = doc.fileName;
  $('document-pages').replaceChildren(...doc.text.map((page) => {
    const item = document.createElement('li');
    item.dataset.text = page.text;
    item.title = page.method === 'ocr' ? 'read by OCR, confidence ' + page.confidence + ' %' : 'the PDF\'s own text';
    item.textContent = page.text;
    return item;
  }));
  $('document-search').value = '';
  $('document-text').hidden = false;
}

/** Each page with the words found marked (whatever their case), the pages without them hidden. */
function findInText() {
  const wanted = $('document-search').value.trim();
  const pattern = wanted && new RegExp(wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  for (const page of $('document-pages').children) {
    const text = page.dataset.text;
    page.replaceChildren();
    let from = 0;
    for (const found of pattern ? text.matchAll(pattern) : []) {
      page.append(text.slice(from, found.index));
      const mark = document.createElement('mark');
      mark.textContent = found[0];
      page.append(mark);
      from = found.index + found[0].length;
    }
    page.append(text.slice(from));
    page.hidden = Boolean(pattern) && from === 0;
  }
}

$('document-search').addEventListener('input', findInText);

/** Uploads with its progress shown (XMLHttpRequest: fetch does not report an upload's progress). */
function upload(file) {
  const id = state.opportunity;
  if (!file || !id) return;
  $('document-error').textContent = '';
  const progress = $('document-progress');
  progress.value = 0;
  progress.hidden = false;
  const form = new FormData();
  form.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/v1/opportunities/' + encodeURIComponent(id) + '/documents');
  xhr.setRequestHeader('Authorization', 'Bearer ' + state.token);
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = Math.floor((100 * e.loaded) / e.total); };
  xhr.onload = () => {
    progress.hidden = true;
    if (xhr.status === 202) {
      const doc = JSON.parse(xhr.responseText);
      // its read may have been told already, while this answer was on its way
      if (!document.querySelector('#documents [data-id="' + doc.id + '"]')) showDocument(doc);
    } else {
      let detail = xhr.statusText;
      try { detail = JSON.parse(xhr.responseText).detail || detail; } catch (ignored) { /* not a problem document */ }
      $('document-error').textContent = 'Not uploaded: ' + detail;
    }
  };
  xhr.onerror = () => { progress.hidden = true; $('document-error').textContent = 'Not uploaded: the connection failed'; };
  xhr.send(form);
}

$('document-file').addEventListener('change', (event) => { upload(event.target.files[0]); event.target.value = ''; });
$('document-form').addEventListener('submit', (event) => event.preventDefault());
$('documents-section').addEventListener('dragover', (event) => { event.preventDefault(); });
$('documents-section').addEventListener('drop', (event) => {
  event.preventDefault();
  upload(event.dataTransfer.files[0]);
});

async function loadComments(id) {
  const answer = await api('/opportunities/' + encodeURIComponent(id) + '/comments');
  answer.items.forEach(addComment);
}

function addComment(comment) {
  if (!comment || document.querySelector('#comments [data-id="' + comment.id + '"]')) return;
  const item = document.createElement('li');
  item.dataset.id = comment.id;
  const by = document.createElement('div');
  by.className = 'by';
  by.textContent = comment.email + ' · ' + new Date(comment.createdAt).toLocaleString();
  const text = document.createElement('div');
  text.textContent = comment.text;
  item.append(by, text);
  $('comments').append(item);
}

$('comment-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('comment-error').textContent = '';
  try {
    const text = $('comment-text').value;
    const notice = state.opportunity;
    // the same comment sent again (its answer lost, the user posting again) keeps its id: the server stores it once
    const unsent = state.unsentComment;
    if (unsent?.notice !== notice || unsent.text !== text) state.unsentComment = { notice, text, opId: crypto.randomUUID() };
    const { opId } = state.unsentComment;
    addComment(await request('opportunity.' + notice + '.comments', { text, opId }));
    state.unsentComment = null;
    $('comment-text').value = '';
  } catch (e) {
    $('comment-error').textContent = 'Not posted: ' + e.message;
  }
});

function showPresence(members) {
  $('presence').replaceChildren(...members.map((m) => {
    const avatar = document.createElement('span');
    avatar.className = 'avatar ' + m.state;
    avatar.dataset.userEmail = m.email;
    avatar.title = m.email + ' (' + m.state + ')';
    avatar.setAttribute('role', 'img');
    avatar.setAttribute('aria-label', m.email + ', ' + m.state);
    avatar.textContent = (m.email || '?').slice(0, 2).toUpperCase();
    return avatar;
  }));
}

async function loadNotes(id) {
  const notes = await request('opportunity.' + id + '.notes', { action: 'load' });
  state.notes.load(notes.text, notes.version);
  $('notes').disabled = false;
}

state.notes = new NotesEditor($('notes'), (version, ops, opId) => {
  request('opportunity.' + state.opportunity + '.notes', { action: 'edit', version, ops, opId })
    .then(() => { $('notes-status').textContent = 'Saved'; })
    .catch((e) => { $('notes-status').textContent = 'Reloading: ' + e.message; loadNotes(state.opportunity); });
});

for (const [event, presence] of [['focus', 'editing'], ['blur', 'viewing']]) {
  $('notes').addEventListener(event, () => {
    if (state.opportunity) request('opportunity.' + state.opportunity + '.presence', { state: presence }).catch(() => {});
  });
}

// ---- routes: #/ (with a search's filters), #/pipeline, #/saved, #/team, #/dashboard, #/profile and
// #/opportunities/<id>

/** The views an address names beside the list and an opportunity: each its section and what loads it. */
const VIEWS = {
  '#/pipeline': ['board-view', () => board.load()],
  '#/saved': ['saved-view', () => savedSearches.load()],
  '#/team': ['team-view', () => team.load(state.claims.role === 'admin')],
  '#/dashboard': ['dashboard-view', () => dashboard.load()],
  '#/profile': ['profile-view', () => analysis.loadProfile()
    .catch((e) => { $('profile-status').textContent = 'Could not load: ' + e.message; })],
};

function route() {
  if (!state.token) { show('login-view'); return; }
  const match = location.hash.match(/^#\/opportunities\/(.+)$/);
  if (match) {
    openOpportunity(decodeURIComponent(match[1]));
    return;
  }
  // any other address is the list, with the search's filters it names
  const [view, load] = VIEWS[location.hash] || ['list-view', () => loadList()];
  leaveOpportunity();
  show(view);
  load();
}

window.addEventListener('hashchange', route);
if (state.token) {
  start();
} else {
  show('login-view');
  if (sessionStorage.getItem('mch.back')) $('login-error').textContent = 'Your session ended: log in again to go back.';
}
