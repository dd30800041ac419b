package dev.pointsman.cli;

import dev.pointsman.apply.lambda.LambdaAliasApplier;
import dev.pointsman.aws.AccountGuard;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.live.lambda.LambdaAliasReader;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import java.util.List;

/**
 * The one place that wires readers, differs and appliers of every kind into a reconciliation pass.
 */
public final class Components {
  private Components() {}

  public static Pass pass(AwsClients clients, AwsCalls calls) {
    List<KindModule<?, ?>> modules =
        List.of(
            new KindModule<>(
                LambdaAlias.class,
                new LambdaAliasReader(clients, calls),
                new LambdaAliasDiffer(),
                new LambdaAliasApplier(clients, calls)));
    return new Pass(
        ManifestLoader.standard(), new Reconciler(new AccountGuard(clients, calls), modules));
  }
}
