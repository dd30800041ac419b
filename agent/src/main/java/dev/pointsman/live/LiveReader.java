package dev.pointsman.live;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import java.util.List;
import java.util.Map;

/**
 * Reads the live state behind desired resources of one kind in one environment, in as few calls as
 * the service allows. A failure is reported per resource, never thrown for the whole batch.
 */
public interface LiveReader<D extends DesiredResource, O> {
  Map<ResourceId, Observed<O>> read(Environment env, List<D> desired);
}
