// The shared notes' client rules (ot.js text operations, one edit in flight), without a browser: node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import notes from '../src/notes.js';

const { TextOperation, NotesEditor } = notes;
globalThis.document = { activeElement: null };

/** A textarea as far as the editor uses one. */
function textarea() {
  const listeners = [];
  return {
    value: '', selectionStart: 0, selectionEnd: 0,
    addEventListener: (type, listener) => listeners.push(listener),
    type(value) { this.value = value; listeners.forEach((l) => l()); },
    setSelectionRange(start, end) { this.selectionStart = start; this.selectionEnd = end; },
  };
}

function editor() {
  const sent = [];
  const area = textarea();
  const notesEditor = new NotesEditor(area, (version, ops, opId) => sent.push({ version, ops, opId }));
  notesEditor.load('gloves', 3);
  return { area, sent, notesEditor };
}

test('two concurrent edits transformed past each other leave both sides with the same text', () => {
  const text = 'nitrile gloves, size M';
  const cases = [
    ['nitrile exam gloves, size M', 'nitrile gloves, size L'],
    ['gloves, size M', 'nitrile gloves, sizes M and L'],
    ['', 'nitrile gloves'],
    ['nitrile gloves, size M!', 'nitrile gloves, size M?'],
  ];
  for (const [mine, theirs] of cases) {
    const a = TextOperation.diff(text, mine);
    const b = TextOperation.diff(text, theirs);
    const [aPrime, bPrime] = TextOperation.transform(a, b);
    assert.equal(bPrime.apply(a.apply(text)), aPrime.apply(b.apply(text)), mine + ' / ' + theirs);
  }
});

test('composing two edits is one edit with the same result', () => {
  const a = TextOperation.diff('gloves', 'exam gloves');
  const b = TextOperation.diff('exam gloves', 'exam gloves, nitrile');
  assert.equal(a.compose(b).apply('gloves'), 'exam gloves, nitrile');
});

test('one edit is in flight at a time: later typing waits, composed, until the server acknowledges the first', () => {
  const { area, sent, notesEditor } = editor();
  area.type('exam gloves');
  area.type('exam gloves, nitrile');
  area.type('exam gloves, nitrile, M');
  assert.equal(sent.length, 1, 'the second and third edits wait');
  assert.equal(TextOperation.fromJSON(sent[0].ops).apply('gloves'), 'exam gloves');
  notesEditor.received({ version: 4, ops: sent[0].ops, opId: sent[0].opId });
  assert.equal(sent.length, 2, 'the acknowledgement sends what was typed meanwhile, as one edit');
  assert.equal(sent[1].version, 4);
  assert.equal(TextOperation.fromJSON(sent[1].ops).apply('exam gloves'), 'exam gloves, nitrile, M');
  assert.equal(notesEditor.idle(), false);
  notesEditor.received({ version: 5, ops: sent[1].ops, opId: sent[1].opId });
  assert.equal(notesEditor.idle(), true);
});

test('a teammate\'s edit arriving while one is in flight is applied past it, and the server\'s order converges', () => {
  const { area, sent, notesEditor } = editor();
  area.type('gloves, nitrile'); // in flight from version 3
  const theirs = TextOperation.diff('gloves', 'exam gloves');
  notesEditor.received({ version: 4, ops: theirs.ops, opId: 'theirs' });
  assert.equal(area.value, 'exam gloves, nitrile');
  // the server transforms the in-flight edit past theirs, as the client did: the same text
  const [, mineOnServer] = TextOperation.transform(theirs, TextOperation.fromJSON(sent[0].ops));
  assert.equal(mineOnServer.apply(theirs.apply('gloves')), area.value);
});

test('changes are applied in version order whatever order they arrive in, and an old one is ignored', () => {
  const { area, notesEditor } = editor();
  notesEditor.received({ version: 5, ops: TextOperation.diff('exam gloves', 'exam gloves, M').ops, opId: 'b' });
  assert.equal(area.value, 'gloves', 'version 5 waits for version 4');
  notesEditor.received({ version: 4, ops: TextOperation.diff('gloves', 'exam gloves').ops, opId: 'a' });
  assert.equal(area.value, 'exam gloves, M');
  notesEditor.received({ version: 4, ops: TextOperation.diff('gloves', 'gloves!').ops, opId: 'a' });
  assert.equal(area.value, 'exam gloves, M', 'a version already applied changes nothing');
});
