package com.medcontracthub.worker.mail;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Sends one e-mail from a template ({@link EmailJob}). Idempotent by job id: once the SMTP server has accepted the
 * message, a marker in Redis says so, and a job run again (its worker died before its completion was recorded) does
 * not send it twice. A worker dying between the server's acceptance and the marker sends it again: the one window
 * where at-least-once shows. The message id is the job's, so a mail client can drop such a duplicate.
 */
public final class MailJob implements JobHandler {

  static final long SENT_MARKER_SECONDS = 7 * 24 * 3600;
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>]{1,64}@[^\\s@<>]{1,253}");

  private final MailClient client;
  private final MailTemplates templates;
  private final RedisLine redis;
  private final String markerPrefix;
  private final String from;
  private final long timeoutMs;

  public MailJob(MailClient client, MailTemplates templates, RedisLine redis, String jobsPrefix, String from,
      long timeoutMs) {
    this.client = client;
    this.templates = templates;
    this.redis = redis;
    this.markerPrefix = jobsPrefix + ":sent:";
    this.from = from;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<JsonObject> run(RunningJob job) {
    String to = job.data().getValue(EmailJob.TO) instanceof String s ? s.strip() : null;
    if (to == null || !ADDRESS.matcher(to).matches()) {
      return Future.failedFuture(new JobFailure("'" + EmailJob.TO + "' must be one e-mail address, not "
          + job.data().getValue(EmailJob.TO)));
    }
    JsonObject model = job.data().getValue(EmailJob.MODEL) instanceof JsonObject m ? m : new JsonObject();
    MailTemplates.Rendered message = templates.render(job.data().getString(EmailJob.TEMPLATE, ""), model);
    String marker = markerPrefix + job.id();
    String messageId = "<" + job.id() + "@medcontracthub>";
    JsonObject answer = new JsonObject().put(EmailJob.TO, to).put("messageId", messageId);
    return redis.send(Request.cmd(Command.EXISTS).arg(marker)).compose(sent -> sent.toInteger() == 1
        ? Future.succeededFuture(answer.put("sentBefore", true))
        : send(new MailMessage().setFrom(from).setTo(to).setSubject(message.subject()).setText(message.text())
                .addHeader("Message-ID", messageId))
            .compose(result -> redis.send(Request.cmd(Command.SET).arg(marker).arg(1).arg("EX").arg(SENT_MARKER_SECONDS)))
            .map(marked -> answer.put("sentBefore", false)));
  }

  private Future<MailResult> send(MailMessage message) {
    return client.sendMail(message).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
