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

default_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
default_java="$(readlink -f "$(command -v "${default_java:-java}")")"
if "$default_java" "${flags[@]}" -XX:ArchiveClassesAtExit="$dir/rollback.jsa" -Xlog:cds*=off \
    -cp "$jar" dev.rollback.StartupTraining >"$dir/startup-training.log" 2>&1 && [ -s "$dir/rollback.jsa" ]; then
  echo "$default_java" > "$dir/rollback.jsa.java"
  echo "startup cache: AppCDS archive for $default_java ($(du -h "$dir/rollback.jsa" | cut -f1))"
else
  rm -f "$dir/rollback.jsa"
  echo "startup cache: no AppCDS archive (training failed, see $dir/startup-training.log)"
fi

jdk25=""
for candidate in ${ROLLBACK_JDK25:+"$ROLLBACK_JDK25/bin/java"} /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  major="$(java_major "$candidate")"
  if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then jdk25="$(readlink -f "$candidate")"; break; fi
done
if [ -n "$jdk25" ]; then
  if "$jdk25" "${flags[@]}" --sun-misc-unsafe-memory-access=allow -XX:AOTCacheOutput="$dir/rollback.aot" -Xlog:aot*=off -Xlog:cds*=off \
      -cp "$jar" dev.rollback.StartupTraining >"$dir/startup-training-aot.log" 2>&1 && [ -s "$dir/rollback.aot" ]; then
    echo "$jdk25" > "$dir/rollback.aot.java"
    echo "startup cache: AOT cache for $jdk25 ($(du -h "$dir/rollback.aot" | cut -f1))"
  else
    rm -f "$dir/rollback.aot"
    echo "startup cache: no AOT cache (training failed, see $dir/startup-training-aot.log)"
  fi
fi
exit 0
