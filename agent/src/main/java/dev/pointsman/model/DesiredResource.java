package dev.pointsman.model;

import java.util.List;

/** One pointer declared in Git. Each manifest kind has one implementation. */
public interface DesiredResource {
  ResourceId id();

  Source source();

  /** SSM parameters and secrets this resource refers to; all must exist before it is applied. */
  default List<ConfigRef> references() {
    return List.of();
  }

  /**
   * Resources of one environment and kind that share a read group are read together, by as few
   * calls as {@link #readBatch()} allows (all aliases of a function by one ListAliases, all stages
   * of a REST API by one GetStages). The drift sweep slices the fleet along these groups so that
   * slicing never costs an extra call.
   */
  default String readGroup() {
    return id().name();
  }

  /** How many resources of one read group one read call covers. */
  default int readBatch() {
    return Integer.MAX_VALUE;
  }
}
