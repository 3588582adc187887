package com.medcontracthub.ocr.extract;

import java.time.Duration;

/**
 * What one document may cost: its pages, the pixels of one page as read (a PDF page at {@link TextExtraction#DPI}, an
 * image as it is), Tesseract's time on one page, and the time of the whole document (checked between pages). Past
 * them the document fails with the reason, as a hostile one (a page of a square kilometre, a TIFF that claims a
 * million pages) would otherwise take the service down.
 */
public record ExtractionLimits(int maxPages, long maxPixels, Duration pageTimeout, Duration documentTimeout) {

  public ExtractionLimits {
    if (maxPages < 1 || maxPixels < 1 || pageTimeout.isNegative() || pageTimeout.isZero() || documentTimeout.isNegative()
        || documentTimeout.isZero()) {
      throw new IllegalArgumentException("extraction limits must be positive");
    }
  }
}
