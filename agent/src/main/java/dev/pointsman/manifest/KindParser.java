package dev.pointsman.manifest;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.util.Optional;

/** Turns the {@code spec} of one manifest kind into a validated desired resource. */
public interface KindParser {
  String kind();

  /** The resource, or empty after reporting every problem through {@code spec}. */
  Optional<DesiredResource> parse(Environment env, String metadataName, Fields spec, Source source);
}
