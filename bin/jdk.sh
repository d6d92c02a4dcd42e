# Sourced by ./mina, ./build and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, the JDKs under /usr/lib/jvm (newest first), the java on PATH.

mina_java_major() {
  # The JDK's release file says it without starting a JVM (half a second on a busy machine, on every ./mina call).
  if [ -r "$1/release" ] && grep -q '^JAVA_VERSION=' "$1/release"; then
    awk -F'"' '/^JAVA_VERSION=/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }' "$1/release"
    return
  fi
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

mina_find_jdk() {
  local candidates=() dir major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(mina_java_major "$JAVA_HOME") # the usual case, without listing /usr/lib/jvm
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME
      return 0
    fi
  fi
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(mina_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$dir"
      return 0
    fi
  done
  echo "mina: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm and the java on PATH)." >&2
  echo "      Install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21+) or point JAVA_HOME at it." >&2
  return 1
}

mina_find_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mina: Maven (mvn) 3.8 or newer is needed to build MINAV3 and was not found on PATH." >&2
    echo "      Install it (e.g. apt-get install maven) and try again." >&2
    return 1
  fi
  # Maven's own libraries trip JDK 24+ warnings about sun.misc.Unsafe; they are harmless, keep the output clean.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  if [ "$(mina_java_major "$JAVA_HOME")" -lt 24 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS/--sun-misc-unsafe-memory-access=allow/}"
  fi
}
