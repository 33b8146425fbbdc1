#!/usr/bin/env bash
# Builds the project, its tests and src/bench/java into $ROLLBACK_BENCH_BUILD (default target-bench), then runs
# the benchmark class given with the remaining arguments. Shared by bench_model_rollback.sh and bench_status.sh.
# Usage: src/bench/run_java_bench.sh CLASS [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${ROLLBACK_BENCH_BUILD:-target-bench}
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" -DskipTests package test-compile
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$BUILD/bench-classpath.txt" >/dev/null
CP="$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench-classpath.txt")"
javac -d "$BUILD/bench-classes" -cp "$CP" src/bench/java/dev/rollback/bench/*.java
CLASS=$1
shift
ROLLBACK_JAR="$PWD/$BUILD/rollback.jar" exec java -cp "$BUILD/bench-classes:$CP" "dev.rollback.bench.$CLASS" "$@"
