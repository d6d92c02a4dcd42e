#!/usr/bin/env bash
# P5 (issue 21, decision 039): wall time of `./mina generate` on the embedded PostgreSQL, before and after, one sitting.
#   bench/cli-warm.sh [ROUNDS] [BEFORE_ROOT]      (default 5 rounds; prints each round and the medians, in ms)
# BEFORE_ROOT: a checkout of main from before decision 039 whose CLI is built (its `./mina --version` has run once),
# e.g. `git worktree add /tmp/mina-before <commit> && /tmp/mina-before/mina --version`. Its `./mina generate` is the
# "before": every call starts and stops its own server. Without it, this build's jar stands in, run as the old
# launcher did (java -jar, no C1/CDS flags) with MINA_DB_IDLE_SECONDS=0. "After" is ./mina as shipped: a first call
# that starts the server, GAP_SECONDS (default 60) of nothing, then the measured second call.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=../bin/jdk.sh
. bin/jdk.sh
mina_find_jdk
rounds=${1:-5}
before_root=${2:-}
gap=${GAP_SECONDS:-60}
unset DATABASE_URL
after_dir=$(mktemp -d)
before_dir=$(mktemp -d)
cleanup() {
  MINA_DATA_DIR="$after_dir" ./mina db stop --force >/dev/null 2>&1 || true
  MINA_DATA_DIR="$before_dir" ./mina db stop --force >/dev/null 2>&1 || true
  rm -rf "$after_dir" "$before_dir"
}
trap cleanup EXIT
after() { MINA_DATA_DIR="$after_dir" ./mina "$@"; }
if [ -n "$before_root" ]; then
  before() { MINA_DATA_DIR="$before_dir" MINA_DB_IDLE_SECONDS=0 "$before_root/mina" "$@"; }
else
  before() {
    MINA_DATA_DIR="$before_dir" MINA_DB_IDLE_SECONDS=0 \
      "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar app-cli/target/mina.jar "$@"
  }
fi
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
generate=(generate --pass-id pass:user:bench --brief "matcha latte on marble, morning light" --aspect-ratio 4:5)
# Not measured: initdb, migrations, seeds, the class-data archive (written by the first call that opens a database).
after credits grant pass:user:bench 1000 >/dev/null 2>&1
after db stop >/dev/null
before credits grant pass:user:bench 1000 >/dev/null 2>&1
before "${generate[@]}" >/dev/null 2>&1

declare -A all
keys=(before first_after second_after)
echo "round  before  first-after  second-after  (ms; load average at the end of the round)"
for round in $(seq "$rounds"); do
  before=$(ms before "${generate[@]}")
  first_after=$(ms after "${generate[@]}")
  sleep "$gap"
  second_after=$(ms after "${generate[@]}")
  after db stop >/dev/null
  echo "$round      $before    $first_after        $second_after        ($(cut -d' ' -f1 /proc/loadavg))"
  for k in "${keys[@]}"; do all[$k]+="${!k} "; done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median $(for k in "${keys[@]}"; do printf '%s=%s ' "$k" "$(echo "${all[$k]}" | median)"; done)"
