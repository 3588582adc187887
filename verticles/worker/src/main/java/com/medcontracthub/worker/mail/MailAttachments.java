package com.medcontracthub.worker.mail;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files an e-mail job attaches ({@link EmailJob#ATTACHMENTS}), read from the blob store, at most
 * {@value EmailJob#MAX_ATTACHMENT_BYTES} bytes in all. Only the product's own jobs attach files: a job a tenant's user
 * started could otherwise name any blob of the store.
 */
final class MailAttachments {

  private static final Pattern NAME = Pattern.compile("[\\w][\\w .-]{0,199}");
  private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]{1,100}");

  private final BlobStore blobs;

  MailAttachments(BlobStore blobs) {
    this.blobs = blobs;
  }

  /** The job's attachments; bad ones fail it for good, a blob that cannot be read now fails this attempt. */
  Future<List<MailAttachment>> read(RunningJob job) {
    Object value = job.data().getValue(EmailJob.ATTACHMENTS);
    if (value == null) {
      return Future.succeededFuture(List.of());
    }
    if (job.tenant() != null) {
      throw new JobFailure("'" + EmailJob.ATTACHMENTS + "' are for the product's own e-mails, not a tenant's jobs");
    }
    if (!(value instanceof JsonArray files) || !files.stream().allMatch(MailAttachments::valid)) {
      throw new JobFailure("'" + EmailJob.ATTACHMENTS + "' must be a list of {\"" + EmailJob.BLOB + "\": <sha-256>, \""
          + EmailJob.NAME + "\": <file name>, \"" + EmailJob.CONTENT_TYPE + "\": <type/subtype>}");
    }
    return read(files, 0, EmailJob.MAX_ATTACHMENT_BYTES, new ArrayList<>());
  }

  private Future<List<MailAttachment>> read(JsonArray files, int index, long budget, List<MailAttachment> read) {
    if (index == files.size()) {
      return Future.succeededFuture(read);
    }
    JsonObject file = files.getJsonObject(index);
    return blobs.read(file.getString(EmailJob.BLOB), budget)
        .recover(e -> Future.failedFuture(e instanceof BlobStore.TooLargeException
            ? new JobFailure("attachments larger than " + EmailJob.MAX_ATTACHMENT_BYTES + " bytes in all") : e))
        .compose(data -> {
          read.add(MailAttachment.create().setData(data).setName(file.getString(EmailJob.NAME))
              .setContentType(file.getString(EmailJob.CONTENT_TYPE)).setDisposition("attachment"));
          return read(files, index + 1, budget - data.length(), read);
        });
  }

  private static boolean valid(Object entry) {
    return entry instanceof JsonObject file && file.getValue(EmailJob.BLOB) instanceof String blob
        && blob.matches("[0-9a-f]{64}") && file.getValue(EmailJob.NAME) instanceof String name
        && NAME.matcher(name).matches() && file.getValue(EmailJob.CONTENT_TYPE) instanceof String type
        && CONTENT_TYPE.matcher(type).matches();
  }
}
