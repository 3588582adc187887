package com.medcontracthub.opportunities.store;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The bound parameters of a statement being built: each value becomes {@code $n}, never spliced text. */
final class SqlParameters {

  private final List<Object> values = new ArrayList<>();

  String bind(Object value) {
    values.add(value);
    return "$" + values.size();
  }

  int size() {
    return values.size();
  }

  Tuple tuple() {
    return Tuple.wrap(new ArrayList<>(values));
  }
}
