# Chromium and its WebDriver for the release board's browser tests (BoardIT): Debian's chromium and
# chromium-driver packages, installed with apt-get when missing (CI runs as root; elsewhere, sudo).
browser_install() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  echo "==> Installing Chromium and chromium-driver (apt-get) for the board's browser tests"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: chromium and chromedriver are missing and this user cannot install them;" \
        "install Debian's chromium and chromium-driver packages" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium chromium-driver >/dev/null
  command -v chromium >/dev/null && command -v chromedriver >/dev/null
}
