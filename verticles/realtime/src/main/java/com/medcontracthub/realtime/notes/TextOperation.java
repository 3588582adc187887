package com.medcontracthub.realtime.notes;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * An edit of a text as ot.js writes it, so the browser's editor and the server speak one format: a sequence of
 * retains (a positive number of characters kept), inserts (a string) and deletes (a negative number of characters
 * removed) that walks the whole text. {@link #transform} is ot.js's: two edits made concurrently on one version become
 * two that can be applied one after the other in either order, to the same result.
 */
public final class TextOperation {

  private final List<Object> ops = new ArrayList<>();
  private int baseLength;
  private int targetLength;

  public static TextOperation fromJson(JsonArray json) {
    TextOperation op = new TextOperation();
    for (Object part : json) {
      if (part instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() != 0) {
        if (n.intValue() > 0) {
          op.retain(n.intValue());
        } else {
          op.delete(-n.intValue());
        }
      } else if (part instanceof String s && !s.isEmpty()) {
        op.insert(s);
      } else {
        throw new IllegalArgumentException("an operation is made of non-zero integers and non-empty strings, not " + part);
      }
    }
    return op;
  }

  public JsonArray toJson() {
    return new JsonArray(new ArrayList<>(ops));
  }

  public int baseLength() {
    return baseLength;
  }

  public int targetLength() {
    return targetLength;
  }

  public TextOperation retain(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("retain needs a positive count");
    }
    if (n == 0) {
      return this;
    }
    baseLength += n;
    targetLength += n;
    if (!ops.isEmpty() && isRetain(last())) {
      ops.set(ops.size() - 1, (Integer) last() + n);
    } else {
      ops.add(n);
    }
    return this;
  }

  public TextOperation insert(String s) {
    if (s.isEmpty()) {
      return this;
    }
    targetLength += s.length();
    if (!ops.isEmpty() && last() instanceof String previous) {
      ops.set(ops.size() - 1, previous + s);
    } else if (!ops.isEmpty() && isDelete(last())) {
      // an insert next to a delete always comes first, so equal edits have one form
      if (ops.size() > 1 && ops.get(ops.size() - 2) instanceof String previous) {
        ops.set(ops.size() - 2, previous + s);
      } else {
        ops.add(ops.size() - 1, s);
      }
    } else {
      ops.add(s);
    }
    return this;
  }

  public TextOperation delete(int n) {
    n = Math.abs(n);
    if (n == 0) {
      return this;
    }
    baseLength += n;
    if (!ops.isEmpty() && isDelete(last())) {
      ops.set(ops.size() - 1, (Integer) last() - n);
    } else {
      ops.add(-n);
    }
    return this;
  }

  /** The text after this edit; refused when the text is not as long as the edit expects. */
  public String apply(String text) {
    if (text.length() != baseLength) {
      throw new IllegalArgumentException("the edit expects a text of " + baseLength + " characters, not " + text.length());
    }
    StringBuilder out = new StringBuilder(targetLength);
    int at = 0;
    for (Object op : ops) {
      if (op instanceof String s) {
        out.append(s);
      } else if (isRetain(op)) {
        out.append(text, at, at + (Integer) op);
        at += (Integer) op;
      } else {
        at -= (Integer) op;
      }
    }
    return out.toString();
  }

  /** One edit with the effect of this one followed by {@code next}. */
  public TextOperation compose(TextOperation next) {
    if (targetLength != next.baseLength) {
      throw new IllegalArgumentException("the second edit must start where the first one ends");
    }
    TextOperation out = new TextOperation();
    Walk a = new Walk(ops);
    Walk b = new Walk(next.ops);
    while (a.op != null || b.op != null) {
      if (isDelete(a.op)) {
        out.delete((Integer) a.op);
        a.next();
      } else if (b.op instanceof String s) {
        out.insert(s);
        b.next();
      } else if (a.op == null || b.op == null) {
        throw new IllegalArgumentException("the edits do not cover the same text");
      } else if (isRetain(a.op) && isRetain(b.op)) {
        out.retain(Math.min((Integer) a.op, (Integer) b.op));
        consumeBoth(a, b, Math.min((Integer) a.op, (Integer) b.op));
      } else if (a.op instanceof String s && isDelete(b.op)) {
        consumeBoth(a, b, Math.min(s.length(), -(Integer) b.op));
      } else if (a.op instanceof String s && isRetain(b.op)) {
        int n = Math.min(s.length(), (Integer) b.op);
        out.insert(s.substring(0, n));
        consumeBoth(a, b, n);
      } else {
        int n = Math.min((Integer) a.op, -(Integer) b.op);
        out.delete(n);
        consumeBoth(a, b, n);
      }
    }
    return out;
  }

  /**
   * The pair {@code [a', b']} for edits {@code a} and {@code b} made on the same text: {@code a} then {@code b'}
   * equals {@code b} then {@code a'}. When both insert at one place, {@code a}'s text comes first.
   */
  public static TextOperation[] transform(TextOperation a, TextOperation b) {
    if (a.baseLength != b.baseLength) {
      throw new IllegalArgumentException("concurrent edits must start from texts of the same length");
    }
    TextOperation aPrime = new TextOperation();
    TextOperation bPrime = new TextOperation();
    Walk x = new Walk(a.ops);
    Walk y = new Walk(b.ops);
    while (x.op != null || y.op != null) {
      if (x.op instanceof String s) {
        aPrime.insert(s);
        bPrime.retain(s.length());
        x.next();
      } else if (y.op instanceof String s) {
        aPrime.retain(s.length());
        bPrime.insert(s);
        y.next();
      } else if (x.op == null || y.op == null) {
        throw new IllegalArgumentException("the edits do not cover the same text");
      } else {
        int lx = Math.abs((Integer) x.op);
        int ly = Math.abs((Integer) y.op);
        int n = Math.min(lx, ly);
        if (isRetain(x.op) && isRetain(y.op)) {
          aPrime.retain(n);
          bPrime.retain(n);
        } else if (isDelete(x.op) && isRetain(y.op)) {
          aPrime.delete(n);
        } else if (isRetain(x.op) && isDelete(y.op)) {
          bPrime.delete(n);
        }
        consumeBoth(x, y, n);
      }
    }
    return new TextOperation[] {aPrime, bPrime};
  }

  /** Consumes {@code n} characters from the current parts of both walks. */
  private static void consumeBoth(Walk a, Walk b, int n) {
    a.consume(n);
    b.consume(n);
  }

  private Object last() {
    return ops.get(ops.size() - 1);
  }

  private static boolean isRetain(Object op) {
    return op instanceof Integer n && n > 0;
  }

  private static boolean isDelete(Object op) {
    return op instanceof Integer n && n < 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextOperation o && ops.equals(o.ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }

  /** A cursor over an operation's parts, where a part may be partly consumed. */
  private static final class Walk {
    private final List<Object> ops;
    private int index;
    Object op;

    Walk(List<Object> ops) {
      this.ops = ops;
      next();
    }

    void next() {
      op = index < ops.size() ? ops.get(index++) : null;
    }

    void consume(int n) {
      if (op instanceof String s) {
        op = s.length() > n ? s.substring(n) : null;
      } else {
        int value = (Integer) op;
        int left = Math.abs(value) - n;
        op = left > 0 ? (value > 0 ? left : -left) : null;
      }
      if (op == null) {
        next();
      }
    }
  }
}
