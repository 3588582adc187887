package com.medcontracthub.ocr.extract;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Letter pages at 300 dpi with known text, as a scanner would give them: clean, or noisy and slightly skewed. */
final class Pages {

  static final int WIDTH = 2550;
  static final int HEIGHT = 3300;
  private static final int MARGIN = 250;

  private Pages() {
  }

  /** The text laid out in 12-point serif lines, 1 inch margins. */
  static BufferedImage clean(String text) {
    BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
      FontMetrics metrics = g.getFontMetrics();
      int y = MARGIN + metrics.getAscent();
      for (String line : lines(text, metrics, WIDTH - 2 * MARGIN)) {
        g.drawString(line, MARGIN, y);
        y += (int) (metrics.getHeight() * 1.2);
      }
    } finally {
      g.dispose();
    }
    return page;
  }

  /** The clean page turned by {@code degrees} and sprinkled with one dark speck in {@code 1 / noise} pixels. */
  static BufferedImage scanned(String text, double degrees, int noise, long seed) {
    BufferedImage clean = clean(text);
    BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(clean, AffineTransform.getRotateInstance(Math.toRadians(degrees), WIDTH / 2.0, HEIGHT / 2.0), null);
    } finally {
      g.dispose();
    }
    Random random = new Random(seed);
    for (int i = 0; i < WIDTH * HEIGHT / noise; i++) {
      page.getRaster().setSample(random.nextInt(WIDTH), random.nextInt(HEIGHT), 0, random.nextInt(96));
    }
    return page;
  }

  private static List<String> lines(String text, FontMetrics metrics, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String longer = line.isEmpty() ? word : line + " " + word;
      if (metrics.stringWidth(longer) > width && !line.isEmpty()) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(longer);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** 1 minus the edit distance between the texts (whitespace runs as one space) over the expected text's length. */
  static double characterAccuracy(String expected, String actual) {
    String a = expected.replaceAll("\\s+", " ").strip();
    String b = actual.replaceAll("\\s+", " ").strip();
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return 1 - (double) previous[b.length()] / a.length();
  }
}
