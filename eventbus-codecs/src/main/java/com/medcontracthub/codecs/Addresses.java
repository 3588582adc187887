package com.medcontracthub.codecs;

/** Event-bus addresses, named for what they carry. */
public final class Addresses {

  /** Every JVM answers here with its node id, services and dependency health. */
  public static final String NODE_HEALTH = "mch.node.health";

  /** Searches opportunities: {@code {"query": {name: [values]}}} → {@code {"items": […], "nextCursor": …}}. */
  public static final String OPPORTUNITIES_SEARCH = "opportunities.search";

  /** One opportunity by notice id: {@code {"path": {"id": …}}} → the opportunity, or a 404 failure. */
  public static final String OPPORTUNITIES_GET = "opportunities.get";

  /**
   * One notice as PostgreSQL holds it now, past the cache: path {@code id} → the notice, or 404. For consumers of its
   * change events, which may come before the cache has forgotten the notice. Not routed by the gateway.
   */
  public static final String OPPORTUNITIES_CURRENT = "opportunities.current";

  /**
   * Imports an uploaded file of SAM.gov records (admins only): {@code {"body": {"blob": <sha-256>, "bytes": n}}} →
   * the import report (counts, rejections with reasons).
   */
  public static final String OPPORTUNITIES_IMPORT = "opportunities.import";

  /** Opportunity change events, bridged from {@link Topics#OPPORTUNITY_EVENTS}: the cache forgets the notice. */
  public static final String OPPORTUNITIES_CHANGED = "opportunities.changed";

  /**
   * Opportunity change events, bridged from {@link Topics#OPPORTUNITY_EVENTS} by their own consumer group: tenants
   * with the notice in their pipeline are notified, once per event.
   */
  public static final String NOTIFICATIONS_OPPORTUNITY_CHANGED = "notifications.opportunity-changed";

  /** A tenant's newest notifications: {@code {"query": {"limit": [n]}}} → {@code {"items": […]}}. */
  public static final String NOTIFICATIONS_LIST = "notifications.list";

  /**
   * A tenant's bid pipeline: move an opportunity to a stage ({@code PUT}), read its stage and history, or list every
   * entry (the board).
   */
  public static final String PIPELINE_MOVE = "pipeline.move";
  public static final String PIPELINE_GET = "pipeline.get";
  public static final String PIPELINE_LIST = "pipeline.list";

  /** A tenant's saved searches, in the gateway's request shape (the principal names the tenant). */
  public static final String SAVED_SEARCHES_LIST = "saved-searches.list";
  public static final String SAVED_SEARCHES_CREATE = "saved-searches.create";
  public static final String SAVED_SEARCHES_GET = "saved-searches.get";
  public static final String SAVED_SEARCHES_UPDATE = "saved-searches.update";
  public static final String SAVED_SEARCHES_DELETE = "saved-searches.delete";

  /**
   * Stops a saved search's e-mail digests from the link in one (no login: the search id and its unsubscribe token,
   * a secret only that e-mail carries) → {@code {"name"}} of the search; 404 when they do not match.
   */
  public static final String SAVED_SEARCHES_UNSUBSCRIBE = "saved-searches.unsubscribe";

  /**
   * The caller's e-mails about the tenant's pipeline (deadline reminders, the weekly report), in the gateway's request
   * shape: read them, set them ({@code PUT}: a time zone and which ones), or turn them all off ({@code DELETE}).
   */
  public static final String PIPELINE_EMAILS_GET = "pipeline-emails.get";
  public static final String PIPELINE_EMAILS_SET = "pipeline-emails.set";
  public static final String PIPELINE_EMAILS_STOP = "pipeline-emails.stop";

  /**
   * Stops one kind of a user's pipeline e-mails from the link in one (no login): {@code {"reminders" | "report": <user
   * id>, "token"}} → {@code {}}; 404 when the token is not that user's.
   */
  public static final String PIPELINE_EMAILS_UNSUBSCRIBE = "pipeline-emails.unsubscribe";

  /** A tenant's pipeline reports: the list, newest first, and a new one made now ({@code POST}, 201). */
  public static final String REPORTS_LIST = "reports.list";
  public static final String REPORTS_CREATE = "reports.create";

  /**
   * One report's file for a download: {@code {"path": {"id"}, "principal"}} (a user of its tenant) or
   * {@code {"path": {"id"}, "token"}} (the link an e-mail carried) → {@code {"blob", "name"}}; 404 otherwise.
   */
  public static final String REPORTS_FILE = "reports.file";

  /**
   * Records an uploaded document of an opportunity (from the gateway's upload route, once the file is in the blob
   * store): {@code {"principal", "path": {"id": <notice id>}, "body": {"blob", "bytes", "fileName", "mediaType"}}} →
   * 202 {@code {"id", "status"}}.
   */
  public static final String DOCUMENTS_CREATE = "documents.create";

