// The bid pipeline board: the tenant's opportunities by stage (GET /api/v1/pipeline), moved with a stage menu (keyboard)
// or by dragging a card to a column (PUT /api/v1/pipeline/<id> with the version it shows); every move, a teammate's
// too, arrives live as a pipeline.moved notification.
'use strict';

const PIPELINE_STAGES = ['identified', 'qualifying', 'bidding', 'submitted', 'won', 'lost', 'no-bid'];
const STAGE_NAMES = { identified: 'Identified', qualifying: 'Qualifying', bidding: 'Bidding', submitted: 'Submitted',
  won: 'Won', lost: 'Lost', 'no-bid': 'No bid' };

/**
 * What the board holds, and the rule that keeps it true whatever order news comes in: an entry shows the highest
 * version it has heard of. A move's answer, a teammate's live move and the state read after a lost race (409) are all
 * versions; an older one arriving later is ignored.
 */
class BoardModel {
  constructor() {
    this.entries = new Map(); // noticeId -> {noticeId, title, agency, responseDeadline, stage, version}
    this.total = 0;
  }

  /** The board as read; an entry the board already shows at a higher version (news that came meanwhile) keeps it. */
  load(board) {
    const shown = this.entries;
    this.entries = new Map(board.entries.map((e) => {
      const had = shown.get(e.noticeId);
      return [e.noticeId, had && had.version > e.version ? { ...e, stage: had.stage, version: had.version } : { ...e }];
    }));
    this.total = board.total;
  }

  /** Whether the board lists every entry (past its limit, news of one it does not list is expected). */
  whole() {
    return this.entries.size >= this.total;
  }

  /**
   * A version of an entry (a move's answer, a live move, a read): 'applied' when it is newer than what the board shows,
   * 'stale' when not, 'unknown' for an opportunity the board does not list (its title is not in the news: read the
   * board again).
   */
  apply(news) {
    const entry = this.entries.get(news.noticeId);
    if (!entry) return 'unknown';
    if (news.version <= entry.version) return 'stale';
    entry.stage = news.stage;
    entry.version = news.version;
    return 'applied';
  }

  /** The request that moves an entry, or null when it is already at that stage. */
  moveRequest(noticeId, stage) {
    const entry = this.entries.get(noticeId);
    if (!entry || entry.stage === stage) return null;
    return { stage, expectedVersion: entry.version };
  }

  /** The entries of each stage, in the board's order (soonest deadline first, as listed). */
  columns() {
    const columns = new Map(PIPELINE_STAGES.map((stage) => [stage, []]));
    for (const entry of this.entries.values()) columns.get(entry.stage)?.push(entry);
    return columns;
  }
}

/** "due in 3 days", "due in 5 hours", "closed 2 days ago": the time left as a capture manager reads it. */
function timeLeft(deadline, now = Date.now()) {
  if (!deadline) return 'no deadline';
  const ms = Date.parse(deadline) - now;
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  const count = (n, unit) => (n === 1 ? 'a' + (unit === 'hour' ? 'n' : '') + ' ' + unit : n + ' ' + unit + 's');
  if (ms < 0) return days === 0 ? 'closed today' : 'closed ' + count(days, 'day') + ' ago';
  return 'due in ' + (days === 0 ? count(Math.ceil(ms / 3_600_000), 'hour') : count(days, 'day'));
}

/**
 * Moves opportunities on the pipeline from the version the user saw, one move per opportunity at a time: a stage chosen
 * while a move is on its way (arrowing through a stage menu) waits, and only the last one chosen is sent, from the
 * version the first move answered. A move that lost a race (409: someone moved it first) is not tried again over
 * theirs: the answer is the entry as it now is, with {@code conflict: true}, and the choices that waited are dropped.
 */
class StageMoves {
  constructor(api) {
    this.api = api;
    this.waiting = new Map(); // noticeId -> the stage chosen while its move is on its way (undefined: none)
  }

  /** The entry after the last move made; null for a choice that only waits behind a move on its way. */
  async move(noticeId, stage, expectedVersion) {
    if (this.waiting.has(noticeId)) {
      this.waiting.set(noticeId, stage);
      return null;
    }
    this.waiting.set(noticeId, undefined);
    try {
      let entry = await this.once(noticeId, stage, expectedVersion);
      for (let next = this.waiting.get(noticeId); !entry.conflict && next !== undefined && next !== entry.stage;
        next = this.waiting.get(noticeId)) {
        this.waiting.set(noticeId, undefined);
        try {
          entry = await this.once(noticeId, next, entry.version);
        } catch (e) {
          // the earlier move stands: the entry as it answered, with why the later one did not go
          return { ...entry, error: e };
        }
      }
      return entry;
    } finally {
      this.waiting.delete(noticeId);
    }
  }

  async once(noticeId, stage, expectedVersion) {
    const path = '/pipeline/' + encodeURIComponent(noticeId);
    try {
      return { ...(await this.api(path, { method: 'PUT', body: JSON.stringify({ stage, expectedVersion }) })),
        conflict: false };
    } catch (e) {
      if (e.status !== 409) throw e;
      return { ...(await this.api(path)), conflict: true };
    }
  }
}

