// The pipeline board's rules, without a browser: node --test (run by mvn verify in this module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import board from '../src/board.js';

const { BoardModel, StageMoves, PIPELINE_STAGES, timeLeft } = board;

function loaded() {
  const model = new BoardModel();
  model.load({ total: 3, entries: [
    { noticeId: 'A', title: 'Gloves', stage: 'identified', version: 1 },
    { noticeId: 'B', title: 'Gauze', stage: 'bidding', version: 4 },
    { noticeId: 'C', title: 'Masks', stage: 'identified', version: 2 },
  ] });
  return model;
}

test('columns follow the pipeline\'s stages, each in the order the board was listed', () => {
  const columns = loaded().columns();
  assert.deepEqual([...columns.keys()], PIPELINE_STAGES);
  assert.deepEqual(columns.get('identified').map((e) => e.noticeId), ['A', 'C']);
  assert.deepEqual(columns.get('bidding').map((e) => e.noticeId), ['B']);
  assert.deepEqual(columns.get('won'), []);
});

test('a move asks from the version shown, and nothing when the entry is already at that stage', () => {
  const model = loaded();
  assert.deepEqual(model.moveRequest('B', 'submitted'), { stage: 'submitted', expectedVersion: 4 });
  assert.equal(model.moveRequest('B', 'bidding'), null);
  assert.equal(model.moveRequest('Z', 'won'), null);
});

test('news of an entry is shown only when newer: a late, older version never moves a card back', () => {
  const model = loaded();
  assert.equal(model.apply({ noticeId: 'A', stage: 'bidding', version: 3 }), 'applied');
  assert.equal(model.apply({ noticeId: 'A', stage: 'qualifying', version: 2 }), 'stale');
  assert.equal(model.apply({ noticeId: 'A', stage: 'qualifying', version: 3 }), 'stale', 'the same version is no news');
  assert.deepEqual({ ...model.entries.get('A') }, { noticeId: 'A', title: 'Gloves', stage: 'bidding', version: 3 });
});

test('a lost race shows the winner\'s state: the 409\'s read is newer than the board\'s, and a retry asks from it', () => {
  const model = loaded();
  // a teammate moved C to qualifying (version 3) before this user's move from version 2 arrived
  assert.equal(model.apply({ noticeId: 'C', stage: 'qualifying', version: 3, history: [] }), 'applied');
  assert.equal(model.entries.get('C').stage, 'qualifying');
  assert.deepEqual(model.moveRequest('C', 'bidding'), { stage: 'bidding', expectedVersion: 3 });
});

test('news of an opportunity the board does not list asks for the board again', () => {
  assert.equal(loaded().apply({ noticeId: 'N', stage: 'identified', version: 1 }), 'unknown');
});

test('time left reads as a capture manager says it', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  assert.equal(timeLeft(null, now), 'no deadline');
  assert.equal(timeLeft('2026-12-07T20:00:00Z', now), 'due in 8 hours');
  assert.equal(timeLeft('2026-12-07T12:30:00Z', now), 'due in an hour');
  assert.equal(timeLeft('2026-12-07T11:00:00Z', now), 'closed today');
  assert.equal(timeLeft('2026-12-08T13:00:00Z', now), 'due in a day');
  assert.equal(timeLeft('2026-12-17T12:00:00Z', now), 'due in 10 days');
  assert.equal(timeLeft('2026-12-06T11:00:00Z', now), 'closed a day ago');
  assert.equal(timeLeft('2026-12-01T12:00:00Z', now), 'closed 6 days ago');
});

test('a board read again keeps the news that came while it was read: the higher version wins', () => {
  const model = loaded();
  model.apply({ noticeId: 'A', stage: 'submitted', version: 5 });
  model.load({ total: 2, entries: [
    { noticeId: 'A', title: 'Gloves', stage: 'bidding', version: 4 },
    { noticeId: 'B', title: 'Gauze', stage: 'won', version: 6 },
  ] });
  assert.deepEqual([...model.entries.values()].map((e) => [e.noticeId, e.stage, e.version]),
    [['A', 'submitted', 5], ['B', 'won', 6]]);
  assert.equal(model.whole(), true);
  model.load({ total: 2500, entries: [] });
  assert.equal(model.whole(), false, 'past its limit the board does not list every entry');
});

/**
 * The pipeline API's rule for one opportunity, as StageMoves sees it through the client's api(): a move from the
 * current version makes the next one, any other version is a 409; moves answer in the order given.
 */
function pipelineApi(entry) {
  const calls = [];
  const api = async (path, options = {}) => {
    calls.push(options.method || 'GET');
    await new Promise((resolve) => setImmediate(resolve));
    if (!options.method) return { noticeId: entry.noticeId, stage: entry.stage, version: entry.version, history: [] };
    const { stage, expectedVersion } = JSON.parse(options.body);
    if (expectedVersion !== entry.version) throw Object.assign(new Error('stale version'), { status: 409 });
    Object.assign(entry, { stage, version: entry.version + 1 });
    return { noticeId: entry.noticeId, stage, version: entry.version };
  };
  return { api, calls };
}

test('stages chosen while a move is on its way wait, and only the last is sent, from the version the first answered', async () => {
  const { api, calls } = pipelineApi({ noticeId: 'A', stage: 'identified', version: 1 });
  const moves = new StageMoves(api);
  // arrowing down a stage menu: three changes before the first answer
  const answers = await Promise.all([moves.move('A', 'qualifying', 1), moves.move('A', 'bidding', 1),
    moves.move('A', 'submitted', 1)]);
  assert.deepEqual(answers[0], { noticeId: 'A', stage: 'submitted', version: 3, conflict: false });
  assert.deepEqual(answers.slice(1), [null, null]);
  assert.deepEqual(calls, ['PUT', 'PUT']);
});

test('a move that lost the race answers the winner\'s entry, and the stages chosen behind it are dropped', async () => {
  const entry = { noticeId: 'A', stage: 'identified', version: 1 };
  const { api, calls } = pipelineApi(entry);
  Object.assign(entry, { stage: 'no-bid', version: 2 }); // a teammate, first
  const moves = new StageMoves(api);
  const answers = await Promise.all([moves.move('A', 'qualifying', 1), moves.move('A', 'bidding', 1)]);
  assert.deepEqual(answers[0], { noticeId: 'A', stage: 'no-bid', version: 2, history: [], conflict: true });
  assert.deepEqual(calls, ['PUT', 'GET']);
  assert.equal(entry.stage, 'no-bid', 'nothing was moved over the winner');
});

test('a later move that fails leaves the earlier one standing, with why the later did not go', async () => {
  const entry = { noticeId: 'A', stage: 'identified', version: 1 };
  const { api } = pipelineApi(entry);
  let puts = 0;
  const failingSecond = (path, options = {}) => (options.method === 'PUT' && ++puts === 2
    ? Promise.reject(Object.assign(new Error('the service is unavailable'), { status: 503 })) : api(path, options));
  const moves = new StageMoves(failingSecond);
  const [first] = await Promise.all([moves.move('A', 'qualifying', 1), moves.move('A', 'bidding', 1)]);
  assert.equal(first.stage, 'qualifying');
  assert.equal(first.version, 2);
  assert.equal(first.error.message, 'the service is unavailable');
});