  /** One document of the caller's tenant ({@code path.id}; {@code query.words=true} adds each page's word boxes). */
  public static final String DOCUMENTS_GET = "documents.get";

  /** The documents of an opportunity ({@code path.id}) the caller's tenant uploaded, newest first. */
  public static final String DOCUMENTS_LIST = "documents.list";

  /** A document's original file, for the gateway: {@code {"principal", "path": {"id"}}} → {@code {"blob", "name", "mediaType"}}. */
  public static final String DOCUMENTS_FILE = "documents.file";

  /** Document events, bridged from {@link Topics#DOCUMENT_EVENTS}: the documents service's saga takes each step's answer. */
  public static final String DOCUMENTS_STEP_RESULTS = "documents.step-results";

  /**
   * A performer takes an attempt of a step it was told of ({@code {documentId, step, attempt}}); the reply
   * ({@code {taken}}) says whether the attempt is still wanted, and its time to answer starts.
   */
  public static final String DOCUMENTS_STEP_TAKEN = "documents.step-taken";

  /** Document events, bridged from {@link Topics#DOCUMENT_EVENTS}: the OCR service performs each text step started. */
  public static final String OCR_DOCUMENT_STEPS = "ocr.document-steps";

  /** What the OCR service read ({@code DocumentTextExtracted}), to be written to {@link Topics#DOCUMENT_EVENTS}. */
  public static final String OCR_EVENTS = "ocr.events";

  /**
   * Every domain event, bridged from the {@code mch.*.events} topics: the analytics service keeps each, answering once
   * the batch it is written in is stored.
   */
  public static final String ANALYTICS_EVENTS = "analytics.events";

  /** The caller's tenant's numbers: {@code {}} → pipeline funnel and win rate, opportunities by month, documents. */
  public static final String ANALYTICS_SUMMARY = "analytics.summary";

  /**
   * One of the caller's tenant's numbers over time: query {@code metric}, {@code interval}, {@code from}, {@code to} →
   * {@code {metric, interval, from, to, points: [{at, value}]}}, every bucket of the range (0 where nothing happened).
   */
  public static final String ANALYTICS_TIMESERIES = "analytics.timeseries";

  /**
   * What the analytics store holds, as {@link DailyCounts}: opportunities by posted day, pipeline moves and documents
   * uploaded by day.
   */
  public static final String ANALYTICS_DAILY_COUNTS = "analytics.daily-counts";

  /** What PostgreSQL holds of opportunities, as {@link DailyCounts}: by posted day, pipeline moves, open notices. */
  public static final String OPPORTUNITIES_DAILY_COUNTS = "opportunities.daily-counts";

  /** What PostgreSQL holds of documents, as {@link DailyCounts}: documents by the day they were uploaded. */
  public static final String DOCUMENTS_DAILY_COUNTS = "documents.daily-counts";

  /** What the AI index holds, as {@link DailyCounts}: the open notices it can find. */
  public static final String AI_DAILY_COUNTS = "ai.daily-counts";

  /**
   * Opportunity change events, bridged from {@link Topics#OPPORTUNITY_EVENTS} by their own consumer group: the AI
   * service reads the notice back, embeds it and indexes it (or drops it), answering once the index has it on disk.
   */
  public static final String AI_OPPORTUNITY_EVENTS = "ai.opportunity-events";

  /**
   * Current notices found by meaning, by words or both: query {@code q}, {@code mode} (semantic, keyword, hybrid), the
   * opportunity filters and {@code limit} → {@code {mode, hits: [{noticeId, title, …, score, passage}]}}.
   */
  public static final String AI_SEARCH = "ai.search";

  /** The current notices nearest in meaning to one: path {@code id}, query {@code limit} → {@code {noticeId, hits}}. */
  public static final String AI_SIMILAR = "ai.similar";

  /**
   * Document events, bridged from {@link Topics#DOCUMENT_EVENTS}: the AI service performs each analysed and indexed
   * step started, and undoes them for a document that failed later (compensating).
   */
  public static final String AI_DOCUMENT_STEPS = "ai.document-steps";

  /** The AI service's answers to the steps it performs ({@code DocumentStepAnswered}), to {@link Topics#DOCUMENT_EVENTS}. */
  public static final String AI_EVENTS = "ai.events";

  /**
   * Passages of the caller's tenant's documents found by meaning, by words or both: query {@code q}, {@code mode},
   * {@code noticeId}, {@code limit} → {@code {mode, hits: [{documentId, fileName, noticeId, page, passage, score}]}}.
   */
  public static final String AI_PASSAGES = "ai.passages";

  /** The caller's tenant's capability profile: {@code {}} → {@code {capability, naics, certifications, pastWins}}, or 404. */
  public static final String AI_PROFILE = "ai.profile";

