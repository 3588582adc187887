package com.medcontracthub.codecs.jobs;

/**
 * An e-mail the worker sends (job type {@value #TYPE} on queue {@value #QUEUE}): to one address, from a named
 * template (the worker's {@code mail/<template>.subject.mustache} and {@code .txt.mustache}) filled with the model.
 */
public final class EmailJob {

  public static final String QUEUE = "email";
  public static final String TYPE = "email.send";
  public static final String TO = "to";
  public static final String TEMPLATE = "template";
  public static final String MODEL = "model";
  /** Optional: the http(s) link that stops such e-mails, sent as {@code List-Unsubscribe} with one-click (RFC 8058). */
  public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
  /**
   * Optional: files to attach, from the blob store: {@code [{"blob": <sha-256>, "name", "contentType"}]}, at most
   * {@value #MAX_ATTACHMENT_BYTES} bytes in all.
   */
  public static final String ATTACHMENTS = "attachments";
  public static final String BLOB = "blob";
  public static final String NAME = "name";
  public static final String CONTENT_TYPE = "contentType";
  public static final long MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

  private EmailJob() {
  }
}
