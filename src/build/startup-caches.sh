#!/usr/bin/env bash
# Builds the start-up caches bin/rollback uses (run by `mvn package`, see pom.xml):
#   rollback.jsa  AppCDS archive for the default JDK (the one running Maven, else `java`)
#   rollback.aot  AOT cache for a JDK 25+ when one is installed (JEP 483/514)
# Each is trained by running dev.rollback.StartupTraining once (no servers needed), and comes with a
# rollback.<ext>.java file naming the exact java binary it is valid for. A cache that cannot be built
# is skipped with a note: the launcher runs fine without it, only slower.
set -uo pipefail
dir="${1:?usage: startup-caches.sh BUILD_DIR}"
jar="$dir/rollback.jar"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)   # the launcher's flags
rm -f "$dir"/rollback.jsa "$dir"/rollback.jsa.java "$dir"/rollback.aot "$dir"/rollback.aot.java

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# train CACHE JAVA OPTION...: one training run writing $dir/CACHE, then CACHE.java naming the java binary.
train() {
  local cache="$1" java="$2"; shift 2
  if "$java" "${flags[@]}" "$@" -Xlog:cds*=off -cp "$jar" dev.rollback.StartupTraining \
      >"$dir/$cache.training.log" 2>&1 && [ -s "$dir/$cache" ]; then
    echo "$java" > "$dir/$cache.java"
    echo "startup cache: $cache for $java ($(du -h "$dir/$cache" | cut -f1))"
  else
    rm -f "$dir/$cache"
    echo "startup cache: no $cache (training failed, see $dir/$cache.training.log)"
  fi
}

default_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
default_java="$(readlink -f "$(command -v "${default_java:-java}")")"
train rollback.jsa "$default_java" -XX:ArchiveClassesAtExit="$dir/rollback.jsa"

for candidate in ${ROLLBACK_JDK25:+"$ROLLBACK_JDK25/bin/java"} /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  major="$(java_major "$candidate")"
  if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
    # --sun-misc-unsafe-memory-access: as the launcher runs it (protobuf's Unsafe use warns on JDK 24+)
    train rollback.aot "$(readlink -f "$candidate")" --sun-misc-unsafe-memory-access=allow -Xlog:aot*=off \
        -XX:AOTCacheOutput="$dir/rollback.aot"
    break
  fi
done
exit 0
