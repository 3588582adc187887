package com.medcontracthub.documents.upload;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** A document's type as its first bytes say, whatever the upload declared: the four kinds whose text is read. */
public final class MediaTypes {

  /** How many first bytes tell the type. */
  public static final int HEAD_BYTES = 8;

  private MediaTypes() {
  }

  public static Optional<String> of(Buffer head) {
    if (starts(head, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return Optional.of("application/pdf");
    }
    if (starts(head, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("image/png");
    }
    if (starts(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("image/jpeg");
    }
    if (starts(head, 0x49, 0x49, 0x2A, 0x00) || starts(head, 0x4D, 0x4D, 0x00, 0x2A)) {
      return Optional.of("image/tiff");
    }
    return Optional.empty();
  }

  private static boolean starts(Buffer head, int... bytes) {
    if (head.length() < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head.getByte(i) & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }
}
