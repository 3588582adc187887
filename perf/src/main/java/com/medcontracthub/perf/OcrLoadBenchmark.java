package com.medcontracthub.perf;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.documents.DocumentSagaVerticle;
import com.medcontracthub.documents.DocumentsVerticle;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.ocr.OcrVerticle;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The OCR service under load: letter pages at 300 dpi (about 180 words each, scanned as PNG) uploaded at once, through
 * the whole pipeline (the documents service records each and writes its upload to Kafka through the outbox, the OCR
 * service reads it and tells Kafka, the documents service records the text), with the engine pool at 1 and 2; then
 * Debian's {@code tesseract} command on the same files, one and two processes at a time, as the ceiling (installed
 * with apt-get when missing; {@code OMP_THREAD_LIMIT=1}, one core a process, as an engine has).
 *
 * <p>Usage: {@code OcrLoadBenchmark [pages]}. Prints pages a minute and the time from upload to text (p50, p99) for
 * each pool size, the command's pages a minute at the same parallelism, and the ratio.
 */
public final class OcrLoadBenchmark {

  private static final String ENDS = "perf.document-ends";

  private static final String TEXT = """
      The Department of Veterans Affairs intends to award a firm fixed price contract for nitrile examination gloves,
      powder free, in sizes small through extra large, packed 100 per box and 10 boxes per case. Offerors shall deliver
      to the VA Medical Center warehouse within 30 days after receipt of order. Quotes are due by 2:00 PM Eastern on
      January 15, 2027. This requirement is set aside for service-disabled veteran-owned small businesses under NAICS
      code 339113, size standard 800 employees. Questions must be sent to the contracting officer by e-mail no later
      than January 5, 2027. Include the solicitation number in the subject line of every message. Line item 0001,
      small, 500 cases. Line item 0002, medium, 800 cases. Line item 0003, large, 800 cases. Prices include delivery.""";

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path dir = Files.createTempDirectory("ocr-load");
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      Path file = dir.resolve("page-" + i + ".png");
      ImageIO.write(page("Page " + (i + 1) + ". " + TEXT), "png", file.toFile());
      files.add(file);
    }
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    List<String> lines = new ArrayList<>();
    double[] ours = new double[3];
    for (int engines : new int[] {1, 2}) {
      ours[engines] = pipeline(files, engines, lines);
    }
    String tesseract = tesseract();
    for (int parallel : new int[] {1, 2}) {
      double cli = command(tesseract, files, parallel);
      lines.add(String.format(Locale.ROOT, "tesseract command, %d at a time      %7.1f pages/min", parallel, cli));
      lines.add(String.format(Locale.ROOT, "  ratio, MedContractHub / tesseract at %d: %.2f×", parallel,
          ours[parallel] / cli));
    }
    System.out.println();
    lines.forEach(System.out::println);
    System.exit(0);
  }

  /** The pages through the whole pipeline with {@code engines} engines: pages a minute. */
  private static double pipeline(List<Path> files, int engines, List<String> lines) throws Exception {
    Vertx bootstrap = Vertx.vertx();
    MchConfig product = ConfigLoader.load(bootstrap, "cluster", Optional.empty(), TestInfrastructure.environment(),
        Map.of()).await();
    JsonArray inbound = new JsonArray();
    product.tree().getJsonObject("bridge").getJsonArray("inbound").forEach(m -> {
      JsonObject mapping = (JsonObject) m;
      if (Topics.DOCUMENT_EVENTS.equals(mapping.getString("topic"))
          && !Addresses.REALTIME_DOCUMENT_EVENTS.equals(mapping.getString("address"))) {
        inbound.add(mapping);
      }
    });
    // the harness hears each document's end from Kafka, as the tenant's users do through realtime: asking the API for
    // every pending document took a share of the two cores from the pipeline
    inbound.add(new JsonObject().put("topic", Topics.DOCUMENT_EVENTS).put("address", ENDS).put("delivery", "publish")
        .put("format", "avro").put("group", "perf-ocr-load-" + UUID.randomUUID()));
    Path only = Files.createTempFile("ocr-load-", ".yaml");
    Files.writeString(only, new JsonObject().put("bridge", new JsonObject().put("inbound", inbound)
        .put("outbound", product.tree().getJsonObject("bridge").getJsonArray("outbound"))).encode());
    MchConfig config = ConfigLoader.load(bootstrap, "cluster", Optional.of(only), TestInfrastructure.environment(),
        Map.of()).await().with(Map.of(ConfigKeys.OCR_ENGINES, String.valueOf(engines)), "benchmark");
    bootstrap.close().await();
    Vertx vertx = Vertx.vertx();
    EventCodec.registerAll(vertx);
    for (var verticle : List.of(new DocumentsVerticle(config), new DocumentSagaVerticle(config), new OcrVerticle(config),
        new OutboxRelayVerticle(config), new KafkaBridgeVerticle(config))) {
      vertx.deployVerticle(verticle).await();
    }
    BlobStore blobs = BlobStore.of(vertx, config);
    JsonObject user = new Principal(UUID.randomUUID(), UUID.randomUUID(), "member", "load@example.gov").toJson();
    Map<String, Long> uploaded = new ConcurrentHashMap<>();
    Map<String, String> ended = new ConcurrentHashMap<>();
    Latencies toText = new Latencies();
    CountDownLatch allEnded = new CountDownLatch(files.size());
    long[] last = new long[1];
    vertx.eventBus().<Object>consumer(ENDS, m -> {
      if (m.body() instanceof DocumentProcessed end && uploaded.containsKey(end.getDocumentId())
          && ended.putIfAbsent(end.getDocumentId(), end.getState()) == null) {
        last[0] = System.nanoTime();
        toText.recordNanos(last[0] - uploaded.get(end.getDocumentId()));
        allEnded.countDown();
      }
    }).completion().await();
    long began = System.nanoTime();
    for (Path file : files) {
      BlobStore.Blob blob = blobs.store(Buffer.buffer(Files.readAllBytes(file))).await();
      long at = System.nanoTime();
      String id = vertx.eventBus().<JsonObject>request(Addresses.DOCUMENTS_CREATE, new JsonObject().put("principal", user)
              .put("path", new JsonObject().put("id", "ocr-load")).put("body", new JsonObject().put("blob", blob.sha256())
                  .put("bytes", blob.bytes()).put("fileName", file.getFileName().toString()).put("mediaType", "image/png")))
          .await().body().getString("id");
      uploaded.put(id, at);
    }
    if (!allEnded.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException((files.size() - ended.size()) + " documents did not end in 30 minutes");
    }
    long failed = ended.values().stream().filter("failed"::equals).count();
    double minutes = (last[0] - began) / 60e9;
    double perMinute = files.size() / minutes;
    lines.add(String.format(Locale.ROOT, "MedContractHub, %d engine%s              %7.1f pages/min   upload→text p50 %.1f s  "
        + "p99 %.1f s   %d failed", engines, engines == 1 ? " " : "s", perMinute, toText.p(50) / 1000, toText.p(99) / 1000,
        failed));
    vertx.close().await();
    return perMinute;
  }

  /** Debian's tesseract command, installed with apt-get if missing. */
  private static String tesseract() throws Exception {
    Path installed = Path.of("/usr/bin/tesseract");
    if (!Files.isExecutable(installed)) {
      String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo ";
      run(List.of("sh", "-c", sudo + "apt-get install -y -q tesseract-ocr tesseract-ocr-eng >/dev/null"));
    }
    return installed.toString();
  }

  /** The command over the files, {@code parallel} processes at a time: pages a minute. */
  private static double command(String tesseract, List<Path> files, int parallel) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    long began = System.nanoTime();
    List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
    for (Path file : files) {
      runs.add(pool.submit(() -> run(List.of(tesseract, file.toString(), "stdout"))));
    }
    for (java.util.concurrent.Future<Integer> each : runs) {
      if (each.get() != 0) {
        throw new IllegalStateException("tesseract failed");
      }
    }
    pool.shutdown();
    return files.size() / ((System.nanoTime() - began) / 60e9);
  }

  private static int run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    return builder.start().waitFor();
  }

  /** A letter page at 300 dpi with the text in 12-point serif lines. */
  private static BufferedImage page(String text) {
    BufferedImage page = new BufferedImage(2550, 3300, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2550, 3300);
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
    FontMetrics metrics = g.getFontMetrics();
    int y = 250 + metrics.getAscent();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (metrics.stringWidth(line + " " + word) > 2050 && !line.isEmpty()) {
        g.drawString(line.toString(), 250, y);
        y += (int) (metrics.getHeight() * 1.2);
        line = new StringBuilder(word);
      } else {
        line.append(line.isEmpty() ? "" : " ").append(word);
      }
    }
    g.drawString(line.toString(), 250, y);
    g.dispose();
    return page;
  }
}
