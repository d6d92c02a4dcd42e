#!/usr/bin/env bash
# Lighthouse accessibility of the studio page (issue 24 item 7; decision 033), against a running ./mina serve.
#   docs/quality/lighthouse.sh            # serves on port 8791 with a throwaway data directory, prints the scores
# Needs node (npx fetches lighthouse from the npm registry once) and Debian's chromium at /usr/bin/chromium.
# Not part of CI: one run takes well over a minute.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${PORT:-8791}"
data="$(mktemp -d)"
out="${LIGHTHOUSE_OUT:-$root/target/lighthouse}"
mkdir -p "$out"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export MINA_DATA_DIR="$data"
cd "$root"
./mina --version >/dev/null   # builds the CLI first if needed
PORT="$port" ./mina serve >"$out/serve.log" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null; ./mina db stop --force >/dev/null 2>&1; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
token="$(./mina auth token lighthouse@example.com)"
run() { # name url
  npx -y lighthouse@12.8.2 "$2" --only-categories=accessibility --output=json --output-path="$out/$1.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet "${@:3}"
  node -e "const r=require('$out/$1.json'); const a=r.categories.accessibility;
    const failed=Object.values(r.audits).filter(x=>x.score===0&&a.auditRefs.some(ref=>ref.id===x.id)).map(x=>x.id);
    console.log('$1', Math.round(a.score*100), failed.length ? 'failed: '+failed.join(', ') : '')"
}
run sign-in "http://localhost:$port/" --preset=desktop
run sign-in-phone "http://localhost:$port/" --screenEmulation.width=390 --screenEmulation.height=844
# The studio, signed in: the page takes a token from the #access_token fragment (as after a Google sign-in).
run studio "http://localhost:$port/#access_token=$token" --preset=desktop
run studio-phone "http://localhost:$port/#access_token=$token" --screenEmulation.width=390 --screenEmulation.height=844
