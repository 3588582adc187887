package com.medcontracthub.platform.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The file blob store")
class FileBlobStoreTest {

  /** Bodies that start with "%PDF-", as a PDF does. */
  private static final BlobStore.Head PDF = new BlobStore.Head(5, head -> head.toString().equals("%PDF-"));

  @TempDir
  Path dir;

  @Test
  @DisplayName("keeps a body whose first bytes pass under its SHA-256, once for the same bytes")
  void keeps(Vertx vertx, VertxTestContext ctx) throws Exception {
    BlobStore blobs = new FileBlobStore(vertx, dir.resolve("blobs"));
    Path upload = file("%PDF-1.7 the rest of the file");
    receive(vertx, blobs, upload, PDF)
        .compose(first -> receive(vertx, blobs, upload, PDF).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(Files.readAllBytes(upload)));
          long size = Files.size(upload);
          assertEquals(List.of(new BlobStore.Blob(sha, size), new BlobStore.Blob(sha, size)), both);
          assertEquals(List.of(sha), stored(), "stored once, nothing left in incoming/");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a body whose first bytes fail, long or shorter than the head, and keeps nothing of it")
  void refuses(Vertx vertx, VertxTestContext ctx) throws Exception {
    BlobStore blobs = new FileBlobStore(vertx, dir.resolve("blobs"));
    Path text = file("just some text, not a PDF at all");
    Path shortOfAHead = file("%PD");
    receive(vertx, blobs, text, PDF)
        .transform(longer -> receive(vertx, blobs, shortOfAHead, PDF).transform(shorter -> Future.succeededFuture(
            List.of(longer.cause(), shorter.cause()))))
        .onComplete(ctx.succeeding(causes -> ctx.verify(() -> {
          causes.forEach(cause -> assertInstanceOf(BlobStore.RefusedException.class, cause));
          assertEquals(List.of(), stored());
          ctx.completeNow();
        })));
  }

  private Path file(String content) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "upload", ".bin"), content);
  }

  private static Future<BlobStore.Blob> receive(Vertx vertx, BlobStore blobs, Path file, BlobStore.Head head) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .compose(body -> blobs.receive(body, 1_000, head).eventually(body::close));
  }

  /** The files in the store, partial ones included. */
  private List<String> stored() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }
}
