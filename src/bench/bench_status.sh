#!/usr/bin/env bash
# Benchmark `rollback status` over many services with serving (registry + Deployment each), run
# concurrently: wall time for N services against one. Local test stack: real MLflow, fabric8 mock
# API server + test Deployment controller. Usage: src/bench/bench_status.sh [SERVICES] [RUNS] (20, 10).
set -euo pipefail
exec "$(dirname "$0")/run_java_bench.sh" StatusBench "${1:-20}" "${2:-10}" bin/rollback
