#!/usr/bin/env bash
# P5 (issue 21, decisions 039 and 050): CPU seconds and wall time of a warm `./mina` call, this build against another,
# alternated in one sitting. CPU is the figure to read on a busy machine: it does not depend on the others' load.
#   bench/cli-warm-cpu.sh BEFORE_ROOT [ROUNDS]      (default 5 rounds)
# BEFORE_ROOT: another checkout whose CLI is built (e.g. `git worktree add /tmp/mina-before main && /tmp/mina-before/mina
# --version`). Each side gets its own data directory and warm server; the first call of each side (it starts the
# server and writes the class-data archive) is not measured. A round runs, on each side, `generate` (a local still)
# and `credits balance`, each under /usr/bin/time. Prints every call and the medians: CPU = user + sys of the `mina`
# process (the PostgreSQL server's share is not in it), wall in seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before_root=${1:?usage: bench/cli-warm-cpu.sh BEFORE_ROOT [ROUNDS]}
rounds=${2:-5}
unset DATABASE_URL
dirs=$(mktemp -d /tmp/cli-warm-cpu.XXXXXX)
cleanup() {
  MINA_DATA_DIR="$dirs/before" "$before_root/mina" db stop --force >/dev/null 2>&1 || true
  MINA_DATA_DIR="$dirs/after" "$root/mina" db stop --force >/dev/null 2>&1 || true
  rm -rf "$dirs"
}
trap cleanup EXIT
side() { local name=$1; shift; if [ "$name" = before ]; then MINA_DATA_DIR="$dirs/before" "$before_root/mina" "$@"; else MINA_DATA_DIR="$dirs/after" "$root/mina" "$@"; fi; }
generate=(generate --pass-id pass:user:bench --brief "matcha latte on marble, morning light" --aspect-ratio 4:5)
balance=(credits balance pass:user:bench)
for s in before after; do
  side "$s" credits grant pass:user:bench 1000 >/dev/null 2>&1
  side "$s" "${generate[@]}" >/dev/null 2>&1
done
declare -A cpu wall
measure() { # side label args...
  local s=$1 label=$2 out
  shift 2
  out=$( { /usr/bin/time -f '%e %U %S' bash -c '"$@" >/dev/null 2>/dev/null' _ "$@"; } 2>&1 | tail -1)
  read -r e u y <<<"$out"
  local c
  c=$(awk -v u="$u" -v y="$y" 'BEGIN { printf "%.2f", u + y }')
  cpu[$s.$label]+="$c "
  wall[$s.$label]+="$e "
  printf '%-7s %-8s cpu %5s s  wall %6s s  (load %s)\n' "$s" "$label" "$c" "$e" "$(cut -d' ' -f1 /proc/loadavg)"
}
for round in $(seq "$rounds"); do
  for s in before after; do
    if [ "$s" = before ]; then m=("$before_root/mina"); d="$dirs/before"; else m=("$root/mina"); d="$dirs/after"; fi
    measure "$s" generate env MINA_DATA_DIR="$d" "${m[@]}" "${generate[@]}"
    measure "$s" balance env MINA_DATA_DIR="$d" "${m[@]}" "${balance[@]}"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for label in generate balance; do
  for s in before after; do
    echo "median $s $label: cpu $(echo "${cpu[$s.$label]}" | median) s, wall $(echo "${wall[$s.$label]}" | median) s"
  done
done
