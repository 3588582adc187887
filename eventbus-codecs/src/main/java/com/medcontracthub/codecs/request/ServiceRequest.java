package com.medcontracthub.codecs.request;

/**
 * The body of a request an edge sends to a service's address. From the gateway, for an HTTP request:
 * {@code {"method", "query": {name: [values]}, "path": {name: value}, "headers": {name: value}, "body": {…},
 * "principal": {@link Principal}}}. From a bridge, for a socket, to the collaboration services ({@code comments.add},
 * {@code notes.load}, {@code notes.edit}): the {@link #PRINCIPAL}, the notice the channel is about, and what the
 * client's body gave (a comment's text; a notes edit's base version, operations and id). The correlation id travels
 * as a message header, and a reply's HTTP status as {@link com.medcontracthub.codecs.Headers#HTTP_STATUS}.
 */
public final class ServiceRequest {

  /** The HTTP method, for routes of a declarative file. */
  public static final String METHOD = "method";
  /** The query string: each name with the list of its values. */
  public static final String QUERY = "query";
  /** The path's named parameters. */
  public static final String PATH = "path";
  /** The request headers a declarative route passes on (lower-case names). */
  public static final String HEADERS = "headers";
  /** The JSON body. */
  public static final String BODY = "body";
  /** Who is asking ({@link Principal#toJson()}), when a login let the request in. */
  public static final String PRINCIPAL = "principal";

  /** From a bridge: the notice, a comment's text, a notes edit's base version, operations and id. */
  public static final String OPPORTUNITY_ID = "opportunityId";
  public static final String TEXT = "text";
  public static final String VERSION = "version";
  public static final String OPS = "ops";
  public static final String OP_ID = "opId";

  private ServiceRequest() {
  }
}
