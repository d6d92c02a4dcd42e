#!/usr/bin/env bash
# Runs the README's curl walk-through — the ```bash block after the "walkthrough" marker in README.md — exactly as
# written, from the repository's root, against a fresh `./mina serve` on an empty data directory. CI runs it
# (.ci/run), so the README cannot go stale. Needs curl and jq, and port 8080 free (the README's port).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

block=$(awk '/^<!-- walkthrough:/ { marked = 1; next }
             marked && /^```bash$/ { inside = 1; next }
             inside && /^```$/ { exit }
             inside' README.md)
[ -n "$block" ] || { echo "walkthrough: README.md has no bash block after its <!-- walkthrough: --> marker" >&2; exit 1; }
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "walkthrough: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
if command curl -s -o /dev/null localhost:8080; then
  echo "walkthrough: something already answers on port 8080; the README's server needs it" >&2
  exit 1
fi

# A fresh server as the README starts it: empty data directory, embedded database, offline providers, codes in its log.
unset DATABASE_URL SMTP_URL MAIL_FROM PORT $(compgen -v | grep -E '^(MINA_|SUPABASE_|OPENAI_|ARK_|REPLICATE_|KLING_|R2_|SHOPIFY_)' || true)
MINA_DATA_DIR=$(mktemp -d)
export MINA_DATA_DIR
transcript=$(mktemp)
started=$(mktemp) # files the block saves into the root (the download) are newer than this, and are removed at the end
finish() {
  local status=$?
  if [ -n "${SERVER:-}" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    echo "walkthrough: FAILED (exit $status). What it printed:" >&2
    cat "$transcript" >&2
    echo "walkthrough: the server's log (serve.log), last lines:" >&2
    tail -n 40 serve.log >&2 2>/dev/null || true
  fi
  ./mina db stop --force >/dev/null 2>&1 || true # the embedded PostgreSQL stays warm after serve (decision 039)
  find . -maxdepth 1 -name 'minav3-*' -newer "$started" -delete
  rm -rf "$MINA_DATA_DIR" "$transcript" "$started"
}
trap finish EXIT

# The README's curl, failing on an HTTP error (which `curl -s` alone would not notice), never waiting for ever, and
# stopping the walk-through when the server it started has died.
curl() {
  if [ -n "${SERVER:-}" ] && ! kill -0 "$SERVER" 2>/dev/null; then
    echo "walkthrough: the server stopped" >&2
    exit 1
  fi
  command curl --fail-with-body --max-time 120 "$@"
}

echo "walkthrough: running the README's block against a fresh ./mina serve on port 8080" >&2
eval "$block" > "$transcript"

# Where the walk-through must have got to.
fail() { echo "walkthrough: $*" >&2; exit 1; }
[[ -n "$TOKEN" && "$TOKEN" != null ]] || fail "no access token from the email-code login (TOKEN='$TOKEN')"
[[ "$PRODUCT" == http*://* ]] || fail "the upload gave no URL (PRODUCT='$PRODUCT')"
[[ "$GENERATION" == generation:* ]] || fail "the still was not queued (GENERATION='$GENERATION')"
grep -q '"status" *: *"done"' "$transcript" || fail "the still did not finish"
grep -qF "\"$GENERATION\"" "$transcript" || fail "the archive does not list $GENERATION"
saved=$(find . -maxdepth 1 -name 'minav3-*.png' -newer "$started" | head -1)
[[ -n "$saved" && "$(head -c 8 "$saved" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] \
  || fail "the download saved no PNG named minav3-….png (found '${saved}')"
# The block's `kill $SERVER` asks the server to stop; let it finish leaving before `db stop` and the removal.
wait "$SERVER" 2>/dev/null || true
SERVER=
cat "$transcript"
echo "walkthrough: ok" >&2
