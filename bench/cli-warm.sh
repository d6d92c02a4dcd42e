#!/usr/bin/env bash
# P5 (issue 21, decision 039): wall time of `./mina` calls on the embedded PostgreSQL, before and after in one sitting.
#   bench/cli-warm.sh [ROUNDS]      (default 5; prints each round and the medians, in ms)
# "before" runs the jar as the old launcher did (java -jar, no C1/CDS flags) with MINA_DB_IDLE_SECONDS=0, so every
# call starts and stops its own server, as on main before decision 039; "after" runs ./mina as shipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=../bin/jdk.sh
. bin/jdk.sh
mina_find_jdk
rounds=${1:-5}
./mina --version >/dev/null # builds the CLI if needed (and makes the class-data archive)
unset DATABASE_URL
MINA_DATA_DIR=$(mktemp -d)
export MINA_DATA_DIR
trap './mina db stop --force >/dev/null 2>&1 || true; rm -rf "$MINA_DATA_DIR"' EXIT
old() { MINA_DB_IDLE_SECONDS=0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar app-cli/target/mina.jar "$@"; }
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
generate=(generate --pass-id pass:user:bench --brief "matcha latte on marble, morning light" --aspect-ratio 4:5)
./mina credits grant pass:user:bench 1000 >/dev/null 2>&1 # initdb, migrations, seeds: not measured
./mina db stop >/dev/null

declare -A all
echo "round  jvm-before  jvm-after  call-before  first-after  second-after  (ms)"
for round in $(seq "$rounds"); do
  jvm_before=$(ms old --version)
  jvm_after=$(ms ./mina --version)
  call_before=$(ms old "${generate[@]}")
  ./mina db stop >/dev/null
  first_after=$(ms ./mina "${generate[@]}")
  second_after=$(ms ./mina "${generate[@]}")
  ./mina db stop >/dev/null
  echo "$round      $jvm_before        $jvm_after       $call_before         $first_after         $second_after"
  for k in jvm_before jvm_after call_before first_after second_after; do all[$k]+="${!k} "; done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median $(for k in jvm_before jvm_after call_before first_after second_after; do
  printf '%s=%s ' "$k" "$(echo "${all[$k]}" | median)"; done)"
