package com.medcontracthub.codecs.request;

/**
 * The body of a request the gateway sends to a service's address for an HTTP request:
 * {@code {"method", "query": {name: [values]}, "path": {name: value}, "headers": {name: value}, "body": {…},
 * "principal": {@link Principal}}}. The correlation id travels as a message header, and a reply's HTTP status as
 * {@link com.medcontracthub.codecs.Headers#HTTP_STATUS}. The bridges' requests carry the same {@link #PRINCIPAL} with
 * the fields of a {@link CollaborationRequest}.
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

  private ServiceRequest() {
  }
}
