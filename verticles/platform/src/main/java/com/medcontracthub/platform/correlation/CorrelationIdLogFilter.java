package com.medcontracthub.platform.correlation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the correlation id of the work in hand into the MDC as {@value #KEY} just before each log event is made, so
 * text lines ({@code %X{correlationId}}) and JSON lines (the {@code mdc} object) carry it. MDC alone would not do:
 * one event-loop thread interleaves many requests, and the id lives on each request's Vert.x context instead.
 */
public final class CorrelationIdLogFilter extends TurboFilter {

  public static final String KEY = "correlationId";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // logback asks for every level check and every call its level turns away: only an event that will be made needs
    // the id (Micrometer alone checks a debug level on each request the gateway meters)
    boolean levelCheck = format == null && params == null && t == null;
    if (levelCheck || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    String id = CorrelationIds.current();
    if (!Objects.equals(id, MDC.get(KEY))) {
      if (id == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, id);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