class PipelineBoard {
  constructor(api, $, me) {
    this.api = api;
    this.$ = $;
    this.me = me; // the user's id: their own moves are not news to them
    this.model = new BoardModel();
    this.moves = new StageMoves(api);
    this.loads = 0;
    this.dragged = null;
    this.reload = null; // a load asked for by news of an entry the board does not list, a second later
  }

  async load() {
    const load = ++this.loads;
    this.status('Loading…');
    try {
      const board = await this.api('/pipeline');
      if (load !== this.loads) return;
      this.model.load(board);
      this.render();
      this.status(board.total > board.entries.length
        ? 'Showing the ' + board.entries.length + ' of ' + board.total + ' opportunities due soonest.'
        : board.total === 0 ? 'No opportunity on the pipeline yet: add one from its page.' : '');
    } catch (e) {
      this.status('Could not load the pipeline: ' + e.message);
    }
  }

  /**
   * A pipeline.moved notification: shown if newer. An opportunity new to the board brings the board again, once for
   * all the news of a second (a replay of many moves); a board past its limit does not list every entry anyway.
   */
  moved(news) {
    const outcome = this.model.apply(news);
    if (outcome === 'unknown') {
      if (this.model.whole() && !this.reload) {
        this.reload = setTimeout(() => { this.reload = null; this.load(); }, 1000);
      }
      return;
    }
    if (outcome === 'applied') {
      this.render();
      if (news.by !== this.me()) this.status(this.titleOf(news.noticeId) + ' moved to ' + STAGE_NAMES[news.stage] + ' by a teammate.');
    }
  }

  async move(noticeId, stage) {
    const request = this.model.moveRequest(noticeId, stage);
    if (!request) return;
    const title = this.titleOf(noticeId);
    try {
      const entry = await this.moves.move(noticeId, stage, request.expectedVersion);
      if (!entry) return; // it follows the move on its way
      this.model.apply(entry);
      this.status(entry.conflict
        ? title + ' was moved to ' + STAGE_NAMES[entry.stage] + ' meanwhile; the board shows it there. Move it again if '
          + 'you still mean to.'
        : title + ' moved to ' + STAGE_NAMES[entry.stage] + '.'
          + (entry.error ? ' It could not be moved further: ' + entry.error.message : ''));
    } catch (e) {
      this.status('Could not move ' + title + ': ' + e.message);
    }
    this.render(noticeId);
  }

  titleOf(noticeId) {
    return '“' + (this.model.entries.get(noticeId)?.title || noticeId) + '”';
  }

  status(text) {
    this.$('board-status').textContent = text;
  }

  /**
   * Draws the columns, giving the keyboard focus back to the stage menu that had it ({@code focus}: the notice whose
   * menu should have it, after its move).
   */
  render(focus) {
    const active = document.activeElement;
    const focused = focus ? 'stage-of-' + focus : active && this.$('board').contains(active) ? active.id : null;
    const columns = [];
    for (const [stage, entries] of this.model.columns()) {
      const column = document.createElement('section');
      column.className = 'board-column';
      column.dataset.stage = stage;
      column.setAttribute('aria-labelledby', 'stage-' + stage);
      const heading = document.createElement('h3');
      heading.id = 'stage-' + stage;
      heading.textContent = STAGE_NAMES[stage] + ' (' + entries.length + ')';
      const list = document.createElement('ul');
      list.className = 'cards';
      list.append(...entries.map((entry) => this.card(entry)));
      column.append(heading, list);
      column.addEventListener('dragover', (event) => { if (this.dragged) event.preventDefault(); });
      column.addEventListener('drop', (event) => {
        event.preventDefault();
        // only a card of this board dragged here moves: not text or a file dropped after a drag given up
        if (this.dragged && event.dataTransfer.getData('text/plain') === this.dragged) this.move(this.dragged, stage);
        this.dragged = null;
      });
      columns.push(column);
    }
    this.$('board').replaceChildren(...columns);
    if (focused) document.getElementById(focused)?.focus();
  }

  card(entry) {
    const item = document.createElement('li');
    item.dataset.id = entry.noticeId;
    item.draggable = true;
    item.addEventListener('dragstart', (event) => {
      this.dragged = entry.noticeId;
      event.dataTransfer.setData('text/plain', entry.noticeId);
    });
    item.addEventListener('dragend', () => { this.dragged = null; });
    const link = document.createElement('a');
    link.href = '#/opportunities/' + encodeURIComponent(entry.noticeId);
    link.textContent = entry.title;
    const meta = document.createElement('small');
    meta.textContent = [entry.agency?.split('.')[0], timeLeft(entry.responseDeadline)].filter(Boolean).join(' · ');
    const label = document.createElement('label');
    label.textContent = 'Stage ';
    const select = document.createElement('select');
    select.id = 'stage-of-' + entry.noticeId;
    select.setAttribute('aria-label', 'Stage of ' + entry.title);
    for (const stage of PIPELINE_STAGES) select.add(new Option(STAGE_NAMES[stage], stage, false, stage === entry.stage));
    select.addEventListener('change', () => this.move(entry.noticeId, select.value));
    label.append(select);
    item.append(link, document.createElement('br'), meta, document.createElement('br'), label);
    return item;
  }
}

if (typeof module !== 'undefined') module.exports = { BoardModel, StageMoves, PIPELINE_STAGES, timeLeft };
