// Shared notes: ot.js text operations and its client states (docs/decisions/0004-shared-notes-ot.md).
// An operation is an array: a positive number retains, a string inserts, a negative number deletes.
'use strict';

class TextOperation {
  constructor() { this.ops = []; this.baseLength = 0; this.targetLength = 0; }

  static fromJSON(ops) {
    const op = new TextOperation();
    for (const part of ops) {
      if (typeof part === 'string') op.insert(part);
      else if (part > 0) op.retain(part);
      else op.delete(-part);
    }
    return op;
  }

  retain(n) {
    if (n <= 0) return this;
    this.baseLength += n; this.targetLength += n;
    const last = this.ops.length - 1;
    if (last >= 0 && typeof this.ops[last] === 'number' && this.ops[last] > 0) this.ops[last] += n;
    else this.ops.push(n);
    return this;
  }

  insert(s) {
    if (!s) return this;
    this.targetLength += s.length;
    const ops = this.ops, last = ops.length - 1;
    if (last >= 0 && typeof ops[last] === 'string') ops[last] += s;
    else if (last >= 0 && typeof ops[last] === 'number' && ops[last] < 0) {
      if (last > 0 && typeof ops[last - 1] === 'string') ops[last - 1] += s;
      else ops.splice(last, 0, s);
    } else ops.push(s);
    return this;
  }

  delete(n) {
    n = Math.abs(n);
    if (n === 0) return this;
    this.baseLength += n;
    const last = this.ops.length - 1;
    if (last >= 0 && typeof this.ops[last] === 'number' && this.ops[last] < 0) this.ops[last] -= n;
    else this.ops.push(-n);
    return this;
  }

  apply(text) {
    if (text.length !== this.baseLength) throw new Error('the operation does not fit the text');
    let out = '', at = 0;
    for (const op of this.ops) {
      if (typeof op === 'string') out += op;
      else if (op > 0) { out += text.slice(at, at + op); at += op; }
      else at -= op;
    }
    return out;
  }

  compose(next) {
    const out = new TextOperation();
    const a = this.ops.slice(), b = next.ops.slice();
    let i = 0, j = 0, x = a[i++], y = b[j++];
    while (x !== undefined || y !== undefined) {
      if (typeof x === 'number' && x < 0) { out.delete(x); x = a[i++]; continue; }
      if (typeof y === 'string') { out.insert(y); y = b[j++]; continue; }
      if (x === undefined || y === undefined) throw new Error('the operations do not compose');
      if (typeof x === 'number' && y > 0) {
        const n = Math.min(x, y); out.retain(n);
        [x, y] = [x - n || a[i++], y - n || b[j++]];
      } else if (typeof x === 'string' && y < 0) {
        const n = Math.min(x.length, -y);
        [x, y] = [x.slice(n) || a[i++], (y + n) || b[j++]];
      } else if (typeof x === 'string') {
        const n = Math.min(x.length, y); out.insert(x.slice(0, n));
        [x, y] = [x.slice(n) || a[i++], (y - n) || b[j++]];
      } else {
        const n = Math.min(x, -y); out.delete(n);
        [x, y] = [(x - n) || a[i++], (y + n) || b[j++]];
      }
    }
    return out;
  }

  // [a', b'] such that a then b' equals b then a'; at one place, a's insert comes first
  static transform(opA, opB) {
    const aP = new TextOperation(), bP = new TextOperation();
    const a = opA.ops, b = opB.ops;
    let i = 0, j = 0, x = a[i++], y = b[j++];
    while (x !== undefined || y !== undefined) {
      if (typeof x === 'string') { aP.insert(x); bP.retain(x.length); x = a[i++]; continue; }
      if (typeof y === 'string') { aP.retain(y.length); bP.insert(y); y = b[j++]; continue; }
      if (x === undefined || y === undefined) throw new Error('the operations do not transform');
      const n = Math.min(Math.abs(x), Math.abs(y));
      if (x > 0 && y > 0) { aP.retain(n); bP.retain(n); }
      else if (x < 0 && y > 0) aP.delete(n);
      else if (x > 0 && y < 0) bP.delete(n);
      x = Math.abs(x) > n ? (x > 0 ? x - n : x + n) : a[i++];
      y = Math.abs(y) > n ? (y > 0 ? y - n : y + n) : b[j++];
    }
    return [aP, bP];
  }

  // the operation turning one text into another: one change between their common prefix and suffix
  static diff(before, after) {
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start
        && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
    return new TextOperation().retain(start).delete(before.length - start - end)
        .insert(after.slice(start, after.length - end)).retain(end);
  }

  // where a cursor goes when this operation is applied around it
  moveIndex(index) {
    let at = 0, moved = index;
    for (const op of this.ops) {
      if (at > index) break;
      if (typeof op === 'string') moved += op.length;
      else if (op > 0) at += op;
      else { moved -= Math.min(-op, index - at); at -= op; }
    }
    return moved;
  }
}

// One textarea kept in step with everyone's edits: one edit in flight, later ones buffered, incoming ones
// transformed past both and applied in version order. Its own edit coming back (same opId) acknowledges it.
class NotesEditor {
  constructor(textarea, send) {
    this.textarea = textarea; this.send = send;
    this.text = ''; this.version = 0;
    this.outstanding = null; this.outstandingId = null; this.buffer = null; this.early = new Map();
    textarea.addEventListener('input', () => this.local());
  }

  load(text, version) {
    this.text = text; this.version = version;
    this.outstanding = this.outstandingId = this.buffer = null; this.early.clear();
    this.textarea.value = text;
  }

  local() {
    const op = TextOperation.diff(this.text, this.textarea.value);
    this.text = this.textarea.value;
    if (op.ops.length === 1 && typeof op.ops[0] === 'number' && op.ops[0] > 0) return;
    if (!this.outstanding) this.flush(op);
    else this.buffer = this.buffer ? this.buffer.compose(op) : op;
  }

  flush(op) {
    this.outstanding = op;
    this.outstandingId = Math.random().toString(36).slice(2) + Date.now().toString(36);
    this.send(this.version, op.ops, this.outstandingId);
  }

  received(change) {
    if (change.version <= this.version) return;
    this.early.set(change.version, change);
    while (this.early.has(this.version + 1)) {
      const next = this.early.get(this.version + 1);
      this.early.delete(this.version + 1);
      this.applyServer(next);
    }
  }

  applyServer(change) {
    this.version = change.version;
    if (change.opId === this.outstandingId) {
      this.outstanding = this.outstandingId = null;
      if (this.buffer) { const next = this.buffer; this.buffer = null; this.flush(next); }
      return;
    }
    let op = TextOperation.fromJSON(change.ops);
    if (this.outstanding) [this.outstanding, op] = TextOperation.transform(this.outstanding, op);
    if (this.buffer) [this.buffer, op] = TextOperation.transform(this.buffer, op);
    const start = op.moveIndex(this.textarea.selectionStart), end = op.moveIndex(this.textarea.selectionEnd);
    this.text = op.apply(this.text);
    this.textarea.value = this.text;
    if (document.activeElement === this.textarea) this.textarea.setSelectionRange(start, end);
  }

  idle() { return !this.outstanding && !this.buffer; }
}
if (typeof module !== 'undefined') module.exports = { TextOperation, NotesEditor };
