package com.medcontracthub.platform.blob;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The blob store on a file system: each blob a file named by its SHA-256 in one directory, written under a partial
 * name in {@code incoming/} and moved into place once complete. Every JVM that reads a blob must see the same
 * directory (a shared volume in production).
 */
final class FileBlobStore implements BlobStore {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Vertx vertx;
  private final Path dir;

  FileBlobStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  @Override
  public Future<Blob> receive(ReadStream<Buffer> body, long maxBytes, Head head) {
    body.pause();
    return through(partial -> vertx.fileSystem().open(partial, new OpenOptions().setCreateNew(true).setWrite(true))
        .compose(file -> copy(body, file, maxBytes, head).eventually(file::close)));
  }

  @Override
  public Future<Blob> store(Buffer bytes) {
    return vertx.executeBlocking(() -> new Blob(HexFormat.of().formatHex(sha256().digest(bytes.getBytes())),
            bytes.length()), false)
        .compose(blob -> through(partial -> vertx.fileSystem().writeFile(partial, bytes).map(blob)));
  }

  /** A blob written to a partial file in {@code incoming/} and kept under its name once complete. */
  private Future<Blob> through(Function<String, Future<Blob>> write) {
    Path incoming = dir.resolve("incoming");
    String partial = incoming.resolve(UUID.randomUUID() + ".part").toString();
    return vertx.fileSystem().mkdirs(incoming.toString())
        .compose(v -> write.apply(partial))
        .compose(blob -> keep(partial, blob))
        .onFailure(e -> vertx.fileSystem().delete(partial));
  }

  @Override
  public Future<Buffer> head(String sha256, int n) {
    return vertx.fileSystem().open(path(sha256).toString(), new OpenOptions().setRead(true))
        .compose(file -> file.read(Buffer.buffer(n), 0, 0, n).eventually(file::close));
  }

  @Override
  public Future<Buffer> read(String sha256, long maxBytes) {
    String file = path(sha256).toString();
    return vertx.fileSystem().props(file).compose(props -> props.size() > maxBytes
        ? Future.failedFuture(new TooLargeException(maxBytes)) : vertx.fileSystem().readFile(file));
  }

  private Future<Blob> copy(ReadStream<Buffer> body, AsyncFile file, long maxBytes, Head check) {
    Promise<Blob> done = Promise.promise();
    MessageDigest sha = sha256();
    long[] size = {0};
    Buffer head = Buffer.buffer(check.bytes());
    body.handler(chunk -> {
      size[0] += chunk.length();
      if (size[0] > maxBytes) {
        body.pause();
        done.tryFail(new TooLargeException(maxBytes));
        return;
      }
      if (head.length() < check.bytes()) {
        head.appendBuffer(chunk, 0, Math.min(chunk.length(), check.bytes() - head.length()));
        if (head.length() >= check.bytes() && !check.accepts().test(head)) {
          body.pause();
          done.tryFail(new RefusedException());
          return;
        }
      }
      sha.update(chunk.getBytes());
      file.write(chunk);
      if (file.writeQueueFull()) {
        body.pause();
        file.drainHandler(v -> body.resume());
      }
    });
    body.exceptionHandler(done::tryFail);
    file.exceptionHandler(done::tryFail);
    body.endHandler(v -> {
      if (head.length() < check.bytes() && !check.accepts().test(head)) {
        done.tryFail(new RefusedException());
      } else {
        done.tryComplete(new Blob(HexFormat.of().formatHex(sha.digest()), size[0]));
      }
    });
    body.resume();
    return done.future();
  }

  private Future<Blob> keep(String partial, Blob blob) {
    String target = path(blob.sha256()).toString();
    return vertx.fileSystem().exists(target).compose(exists -> exists
        ? vertx.fileSystem().delete(partial)
        : vertx.fileSystem().move(partial, target, new CopyOptions().setAtomicMove(true)))
        .map(blob);
  }

  @Override
  public Future<Void> send(String sha256, HttpServerResponse response) {
    return named(sha256).compose(file -> response.sendFile(file.toString()));
  }

  /** The blob's own file: nothing to copy, nothing to remove after. */
  @Override
  public <T> Future<T> withLocalFile(String sha256, Function<Path, Future<T>> use) {
    return named(sha256).compose(use);
  }

  private Future<Path> named(String sha256) {
    try {
      return Future.succeededFuture(path(sha256));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  /** Where the blob named {@code sha256} lives; a name that is not a SHA-256 is refused. */
  private Path path(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a blob name: " + sha256);
    }
    return dir.resolve(sha256);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
