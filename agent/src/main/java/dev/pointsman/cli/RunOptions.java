package dev.pointsman.cli;

import dev.pointsman.config.DurationConverter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options of {@code run}: timers, HTTP, chat and webhook secrets (as files; or environment
 * variables).
 */
final class RunOptions {
  @Option(
      names = "--interval",
      paramLabel = "<duration>",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Git poll interval (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--drift-interval",
      paramLabel = "<duration>",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Drift sweep interval (default: ${DEFAULT-VALUE}).")
  Duration driftInterval;

  @Option(
      names = "--heal-min-gap",
      paramLabel = "<duration>",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Minimum time between two heals of one resource (default: ${DEFAULT-VALUE}).")
  Duration healMinGap;

  @Option(
      names = "--http-port",
      paramLabel = "<port>",
      defaultValue = "8080",
      description =
          "Port for /healthz, /readyz, /metrics, /api/status and webhooks; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--http-bind",
      paramLabel = "<address>",
      defaultValue = "127.0.0.1",
      description = "Address the HTTP server binds to (default: ${DEFAULT-VALUE}).")
  String httpBind;

  @Option(
      names = "--slack-webhook-url-file",
      paramLabel = "<file>",
      description = "Slack incoming webhook URL (default: env POINTSMAN_SLACK_WEBHOOK_URL).")
  Path slackFile;

  @Option(
      names = "--teams-webhook-url-file",
      paramLabel = "<file>",
      description = "Teams webhook URL (default: env POINTSMAN_TEAMS_WEBHOOK_URL).")
  Path teamsFile;

  @Option(
      names = "--webhook-url-file",
      paramLabel = "<file>",
      description = "Generic JSON webhook URL (default: env POINTSMAN_WEBHOOK_URL).")
  Path webhookFile;

  @Option(
      names = "--github-webhook-secret-file",
      paramLabel = "<file>",
      description = "Secret for POST /hooks/github (default: env POINTSMAN_GITHUB_WEBHOOK_SECRET).")
  Path githubSecretFile;

  @Option(
      names = "--gitlab-webhook-token-file",
      paramLabel = "<file>",
      description = "Token for POST /hooks/gitlab (default: env POINTSMAN_GITLAB_WEBHOOK_TOKEN).")
  Path gitlabTokenFile;

  @Option(
      names = "--lease-table",
      paramLabel = "<name>",
      description =
          "DynamoDB table (partition key 'lease', string) for leader election between agents; none = single agent.")
  String leaseTable;

  @Option(
      names = "--lease-ttl",
      paramLabel = "<duration>",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How long a lease lasts without renewal; a dead leader is replaced within about this long (default: ${DEFAULT-VALUE}).")
  Duration leaseTtl;

  @Option(
      names = "--lease-region",
      paramLabel = "<region>",
      description = "Region of the lease table (default: AWS_REGION).")
  String leaseRegion;

  @Option(
      names = "--control-token-file",
      paramLabel = "<file>",
      description =
          "Bearer token for POST /api/rollouts/... pause, resume, abort (default: env POINTSMAN_CONTROL_TOKEN).")
  Path controlTokenFile;

  @Option(
      names = "--github-api-token-file",
      paramLabel = "<file>",
      description =
          "GitHub token to comment plans on pull requests and set the pointsman/plan status"
              + " (default: env POINTSMAN_GITHUB_TOKEN; none = no previews).")
  Path githubApiTokenFile;

  @Option(
      names = "--gitlab-api-token-file",
      paramLabel = "<file>",
      description =
          "GitLab token (scope api) to comment plans on merge requests and set the pointsman/plan"
              + " status (default: env POINTSMAN_GITLAB_TOKEN; none = no previews).")
  Path gitlabApiTokenFile;

  @Option(
      names = "--github-api-url",
      defaultValue = "https://api.github.com",
      description = "GitHub REST API base URL (GitHub Enterprise: https://<host>/api/v3).")
  URI githubApiUrl;

  @Option(
      names = "--gitlab-api-url",
      defaultValue = "https://gitlab.com/api/v4",
      description = "GitLab REST API base URL (self-managed: https://<host>/api/v4).")
  URI gitlabApiUrl;
}
