package dev.pointsman.kinds;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.lambda.LambdaAliasApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.ScriptedLoopback;
import dev.pointsman.hooks.HookedApplier;
import dev.pointsman.live.lambda.LambdaAliasReader;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.manifest.LambdaAliasParser;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import dev.pointsman.rollout.LambdaAliasRollouts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code LambdaAlias}: an alias of a Lambda function, with weighted routing and rollouts. */
public final class LambdaAliasKind implements KindDescriptor<LambdaAlias, LambdaAliasObservation> {
  @Override
  public String kind() {
    return LambdaAlias.KIND;
  }

  @Override
  public Class<LambdaAlias> type() {
    return LambdaAlias.class;
  }

  @Override
  public KindParser parser() {
    return new LambdaAliasParser();
  }

  @Override
  public List<AwsOperation> operations() {
    return List.of(
        AwsOperation.of("lambda", "ListAliases"),
        AwsOperation.of("lambda", "GetFunction"),
        AwsOperation.of("lambda", "CreateAlias"),
        AwsOperation.of("lambda", "UpdateAlias"),
        AwsOperation.of("lambda", "ListVersionsByFunction"),
        // verification hooks: the hook functions are invoked, and must exist
        new AwsOperation("lambda", "Invoke", "lambda:InvokeFunction"));
  }

  @Override
  public Map<String, Double> quotaFamilies() {
    // The control plane is shared by every Lambda API but GetFunction, which has its own.
    // Invoke is not a control-plane call: its own family (hooks are rare; 10/s is plenty).
    return Map.of("lambda", 15.0, "lambda-getfunction", 100.0, "lambda-invoke", 10.0);
  }

  @Override
  public KindModule<LambdaAlias, LambdaAliasObservation> module(KindContext context) {
    LambdaAliasReader reader = new LambdaAliasReader(context.clients(), context.calls());
    LambdaAliasApplier applier = new LambdaAliasApplier(context.clients(), context.calls());
    Optional<HookedApplier<LambdaAlias, LambdaAliasObservation>> hooked =
        context.hooked(applier, reader, new LambdaAliasHooks());
    return new KindModule<>(
        LambdaAlias.class,
        reader,
        new LambdaAliasDiffer(),
        hooked.<Applier<LambdaAlias, LambdaAliasObservation>>map(h -> h).orElse(applier),
        context
            .rollouts()
            .<Shaper<LambdaAlias, LambdaAliasObservation>>map(LambdaAliasRollouts::new)
            .orElse(Shaper.identity()),
        // {publishedFrom: ...}: the version found with the LambdaFunction's content, if any.
        (alias, observed) ->
            alias.awaitsPublish() && observed.publishedMatch().isPresent()
                ? alias.withVersion(observed.publishedMatch().get())
                : alias,
        alias -> hooked.map(h -> h.notes(alias)).orElse(List.of()));
  }

  /**
   * The alias {@code live} of function {@code rehearsal} moved from version 1 to version {@code n +
   * 2}: ListAliases, GetFunction of the new version (read ahead, as in a commit pass), UpdateAlias.
   */
  @Override
  public Optional<PromotionRehearsal.Script> rehearsal() {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:rehearsal";
    String functions = "/2015-03-31/functions/rehearsal";
    return Optional.of(
        new PromotionRehearsal.Script(
            kind(),
            n ->
                """
                functionName: rehearsal
                alias: live
                version: %d
                """
                    .formatted(n + 2),
            List.of(
                ScriptedLoopback.Answer.of(
                    "GET " + functions + "/aliases(\\?.*)?",
                    """
                    {"Aliases": [{"AliasArn": "%s:live", "Name": "live", "FunctionVersion": "1",
                      "Description": "", "RevisionId": "r1"}]}"""
                        .formatted(arn)),
                ScriptedLoopback.Answer.of(
                    "GET " + functions + "\\?Qualifier=\\d+",
                    """
                    {"Configuration": {"FunctionName": "rehearsal", "FunctionArn": "%s",
                      "Version": "2", "CodeSha256": "cmVoZWFyc2Fs", "State": "Active",
                      "LastUpdateStatus": "Successful"}}"""
                        .formatted(arn)),
                ScriptedLoopback.Answer.of(
                    "PUT " + functions + "/aliases/live",
                    """
                    {"AliasArn": "%s:live", "Name": "live", "FunctionVersion": "2",
                      "RevisionId": "r2"}"""
                        .formatted(arn)))));
  }
}
