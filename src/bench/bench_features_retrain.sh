#!/usr/bin/env bash
# rollback features (real git + DVC) and rollback retrain (GitLab stand-in), fresh JVM per run; medians.
# Usage: src/bench/bench_features_retrain.sh [RUNS]   (needs the dvc test venv: src/test/python/ensure-venv.sh dvc)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec src/bench/run_java_bench.sh FeaturesRetrainBench "${1:-10}" bin/rollback
