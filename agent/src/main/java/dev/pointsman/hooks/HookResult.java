package dev.pointsman.hooks;

import java.time.Duration;

/**
 * What one hook invocation said: passed or not, how long it took, and the first lines it returned.
 */
public record HookResult(boolean passed, Duration took, String detail) {}
