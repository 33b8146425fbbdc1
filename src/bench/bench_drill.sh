#!/usr/bin/env bash
# rollback drill on the local stack (real MLflow, moto, fabric8 mock API + test controller, real Prometheus
# scraping the served model's metrics every second), run as the real launcher; reports each phase and the
# detection-to-rollback-complete time for a 30 s, 5 s and 1 s check interval with 3 consecutive breaches.
# Usage: src/bench/bench_drill.sh [RUNS_PER_INTERVAL]   (needs prometheus: apt-get install prometheus)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec src/bench/run_java_bench.sh DrillBench "${1:-1}" bin/rollback
