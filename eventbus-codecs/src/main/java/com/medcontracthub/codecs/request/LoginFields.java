package com.medcontracthub.codecs.request;

/**
 * The fields of the identity service's login and token-check exchanges. A login ({@code identity.login}) sends
 * {@link #EMAIL}, {@link #PASSWORD} and {@link #IP}, and is answered with the user's {@link Principal} fields plus
 * {@link #TOKEN_VERSION}, the version a token of this user must carry; a check ({@code identity.check}) sends
 * {@link Principal#USER_ID} and {@link #TOKEN_VERSION} and is answered with the {@link Principal}.
 */
public final class LoginFields {

  public static final String EMAIL = "email";
  public static final String PASSWORD = "password";
  /** The caller's address, for throttling repeated failures. */
  public static final String IP = "ip";
  public static final String TOKEN_VERSION = "tokenVersion";

  private LoginFields() {
  }
}
