#!/usr/bin/env bash
# Starts the auth0-mfa-emulator installed in the current project in the background, waits until
# /__emulator/health answers 200, and writes its address to $GITHUB_OUTPUT. action.yml runs this;
# any CI can run it the same way. With INPUT_RUN it runs that command under
# `auth0-mfa-emulator exec` instead: the emulator lives exactly as long as the command, and the
# step exits with the command's status.
#
# Inputs (environment):
#   INPUT_PORT       port to listen on; 0 (the default) picks a free one
#   INPUT_FIXTURES   fixture file; the package's default tenant when empty
#   INPUT_SCENARIOS  scenario names active from the start, separated by commas, spaces or newlines
#   INPUT_HTTPS      "true" to serve HTTPS with a generated development certificate, kept in
#                    $AUTH0_EMULATOR_CERT_DIR when set (it must be a private directory of this
#                    user: the emulator refuses one another user owns or can write), else in a
#                    new private directory (mktemp -d under $RUNNER_TEMP or $TMPDIR)
#   INPUT_TIMEOUT    seconds to wait for the server to be healthy (default 60)
#   INPUT_RUN        a bash command to run against the emulator (see exec above); no outputs then
#   GITHUB_OUTPUT    file that receives the outputs (default: standard output)
#
# Outputs: url (no trailing slash), ca-file (the certificate to trust with --https, else empty),
# pid (the server's process id) and log-file (everything the server prints).
set -euo pipefail

fail() {
  echo "auth0-mfa-emulator: $*" >&2
  exit 1
}

port="${INPUT_PORT:-0}"
timeout="${INPUT_TIMEOUT:-60}"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
output="${GITHUB_OUTPUT:-/dev/stdout}"
[[ "$port" =~ ^[0-9]+$ ]] || fail "port must be a number, got '$port'"
[[ "$timeout" =~ ^[0-9]+$ ]] || fail "timeout must be a number of seconds, got '$timeout'"

bin="node_modules/.bin/auth0-mfa-emulator"
[[ -x "$bin" ]] || fail "not installed in $(pwd): run 'npm install --save-dev auth0-mfa-emulator msw' (or npm ci) before this step"

args=(--port "$port")
if [[ -n "${INPUT_FIXTURES:-}" ]]; then
  [[ -f "$INPUT_FIXTURES" ]] || fail "fixtures file '$INPUT_FIXTURES' does not exist"
  args+=(--fixtures "$INPUT_FIXTURES")
fi
scenarios="${INPUT_SCENARIOS:-}"
for scenario in ${scenarios//,/ }; do
  args+=(--scenario "$scenario")
done
case "${INPUT_HTTPS:-false}" in
  true)
    args+=(--https)
    # A fixed name under a shared /tmp could be made first by another user, who would then choose
    # the certificate served and printed as the one to trust: make a fresh 0700 directory instead.
    if [[ -z "${AUTH0_EMULATOR_CERT_DIR:-}" ]]; then
      AUTH0_EMULATOR_CERT_DIR="$(mktemp -d "$temp/auth0-mfa-emulator-cert.XXXXXX")"
    fi
    export AUTH0_EMULATOR_CERT_DIR
    ;;
  false | "") ;;
  *) fail "https must be true or false, got '$INPUT_HTTPS'" ;;
esac

if [[ -n "${INPUT_RUN:-}" ]]; then
  # The command sees AUTH0_EMULATOR_URL, AUTH0_DOMAIN, AUTH0_ISSUER_BASE_URL (and with https
  # NODE_EXTRA_CA_CERTS); exec waits for health itself and passes the exit status through.
  PORT='' HOST='' exec "$bin" exec "${args[@]}" -- bash -c "$INPUT_RUN"
fi

log="$(mktemp "$temp/auth0-mfa-emulator.XXXXXX")"
# The job's PORT or HOST are for its own app: the flags above decide where the emulator listens.
PORT='' HOST='' nohup "$bin" "${args[@]}" >"$log" 2>&1 &
pid=$!

url=""
for ((i = 0; i < timeout * 10; i++)); do
  url="$(sed -nE 's#.*listening on (https?://[^ ]+).*#\1#p' "$log" | head -n 1)"
  [[ -n "$url" ]] && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited before it was ready:
$(cat "$log")"
  sleep 0.1
done
if [[ -z "$url" ]]; then
  kill "$pid" 2>/dev/null || true
  fail "no ready line after ${timeout}s:
$(cat "$log")"
fi

ca_file=""
if [[ "${INPUT_HTTPS:-false}" == true ]]; then
  ca_file="$(sed -nE 's#.*HTTPS certificate (created|reused): (.+) \(SHA-256 .*#\2#p' "$log" | head -n 1)"
  [[ -f "$ca_file" ]] || fail "the server did not print the certificate it serves:
$(cat "$log")"
fi

# Healthy means answering over the same TLS a client will use: trust only the printed certificate.
if ! NODE_EXTRA_CA_CERTS="$ca_file" node -e '
  const [url, ms] = process.argv.slice(1)
  const deadline = Date.now() + Number(ms)
  const retry = (why) => {
    if (Date.now() > deadline) {
      console.error(`${url} did not answer 200: ${why}`)
      process.exit(1)
    }
    setTimeout(poll, 100)
  }
  const poll = () =>
    fetch(url).then(
      (res) => (res.status === 200 ? process.exit(0) : retry(`status ${res.status}`)),
      (err) => retry(err.cause?.message ?? err.message),
    )
  poll()
' "$url/__emulator/health" "$((timeout * 1000))"; then
  kill "$pid" 2>/dev/null || true
  fail "not healthy:
$(cat "$log")"
fi

{
  echo "url=$url"
  echo "ca-file=$ca_file"
  echo "pid=$pid"
  echo "log-file=$log"
} >>"$output"
echo "auth0-mfa-emulator is ready at $url (pid $pid, log $log)"
