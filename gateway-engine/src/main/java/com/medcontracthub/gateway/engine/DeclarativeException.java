package com.medcontracthub.gateway.engine;

/** The declarative file is wrong; the message starts with the path of the offending value in the file. */
public final class DeclarativeException extends RuntimeException {

  public DeclarativeException(String path, String problem) {
    super(path + ": " + problem);
  }
}
