package com.medcontracthub.launcher;

import io.vertx.core.buffer.Buffer;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A page of typed lines, as a PNG a user would scan: text only OCR can read. */
final class ScannedPage {

  private ScannedPage() {
  }

  static Buffer png(String... lines) throws IOException {
    int height = 130 + 100 * lines.length;
    BufferedImage page = new BufferedImage(2000, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2000, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], 100, 170 + 100 * i);
    }
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(page, "png", png);
    return Buffer.buffer(png.toByteArray());
  }
}
