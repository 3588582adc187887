package com.medcontracthub.embedded;

/** One piece of embedded infrastructure: started once, closed once, reachable at {@link #address()}. */
interface EmbeddedComponent extends AutoCloseable {

  String name();

  /** Blocks until the component accepts connections; nothing when it runs already. */
  void start() throws Exception;

  /** {@code host:port} clients connect to. */
  String address();

  @Override
  void close() throws Exception;
}
