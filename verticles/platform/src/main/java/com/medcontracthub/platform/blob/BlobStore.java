package com.medcontracthub.platform.blob;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Content-addressed storage of files (DESIGN §6): a blob is named by the SHA-256 of its bytes, so storing the same file
 * twice keeps one copy and a name always means the same content. Uploads stream in as they arrive, hashed and counted
 * on the way, and are refused as soon as they pass their size limit. Kept on a file system shared by every JVM
 * ({@code blobs.dir}); the operations are those an S3-compatible object store offers too (a streamed put, a ranged
 * get, a get), so one can stand in for it without changing a caller.
 */
public interface BlobStore {

  /** The store {@code blobs.*} configures. */
  static BlobStore of(Vertx vertx, MchConfig config) {
    return new FileBlobStore(vertx, config.blobs().dir());
  }

  /** A stored blob: its SHA-256 (hex) and size. */
  record Blob(String sha256, long bytes) {
  }

  /** The limit was passed; nothing was kept. */
  final class TooLargeException extends RuntimeException {
    public TooLargeException(long maxBytes) {
      super("larger than " + maxBytes + " bytes");
    }
  }

  /** Its first bytes were refused ({@link Head}); nothing was kept. */
  final class RefusedException extends RuntimeException {
    public RefusedException() {
      super("its first bytes were refused", null, false, false);
    }
  }

  /**
   * What a body's first {@code bytes} bytes must pass for it to be kept (a file's type, told by its first bytes): a body
   * refused is not read further and leaves nothing behind. A body shorter than that is checked whole.
   */
  record Head(int bytes, Predicate<Buffer> accepts) {
    public static final Head ANY = new Head(0, head -> true);
  }

  /** Streams {@code body} (paused or not yet flowing) into the store; fails with {@link TooLargeException}. */
  default Future<Blob> receive(ReadStream<Buffer> body, long maxBytes) {
    return receive(body, maxBytes, Head.ANY);
  }

  /** As {@link #receive(ReadStream, long)}, kept only when its first bytes pass {@code head}: else {@link RefusedException}. */
  Future<Blob> receive(ReadStream<Buffer> body, long maxBytes, Head head);

  /** Stores bytes made in memory (a generated file), as an upload is stored; hashed on a worker thread. */
  Future<Blob> store(Buffer bytes);

  /** The first {@code n} bytes of a blob (fewer when it is shorter): what a file's type is told by. */
  Future<Buffer> head(String sha256, int n);

  /** A blob's bytes, when it holds at most {@code maxBytes}; fails with {@link TooLargeException} otherwise. */
  Future<Buffer> read(String sha256, long maxBytes);

  /** Sends a blob as the body of an HTTP response, streamed (the caller sets the headers). */
  Future<Void> send(String sha256, HttpServerResponse response);

  /**
   * Lends the blob as a local file to a reader that needs one (PDFBox, the import's parser) for as long as {@code use}
   * runs: the file itself when the store is a file system; an object store would download a copy and remove it after.
   */
  <T> Future<T> withLocalFile(String sha256, Function<Path, Future<T>> use);
}
