package dev.pointsman.model;

import java.util.Optional;

/** A Lambda alias as AWS reports it; {@code revisionId} guards the next update. */
public record LiveLambdaAlias(
    String functionName,
    String alias,
    String version,
    Optional<Routing> routing,
    String revisionId) {}
