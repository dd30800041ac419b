package dev.pointsman.manifest;

import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.Source;
import dev.pointsman.secrets.Scrubber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code LambdaFunction}: the code (an S3 object version and the hash it must have), environment
 * variables and KMS key of an existing function. Everything is checked before any AWS call: the
 * hash's shape, Lambda's rules for variable names and size, references (which must exist), and
 * values that look like secrets (refused without being repeated).
 */
public final class LambdaFunctionParser implements KindParser {
  private static final Set<String> FIELDS =
      Set.of("functionName", "code", "environment", "kmsKeyArn");
  private static final Set<String> CODE_FIELDS =
      Set.of("s3Bucket", "s3Key", "s3ObjectVersion", "sha256");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern KEY = Pattern.compile("[^\\p{Cntrl}]{1,1024}");
  private static final Pattern OBJECT_VERSION = Pattern.compile("[^\\s]{1,1024}");

  /** Lambda: letters, digits and underscore, starting with a letter. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

  private static final Pattern KMS_KEY =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]{1,256}");

  /** Names Lambda sets itself (its runtime environment); a function may not set them. */
  static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  /** Lambda's limit on all variables together. */
  static final int MAX_BYTES = 4096;

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

  @Override
  public String kind() {
    return LambdaFunction.KIND;
  }

  @Override
  public Optional<DesiredResource> parse(
      Environment env, String metadataName, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> function =
        spec.string("functionName", true, Patterns.FUNCTION_NAME, "a Lambda function name or ARN");
    function
        .filter(f -> f.startsWith("arn:"))
        .flatMap(f -> Arns.outside(f, env, "function ARN"))
        .ifPresent(m -> spec.failField("functionName", m));
    Optional<LambdaFunction.Code> code =
        spec.object("code", true, "a mapping {s3Bucket, s3Key, s3ObjectVersion, sha256}")
            .flatMap(LambdaFunctionParser::code);
    List<ConfigRef> refs = new ArrayList<>();
    Map<String, String> variables = variables(spec, env, source, refs);
    Optional<String> kms =
        spec.string(
            "kmsKeyArn", false, KMS_KEY, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");
    kms.flatMap(k -> Arns.outside(k, env, "KMS key"))
        .ifPresent(m -> spec.failField("kmsKeyArn", m));
    if (spec.errors().size() > before) return Optional.empty();
    String name = function.get();
    return Optional.of(
        new LambdaFunction(
            env.name(),
            metadataName,
            name.substring(name.lastIndexOf(':') + 1),
            code.get(),
            variables,
            kms,
            refs,
            source));
  }

  private static Optional<LambdaFunction.Code> code(Fields code) {
    int before = code.errors().size();
    code.rejectUnknown(CODE_FIELDS);
    Optional<String> bucket = code.string("s3Bucket", true, BUCKET, "an S3 bucket name");
    Optional<String> key = code.string("s3Key", true, KEY, "the S3 key of the deployment package");
    Optional<String> version =
        code.string("s3ObjectVersion", false, OBJECT_VERSION, "an S3 object version id");
    Optional<String> sha =
        code.string(
            "sha256",
            true,
            Patterns.SHA256_BASE64,
            "the package's CodeSha256: base64 of the 32-byte SHA-256 (44 characters)");
    sha.filter(s -> Base64.getDecoder().decode(s).length != 32)
        .ifPresent(s -> code.failField("sha256", "expected base64 of 32 bytes (a SHA-256)"));
    if (code.errors().size() > before) return Optional.empty();
    return Optional.of(new LambdaFunction.Code(bucket.get(), key.get(), version, sha.get()));
  }

  private static Map<String, String> variables(
      Fields spec, Environment env, Source source, List<ConfigRef> refs) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Map<String, String>> vars =
        spec.stringMap(
            "environment",
            VARIABLE,
            "letters, digits and _, starting with a letter",
            Patterns.ANY_VALUE,
            "a value");
    if (vars.isEmpty()) return out;
    int bytes = 0;
    for (Map.Entry<String, String> e : vars.get().entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      bytes +=
          name.getBytes(StandardCharsets.UTF_8).length
              + value.getBytes(StandardCharsets.UTF_8).length;
      if (RESERVED.contains(name)) {
        spec.failPath(
            name + " is set by Lambda itself (a reserved name); remove it", "environment", name);
        continue;
      }
      if (ConfigRefs.looksLikeReference(value)) {
        ConfigRefs.parse(value, env, spec, source, "environment", name).ifPresent(refs::add);
      } else if (SECRET_NAME.matcher(name).matches() || !Scrubber.scrub(value).equals(value)) {
        // Never echo it: it may be the secret itself.
        spec.failPath(
            "looks like a secret (value not shown); store it in SSM Parameter Store or Secrets"
                + " Manager and put the reference here (ssm:/<path> or the secret's ARN)",
            "environment",
            name);
        continue;
      }
      out.put(name, value);
    }
    if (bytes > MAX_BYTES)
      spec.failField(
          "environment",
          "Lambda allows "
              + MAX_BYTES
              + " bytes of environment variables in all; these take "
              + bytes);
    return out;
  }
}
