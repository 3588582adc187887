package com.medcontracthub.codecs.request;

/**
 * What the bridge asks the collaboration services for a socket ({@code comments.add}, {@code notes.load},
 * {@code notes.edit}): the socket's {@link ServiceRequest#PRINCIPAL}, the notice the channel is about, and what the
 * client's body gave — a comment's text, or a notes edit's base version, operations and id.
 */
public final class CollaborationRequest {

  public static final String OPPORTUNITY_ID = "opportunityId";
  public static final String TEXT = "text";
  public static final String VERSION = "version";
  public static final String OPS = "ops";
  public static final String OP_ID = "opId";

  private CollaborationRequest() {
  }
}
