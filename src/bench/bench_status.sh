#!/usr/bin/env bash
# Benchmark `rollback status` over many services with serving (registry + Deployment each), run
# concurrently: wall time for N services against one. Local test stack: real MLflow, fabric8 mock
# API server + test Deployment controller. Usage: src/bench/bench_status.sh [SERVICES] [RUNS] (20, 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${ROLLBACK_BENCH_BUILD:-target-bench}
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" -DskipTests package test-compile
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$BUILD/bench-classpath.txt" >/dev/null
CP="$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench-classpath.txt")"
javac -d "$BUILD/bench-classes" -cp "$CP" src/bench/java/dev/rollback/bench/*.java
ROLLBACK_JAR="$PWD/$BUILD/rollback.jar" exec java -cp "$BUILD/bench-classes:$CP" \
    dev.rollback.bench.StatusBench "${1:-20}" "${2:-10}" bin/rollback
