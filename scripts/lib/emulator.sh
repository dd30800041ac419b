# Shared by scripts/test and scripts/demo: install ministack (the AWS API emulator) into .venv and
# start it on a free loopback port. Source this file; it defines functions only.

EMULATOR_VENV="${EMULATOR_VENV:-$PWD/.venv}"

emulator_install() {
  local req="scripts/requirements-emulator.txt" stamp="$EMULATOR_VENV/.requirements.sha256"
  local want; want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$EMULATOR_VENV/bin/ministack" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "==> Installing the AWS emulator (ministack) into $EMULATOR_VENV"
  python3 -m venv "$EMULATOR_VENV"
  "$EMULATOR_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts ministack in its own process group; sets EMULATOR_URL, EMULATOR_PID and EMULATOR_TMP. The
# caller sets a trap that calls emulator_stop.
emulator_start() {
  local log="${1:-target/ministack.log}" port
  mkdir -p "$(dirname "$log")"
  port=$(free_port)
  # The emulator's temporary files (a folder per Lambda function it runs, a pid file) go in a folder of
  # its own beside the log, removed by emulator_stop; in /tmp they were left behind by every run.
  EMULATOR_TMP="$(cd "$(dirname "$log")" && pwd)/ministack-tmp"
  rm -rf "$EMULATOR_TMP"
  mkdir -p "$EMULATOR_TMP"
  # CLOUDTRAIL_RECORDING: the emulator records API calls, so drift attribution has events to find.
  TMPDIR="$EMULATOR_TMP" GATEWAY_PORT="$port" BIND_HOST=127.0.0.1 IOT_MTLS_ENABLED=0 CLOUDTRAIL_RECORDING=1 \
    setsid "$EMULATOR_VENV/bin/ministack" >"$log" 2>&1 &
  EMULATOR_PID=$!
  EMULATOR_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    if curl -fsS "$EMULATOR_URL/_ministack/health" >/dev/null 2>&1; then
      echo "==> AWS emulator ready at $EMULATOR_URL (pid $EMULATOR_PID, log $log)"
      return 0
    fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      echo "error: the AWS emulator exited at start; see $log" >&2
      tail -20 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "error: the AWS emulator did not become ready within 60 s; see $log" >&2
  return 1
}

emulator_stop() {
  if [ -n "${EMULATOR_PID:-}" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill -- "-$EMULATOR_PID" 2>/dev/null || kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  EMULATOR_PID=
  if [ -n "${EMULATOR_TMP:-}" ]; then
    rm -rf "$EMULATOR_TMP"
  fi
  EMULATOR_TMP=
}
