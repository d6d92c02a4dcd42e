#!/usr/bin/env bash
# Decision 061: how long a still takes (create to done, as the studio sees it by polling) on `./mina serve`, first
# alone, then while one client sends an upload a byte every half second (a phone on a bad network) and the studio polls
# beside it. Prints each still's seconds and the pipeline's yield counters.
#   bench/slow-upload.sh [ROOT] [PORT] [STILLS]     (default: this checkout, port 18080, 6 stills each)
# ROOT: a checkout whose CLI is built (`./build -pl app-cli -am package -DskipTests`), e.g. one of main before
# decision 061 (`git worktree add /tmp/mina-before <commit>`). Needs curl, jq and bc.
set -euo pipefail
root="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
port=${2:-18080}
stills=${3:-6}
cd "$root"
unset DATABASE_URL
export MINA_DATA_DIR
MINA_DATA_DIR=$(mktemp -d)
trickle=""
cleanup() {
  [ -n "$trickle" ] && kill "$trickle" 2>/dev/null || true
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  ./mina db stop --force >/dev/null 2>&1 || true
  rm -rf "$MINA_DATA_DIR"
}
trap cleanup EXIT
./mina serve --port "$port" >"$MINA_DATA_DIR/serve.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 1; done
token=$(./mina auth token slow-upload@example.com --days 1 --json | jq -r .access_token)
auth="Authorization: Bearer $token"
pass=$(curl -sf "localhost:$port/api/me" -H "$auth" | jq -r .pass_id)
./mina credits grant "$pass" $((2 * stills)) >/dev/null

still() {
  local t0 id status
  t0=$(date +%s.%N)
  id=$(curl -sf -X POST "localhost:$port/api/stills" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"brief\":\"a matcha tin on linen $RANDOM\"}" | jq -r .generation_id)
  while :; do
    status=$(curl -sf "localhost:$port/api/generations/$id" -H "$auth" | jq -r .status)
    [[ $status == done || $status == error ]] && break
    sleep 0.05
  done
  echo "$status $(echo "$(date +%s.%N) - $t0" | bc)"
}

for _ in $(seq "$stills"); do echo "alone: $(still)"; done
(
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  boundary=----slow
  printf 'POST /api/uploads HTTP/1.1\r\nHost: localhost:%s\r\n%s\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: 1000000\r\n\r\n--%s\r\nContent-Disposition: form-data; name="kind"\r\n\r\nproduct\r\n' \
    "$port" "$auth" "$boundary" "$boundary" >&3
  while sleep 0.5; do printf x >&3; done
) &
trickle=$!
sleep 1
for _ in $(seq "$stills"); do echo "an upload trickling in: $(still)"; done
admin=$(./mina auth token slow-upload-ops@example.com --admin --days 1 --json | jq -r .access_token)
curl -sf "localhost:$port/metrics" -H "Authorization: Bearer $admin" | grep -E '^mina_pipeline_yielded'
