#!/usr/bin/env bash
# Benchmark one `rollback model` on the local test stack (real MLflow, moto, Kubernetes mock API
# server + test Deployment controller): round trips per backend and the tool's own time excluding
# the rollout wait. Usage: src/bench/bench_model_rollback.sh [RUNS] (default 10). See README.md.
set -euo pipefail
exec "$(dirname "$0")/run_java_bench.sh" ModelRollbackBench "${1:-10}" bin/rollback
