package dev.pointsman.reconcile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Drops what is logged on a thread while it rehearses a promotion ({@link PromotionRehearsal}): a
 * rehearsal's "updated" lines are about a pointer that does not exist and would mislead whoever
 * reads the log. Installed by the agent's logback.xml; the rehearsal logs its summary afterwards.
 */
public final class RehearsalLogFilter extends TurboFilter {
  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return MDC.get(PromotionRehearsal.QUIET) != null ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
