#!/usr/bin/env bash
# Re-measures issue 21's figures for two builds in one sitting, alternating them (before, after, after, before, …)
# so that the machine's load falls on both alike. Each build is a worktree whose bench jar is built
# (`./build -pl bench -am package -DskipTests`). Prints `uptime` before each run and, per figure, the harnesses' own
# summary lines; every run's whole output is kept in the log directory.
#
#   bench/issue21.sh BEFORE_WORKTREE AFTER_WORKTREE [--rounds N] [--only "P7 P6 P6x2 P1 P2 P3"] [--with-p3]
#                    [--logs DIR]
#
# --rounds N   pairs of runs per figure (default 1: before, after; 2: before, after, after, before; …)
# --with-p3    also P3 (InFlight: up to 8 warm-up batches until the JIT settles, then the counted one; ~8 min a
#              run); off by default because it is long
# --only LIST  just these figures (P7 P6 P6x2 P1 P2 P3)
set -euo pipefail

usage() { sed -n '2,13p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
before="$(cd "$1" && pwd)"; after="$(cd "$2" && pwd)"; shift 2
rounds=1; only="P7 P6 P6x2 P1 P2"; logs=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --with-p3) only="$only P3"; shift ;;
        --logs) logs="$2"; shift 2 ;;
        *) usage ;;
    esac
done
logs="${logs:-$(mktemp -d /tmp/issue21.XXXXXX)}"
mkdir -p "$logs"
for tree in "$before" "$after"; do
    [ -f "$tree/bench/target/bench.jar" ] || { echo "no bench/target/bench.jar in $tree: build it first" >&2; exit 2; }
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
mina_find_jdk

# figure -> harness and arguments (docs/benchmarks.md, "Request queue and shared stream reads")
declare -A harness=(
    [P7]="CreateLatency --generations 2000 --warmup 300 --concurrency 256 --probes 60 --idle-probes 300"
    [P6]="SseFanout --subscribers 1000 --generations 10"
    [P6x2]="SseFanout --subscribers 1000 --generations 10 --servers 2"
    [P1]="ChargeThroughput --clients 32 --seconds 4 --rounds 3"
    [P2]="StillThroughput --stills 150 --concurrency 8 --rounds 3"
    [P3]="InFlight --generations 2000 --latency-ms 2000"
)
# figure -> the summary lines worth keeping (grep -E)
declare -A summary=(
    [P7]='^(idle:|while |  during|  after it|the batch|P7 |NOT |ledger:|CPU seconds|server:)'
    [P6]='^(all .* streams open|provider calls released|subscribers:|live line latency|p99 |  line |  read |ledger:)'
    [P6x2]='^(all .* streams open|provider calls released|subscribers:|live line latency|p99 |  line |  streams on |  read |ledger:)'
    [P1]='^(round |ratio:|customers whose)'
    [P2]='^(round |pipeline median|raw JDBC median|raw JDBC stage by stage median|ratio:)'
    [P3]='^(== round|GPT.s input images|one still alone|[0-9]+ stills at once|ratio:|ledger:|CPU seconds|WAL:|server:|server allocated)'
)

run() { # figure label tree round
    local figure="$1" label="$2" tree="$3" log="$logs/$1-$2-$4.log"
    local load; load="$(uptime | sed 's/.*load average: //')"
    echo "--- $figure $label (round $4) $(date -u +%H:%M:%S) | load before: $load"
    echo "load before: $load" >"$log.load"
    # shellcheck disable=SC2086
    (cd "$tree" && "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} \
        -cp "$tree/bench/target/bench.jar:$tree/bench/target/lib/*" "me.minav3.bench.${harness[$figure]%% *}" \
        ${harness[$figure]#* }) >"$log" 2>&1 || echo "    (exit $?; see $log)"
    grep -E "${summary[$figure]}" "$log" | sed 's/^/    /' || true
}

for figure in $only; do
    [ -n "${harness[$figure]:-}" ] || { echo "unknown figure $figure" >&2; exit 2; }
done
echo "before: $before ($(git -C "$before" rev-parse --short HEAD))"
echo "after:  $after ($(git -C "$after" rev-parse --short HEAD))"
echo "logs:   $logs"
# Rounds outermost: stopping after any round leaves every figure with whole before/after pairs.
for ((r = 1; r <= rounds; r++)); do
    for figure in $only; do
        if ((r % 2 == 1)); then
            run "$figure" before "$before" "$r"; run "$figure" after "$after" "$r"
        else
            run "$figure" after "$after" "$r"; run "$figure" before "$before" "$r"
        fi
    done
done

echo
echo "===== summary per figure (harnesses' own lines; full output in $logs)"
for figure in $only; do
    echo "=== $figure: ${harness[$figure]}"
    for ((r = 1; r <= rounds; r++)); do
        for label in before after; do
            log="$logs/$figure-$label-$r.log"
            [ -f "$log" ] || continue
            echo "  $label, round $r ($(cat "$log.load"))"
            grep -E "${summary[$figure]}" "$log" | sed 's/^/    /' || true
        done
    done
done
echo "done $(date -u +%H:%M:%S) | load: $(uptime | sed 's/.*load average: //')"
