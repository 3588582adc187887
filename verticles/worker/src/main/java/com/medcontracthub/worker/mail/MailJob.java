package com.medcontracthub.worker.mail;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.Postponed;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.resilience.Breaker;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one e-mail from a template ({@link EmailJob}), once per job id as far as it can know: before sending, an
 * attempt claims the message in Redis (for as long as a send may take); once the SMTP server has accepted it the claim
 * becomes a mark kept a week, so an attempt run again (its worker died before its completion was recorded) does not
 * send it twice. A later attempt takes over the claim of an earlier one (whose worker stopped renewing its lease); an
 * attempt that finds one as recent sending fails and is retried. A send that fails gives its claim up. What still sends twice: a worker dying, or a send timing out, after the server
 * accepted the message and before the mark; the message id is the job's, so a mail client can drop such a duplicate.
 */
public final class MailJob implements JobHandler {

  static final long SENT_MARKER_SECONDS = 7 * 24 * 3600;
  private static final long CLAIM_MARGIN_MS = 5_000;
  private static final String CLAIMED = "claimed";
  private static final String SENT = "sent";
  /**
   * Claims the message for an attempt, unless it was sent, or an attempt as recent is sending it: the claim of an
   * earlier attempt is taken over (its job ran again because that attempt's worker stopped renewing its lease).
   */
  private static final RedisScript CLAIM = new RedisScript("""
      local mark = redis.call('GET', KEYS[1])
      if mark == 'sent' then return 'sent' end
      local claimedBy = mark and tonumber(string.match(mark, '^sending:(%d+)$')) or 0
      if mark and claimedBy >= tonumber(ARGV[1]) then return 'busy' end
      redis.call('SET', KEYS[1], 'sending:' .. ARGV[1], 'PX', ARGV[2])
      return 'claimed'
      """);
  private static final Logger LOG = LoggerFactory.getLogger(MailJob.class);
  private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s<>]{1,2000}");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>]{1,64}@[^\\s@<>]{1,253}");

  private final MailClient client;
  private final Breaker breaker;
  private final MailTemplates templates;
  private final MailAttachments attachments;
  private final RedisLine redis;
  private final String markerPrefix;
  private final String from;
  private final long timeoutMs;

  /**
   * {@code breaker}: the mail server's; while it is open the job is postponed until it may close, the attempt not
   * counted, so an outage of the mail server loses no e-mail.
   */
  public MailJob(MailClient client, Breaker breaker, MailTemplates templates, BlobStore blobs, RedisLine redis,
      String jobsPrefix, String from, long timeoutMs) {
    this.client = client;
    this.breaker = breaker;
    this.templates = templates;
    this.attachments = new MailAttachments(blobs);
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
    String messageId = "<" + Base64.getUrlEncoder().withoutPadding().encodeToString(job.id().getBytes(StandardCharsets.UTF_8))
        + "@medcontracthub>";
    JsonObject answer = new JsonObject().put(EmailJob.TO, to).put("messageId", messageId);
    MailMessage mail = unsubscribable(job.data(), new MailMessage().setFrom(from).setTo(to)
        .setSubject(message.subject()).setText(message.text()).addHeader("Message-ID", messageId));
    return attachments.read(job).map(mail::setAttachment)
        .compose(attached -> CLAIM.run(redis, List.of(marker), List.of(job.attempt(), timeoutMs + CLAIM_MARGIN_MS)))
        .compose(claim -> switch (claim.toString()) {
          case CLAIMED -> sendClaimed(marker, answer, mail);
          case SENT -> Future.succeededFuture(answer.put("sentBefore", true));
          default -> Future.failedFuture("another attempt of this job is sending its e-mail");
        });
  }

  /** With its unsubscribe link, a mail client shows its own button and one click stops such e-mails (RFC 8058). */
  private static MailMessage unsubscribable(JsonObject data, MailMessage message) {
    Object link = data.getValue(EmailJob.UNSUBSCRIBE_URL);
    if (link == null) {
      return message;
    }
    if (!(link instanceof String url) || !WEB_LINK.matcher(url).matches()) {
      throw new JobFailure("'" + EmailJob.UNSUBSCRIBE_URL + "' must be one http(s) link, not " + link);
    }
    return message.addHeader("List-Unsubscribe", "<" + url + ">")
        .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }

  private Future<JsonObject> sendClaimed(String marker, JsonObject answer, MailMessage message) {
    return send(message)
        .recover(e -> redis.send(Request.cmd(Command.DEL).arg(marker)).transform(released -> Future.failedFuture(e)))
        .compose(sent -> redis.send(Request.cmd(Command.SET).arg(marker).arg(SENT).arg("EX").arg(SENT_MARKER_SECONDS))
            // the message is out: a mark that cannot be written costs at most a duplicate, never the job
            .otherwise(e -> {
              LOG.warn("e-mail {} sent but not marked sent: {}", answer.getString("messageId"), e.getMessage());
              return null;
            }))
        .map(marked -> answer.put("sentBefore", false));
  }

  private Future<MailResult> send(MailMessage message) {
    return breaker.call(() -> client.sendMail(message).timeout(timeoutMs, TimeUnit.MILLISECONDS))
        .recover(e -> Future.failedFuture(e instanceof Breaker.DependencyUnavailable out
            // jittered: the jobs postponed together do not all come back to one half-open trial
            ? new Postponed(out.getMessage(),
                out.retryInMs() + ThreadLocalRandom.current().nextLong(out.retryInMs() / 2 + 1))
            : refusedForGood(e) ? new JobFailure("the mail server refused the message: " + e.getMessage()) : e));
  }

  /**
   * Whether the server refused this message for good (550-553: no such mailbox, not allowed, too large, a bad
   * address): sending it again would be refused again. A server refusing every message (a failed login, a greeting
   * refused) answers other codes.
   */
  public static boolean refusedForGood(Throwable e) {
    return e instanceof SMTPException refused && refused.getReplyCode() >= 550 && refused.getReplyCode() <= 553;
  }
}
