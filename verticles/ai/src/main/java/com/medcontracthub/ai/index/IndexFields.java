package com.medcontracthub.ai.index;

/** The fields both stores keep of a notice and of a passage, by the same names. */
final class IndexFields {

  static final String TITLE = "title";
  /** The text searched by words: the title, then the description. */
  static final String BODY = "body";
  static final String DESCRIPTION = "description";
  static final String AGENCY = "agency";
  static final String SET_ASIDE = "setAside";
  static final String NAICS = "naics";
  /** The response deadline. */
  static final String DUE = "due";
  static final String FILE_NAME = "fileName";
  static final String PAGE = "page";
  /** A passage's place among its document's. */
  static final String NUMBER = "number";
  static final String PASSAGE = "passage";

  private IndexFields() {
  }
}
