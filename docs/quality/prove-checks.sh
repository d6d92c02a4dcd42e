#!/usr/bin/env bash
# Proves that the build fails on what Error Prone and NullAway exist to catch (issue 25, "Proof"):
#   1. a null dereference in @NullMarked code  -> [NullAway] dereferenced expression 'text' is @Nullable
#   2. an Error Prone ERROR-level finding      -> [DeadException] Exception created but not thrown
# Each case copies one bad source file into mma-core's source tree, compiles mma-core with ./build, expects the
# compile to FAIL with the expected message, and removes the file again (also on Ctrl-C or an error: trap).
# Usage: docs/quality/prove-checks.sh        (from anywhere; exit 0 = both checks fail the build as they should)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/mma-core/src/main/java/me/minav3/mma/common"
log="$(mktemp)"
planted=()
cleanup() {
  for f in "${planted[@]}"; do rm -f "$f"; done
  rm -f "$log"
}
trap cleanup EXIT INT TERM

prove() { # name, expected message (fixed string), source text
  local name="$1" expected="$2" source="$3" file="$dir/$1.java"
  [ ! -e "$file" ] || { echo "refusing to overwrite $file" >&2; exit 2; }
  planted+=("$file")
  printf '%s\n' "$source" > "$file"
  echo "== $name: expecting the compile of mma-core to fail with: $expected"
  if "$root/build" -B -q -pl mma-core compile >"$log" 2>&1; then
    echo "FAIL: mma-core compiled with $name.java in it; the check did not stop the build" >&2
    exit 1
  fi
  if ! grep -F -- "$expected" "$log" | grep -F "$name.java" | head -3; then
    echo "FAIL: the build failed, but not with \"$expected\" on $name.java:" >&2
    cat "$log" >&2
    exit 1
  fi
  rm -f "$file"
  echo "OK: the build fails as it should"
}

prove ProveNullAway "[NullAway] dereferenced expression 'text' is @Nullable" '
package me.minav3.mma.common;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** Planted by docs/quality/prove-checks.sh: dereferences a value that may be null. */
@NullMarked
final class ProveNullAway {
    static int length(@Nullable String text) {
        return text.length();
    }
}'

prove ProveErrorProne "[DeadException]" '
package me.minav3.mma.common;

/** Planted by docs/quality/prove-checks.sh: creates an exception and forgets to throw it. */
final class ProveErrorProne {
    static void check(int amount) {
        if (amount < 0) {
            new IllegalArgumentException("negative amount");
        }
    }
}'

echo "== both checks fail the build: Error Prone and NullAway are on"
