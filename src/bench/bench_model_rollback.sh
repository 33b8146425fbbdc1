#!/usr/bin/env bash
# Benchmark one `rollback model` on the local test stack (real MLflow, moto, Kubernetes mock API
# server + test Deployment controller): round trips per backend and the tool's own time excluding
# the rollout wait. Usage: src/bench/bench_model_rollback.sh [RUNS] (default 10). See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${ROLLBACK_BENCH_BUILD:-target-bench}
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" -DskipTests package test-compile
mvn -q -B -Drollback.buildDir="$PWD/$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$BUILD/bench-classpath.txt" >/dev/null
CP="$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench-classpath.txt")"
javac -d "$BUILD/bench-classes" -cp "$CP" src/bench/java/dev/rollback/bench/*.java
ROLLBACK_JAR="$PWD/$BUILD/rollback.jar" exec java -cp "$BUILD/bench-classes:$CP" \
    dev.rollback.bench.ModelRollbackBench "${1:-10}" bin/rollback