  /** Sets the caller's tenant's capability profile: body {@code {capability, naics, certifications, pastWins}} → the same. */
  public static final String AI_PROFILE_PUT = "ai.profile.put";

  /**
   * Starts an analysis of a notice for the caller's tenant: path {@code id} → 202 {@code {noticeId, state: running}};
   * the result is stored and pushed as an {@code ai.analysis} notification.
   */
  public static final String AI_ANALYSIS_START = "ai.analysis.start";

  /** The caller's tenant's last analysis of a notice: path {@code id} → {@code {state, requirements, fit, …}}. */
  public static final String AI_ANALYSIS = "ai.analysis";

  /** Checks a login: {@code {"email", "password", "ip"}} → the principal, or 401 / 429 failures. */
  public static final String IDENTITY_LOGIN = "identity.login";

  /** Is the token's user still there: {@code {"userId", "tokenVersion"}} → the principal, or a 401 failure. */
  public static final String IDENTITY_CHECK = "identity.check";

  /** Published when a user's tokens stop working ({@code {"userId"}}), so gateways drop what they cached of it. */
  public static final String IDENTITY_REVOKED = "identity.revoked";

  /**
   * Which of some users are still users (not removed), for services that e-mail them: {@code {"userIds": [...]}} →
   * {@code {"userIds": [...]}}, the active ones. Not on the gateway.
   */
  public static final String IDENTITY_USERS_ACTIVE = "identity.users.active";
  public static final String USER_IDS = "userIds";

  /** A tenant's users (admins only): list, invite and remove, in the gateway's request shape. */
  public static final String IDENTITY_USERS_LIST = "identity.users.list";
  public static final String IDENTITY_USERS_INVITE = "identity.users.invite";
  public static final String IDENTITY_USERS_REMOVE = "identity.users.remove";

  /**
   * Pushes a message to the browsers and programs on a realtime room ({@link RealtimeRooms}): {@code {"room", "body",
   * "dedupeKey"?}} → {@code {"seq"}} once it is in the recovery log and published. A repeated dedupe key is dropped.
   */
  public static final String REALTIME_PUSH = "realtime.push";

  /** Opportunity change events, bridged from {@link Topics#OPPORTUNITY_EVENTS} for live viewers of the notice. */
  public static final String REALTIME_OPPORTUNITY_EVENTS = "realtime.opportunity-events";

  /** Job progress events ({@code JobProgressed}) to be written to {@link Topics#JOB_EVENTS}; the reply is Kafka's ack. */
  public static final String JOB_EVENTS = "jobs.events";

  /** One job of the queue, by id ({@code GET /api/v1/jobs/{id}}): its state, attempts, progress, result or errors. */
  public static final String JOBS_GET = "jobs.get";

  /** Jobs by queue and state (admins), or the newest jobs the caller's tenant started ({@code GET /api/v1/jobs}). */
  public static final String JOBS_LIST = "jobs.list";

  /** Enqueues a job of a known type (admins; {@code POST /api/v1/jobs}). */
  public static final String JOBS_CREATE = "jobs.create";

  /** Job progress events, bridged from {@link Topics#JOB_EVENTS}, for the user who started the job. */
  public static final String REALTIME_JOB_EVENTS = "realtime.job-events";

  /** Document events ({@code DocumentProcessed}), bridged from {@link Topics#DOCUMENT_EVENTS}, for the owning tenant. */
  public static final String REALTIME_DOCUMENT_EVENTS = "realtime.document-events";

  /** Pipeline moves, bridged from {@link Topics#PIPELINE_EVENTS}, for the tenant's boards. */
  public static final String REALTIME_PIPELINE_EVENTS = "realtime.pipeline-events";

  /**
   * A tenant's comment on an opportunity: {@code {"principal", "opportunityId", "text"}} → the stored comment
   * ({@code {"id", "opportunityId", "userId", "email", "text", "createdAt"}}), also pushed to the comments room.
   */
  public static final String COMMENTS_ADD = "comments.add";

  /** An opportunity's comments in the gateway's request shape ({@code path.id}): {@code {"items": […]}}, oldest first. */
  public static final String COMMENTS_LIST = "comments.list";

  /** A tenant's shared notes on an opportunity: {@code {"principal", "opportunityId"}} → {@code {"text", "version"}}. */
  public static final String NOTES_LOAD = "notes.load";

  /**
   * An edit to the shared notes, as a text operation on {@code version}: {@code {"principal", "opportunityId",
   * "version", "ops", "opId"}} → {@code {"version", "ops"}} (the operation as the server applied it).
   */
  public static final String NOTES_EDIT = "notes.edit";

  /** Sent in one JVM (on SIGHUP) to make its gateways read their declarative file again. */
  public static final String GATEWAY_RELOAD = "gateway.reload";

  private Addresses() {
  }
}
