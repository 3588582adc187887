package com.medcontracthub.opportunities.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links an alert e-mail carries into the browser client, under the product's web address. */
final class WebLinks {

  private WebLinks() {
  }

  /** The client's page of one opportunity. */
  static String opportunity(String baseUrl, String noticeId) {
    return baseUrl + "/#/opportunities/" + encode(noticeId);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
