package dev.pointsman.secrets;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %msg}, scrubbed of anything that looks like a secret before it is written. */
public final class ScrubbingMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Scrubber.scrub(super.convert(event));
  }
}
