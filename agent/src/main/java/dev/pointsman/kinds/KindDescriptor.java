package dev.pointsman.kinds;

import dev.pointsman.aws.AwsOperation;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Pointsman knows about one manifest kind, in one object: how its documents are parsed,
 * how its pointers are read, planned, applied and rolled out, which AWS operations that takes (so
 * which IAM actions the documented policy must allow) and the request quotas of the API families it
 * uses. {@link Kinds#all()} lists them; the loader and the wiring take that list, and {@code
 * KindConformanceTest} fails when a kind lacks its schema, docs, policy or golden plan fixtures.
 */
public interface KindDescriptor<D extends DesiredResource, O> {
  /** The manifest {@code kind:} value. */
  String kind();

  Class<D> type();

  KindParser parser();

  /** Every AWS operation this kind's reader, applier and shaper may call. */
  List<AwsOperation> operations();

  /**
   * The published request quotas (requests per second) of the API families this kind calls, keyed
   * by family ({@code lambda}, {@code ecs-updateservice}, ...). Families shared by several kinds
   * must agree.
   */
  Map<String, Double> quotaFamilies();

  /** The run-time module: reader, differ, applier and (with rollouts) the shaper. */
  KindModule<D, O> module(KindContext context);

  /**
   * A promotion of this kind for the warm start to rehearse against a loopback server, nothing live
   * touched ({@link PromotionRehearsal}); empty when a promotion of this kind is not rehearsed.
   */
  Optional<PromotionRehearsal.Script> rehearsal();
}
