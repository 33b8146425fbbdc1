#!/usr/bin/env python3
"""Benchmark the real `bin/rollback` launcher: wall time and peak RSS per command.

Cases: --version, --help, `status svc-001` and `status` over 50 services, the last two
against a local, freshly seeded MLflow server. Standard library only. See README.md.
"""
import argparse, concurrent.futures, datetime, json, os, re, signal, socket, statistics
import subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "bin" / "rollback"
N_MODELS, N_VERSIONS, WARMUPS = 50, 3, 2


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mlflow:
    """A throwaway MLflow server in its own process group, so stop() reaches its workers too."""

    def __init__(self, venv, tmp):
        self.port, self.log_path = free_port(), tmp / "mlflow.log"
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PYTHONUNBUFFERED="1")  # access-log lines reach the file at once
        self.proc = subprocess.Popen(
            [f"{venv}/bin/mlflow", "server", "--backend-store-uri", f"sqlite:///{tmp}/mlflow.db",
             "--default-artifact-root", f"{tmp}/artifacts", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "1"],
            stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def wait_healthy(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"mlflow server exited early:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit(f"mlflow server not healthy after {timeout}s:\n{self.log_path.read_text()[-3000:]}")

    def api(self, method, path, body=None):
        url = f"{self.url}/api/2.0/mlflow/{path}"
        if method == "GET" and body:
            url += "?" + urllib.parse.urlencode(body)
            body = None
        req = urllib.request.Request(url, method=method, headers={"Content-Type": "application/json"},
                                     data=json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            sys.exit(f"MLflow {method} {path} failed: {e.code} {e.read().decode()[:500]}")

    def api_requests(self):
        """Lines of uvicorn's access log that are REST calls (used to count the CLI's requests)."""
        return len(re.findall(r'"(?:GET|POST|PATCH|DELETE) /api/', self.log_path.read_text()))

    def stop(self):
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(wait)
                return
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                continue


def seed_model(srv, exp_id, i):
    """One registered model with 3 READY versions: v1 healthy baseline, v3 live (alias + stage)."""
    name = f"bench-model-{i:03d}"
    srv.api("POST", "registered-models/create", {"name": name})
    for n in range(1, N_VERSIONS + 1):
        now = int(time.time() * 1000)
        run_id = srv.api("POST", "runs/create", {"experiment_id": exp_id, "start_time": now})["run"]["info"]["run_id"]
        srv.api("POST", "runs/log-metric", {"run_id": run_id, "key": "diversity", "value": 0.5 + n / 10,
                                            "timestamp": now, "step": 0})
        v = srv.api("POST", "model-versions/create", {
            "name": name, "source": f"s3://mlflow-artifacts/{name}/{n}/model", "run_id": run_id})["model_version"]
        while v["status"] != "READY":  # READY is immediate on a local store, but don't assume it
            time.sleep(0.1)
            v = srv.api("GET", "model-versions/get", {"name": name, "version": v["version"]})["model_version"]
    srv.api("POST", "model-versions/set-tag",
            {"name": name, "version": "1", "key": "rollback.healthy_baseline", "value": "true"})
    srv.api("POST", "registered-models/alias", {"name": name, "alias": "champion", "version": str(N_VERSIONS)})
    srv.api("POST", "model-versions/transition-stage", {"name": name, "version": str(N_VERSIONS),
                                                        "stage": "Production", "archive_existing_versions": False})


def write_config(path, url, n):
    lines = ["registries:", "  default:", f"    trackingUri: {url}", "services:"]
    for i in range(1, n + 1):
        lines += [f"  svc-{i:03d}:", "    model:", f"      name: bench-model-{i:03d}",
                  "      primaryMetric: diversity", "    live:", "      alias: champion", "      stage: Production"]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run_once(argv, env, tmp):
    """One launcher run. os.wait4 gives this child's own rusage (ru_maxrss in KiB on Linux);
    bash execs java, so it is the JVM's peak RSS. Output goes to files: no pipe can fill up."""
    with open(tmp / "out", "w+") as out, open(tmp / "err", "w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(LAUNCHER), *argv], stdout=out, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall_ms = (time.perf_counter() - t0) * 1000
        p.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait() again
        out.seek(0), err.seek(0)
        return wall_ms, ru.ru_maxrss / 1024, p.returncode, out.read(), err.read()


def bench(label, argv, env, tmp, runs, expect_exit=0):
    samples, stderr_seen = [], ""
    for k in range(WARMUPS + runs):
        ms, rss, code, out, err = run_once(argv, env, tmp)
        if code != expect_exit:  # never report numbers for a failing command
            sys.exit(f"{label}: exit {code}, expected {expect_exit}\n--- stdout\n{out[-2000:]}\n--- stderr\n{err[-3000:]}")
        stderr_seen = stderr_seen or err.strip()
        if k >= WARMUPS:
            samples.append((ms, rss))
    print(f"  {label}: done", file=sys.stderr)
    return {"case": label, "argv": argv, "wall_ms": [s[0] for s in samples],
            "max_rss_mib": [s[1] for s in samples], "stderr": stderr_seen, "last_stdout": out}


def p90(xs):  # nearest-rank percentile: an actual sample, fine for ~10 runs
    xs = sorted(xs)
    return xs[max(0, -(-len(xs) * 9 // 10) - 1)]


def launcher_command(env):
    """The java binary and flags bin/rollback really uses with this environment (ROLLBACK_LAUNCHER_DEBUG)."""
    err = subprocess.run([str(LAUNCHER), "--version"], env=dict(env, ROLLBACK_LAUNCHER_DEBUG="1"),
                         capture_output=True, text=True).stderr
    line = next((l for l in err.splitlines() if l.startswith("+ ")), "+ ?")
    return line[2:].split(" -jar ")[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10, help="measured runs per case (after 2 warm-ups)")
    ap.add_argument("--json", metavar="FILE", help="also save raw numbers here")
    args = ap.parse_args()
    started = time.monotonic()
    # SIGTERM becomes an exception too, so the finally below always stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))

    jar = os.environ.get("ROLLBACK_JAR")
    if not jar:
        print("building the jar (mvn -q -DskipTests package)...", file=sys.stderr)
        subprocess.run(["mvn", "-q", "-DskipTests", "package"], cwd=REPO, check=True)
        jar = str(REPO / "target" / "rollback.jar")
    env = dict(os.environ, ROLLBACK_JAR=jar, NO_COLOR="1")
    venv = sh(str(REPO / "src/test/python/ensure-venv.sh"))

    with tempfile.TemporaryDirectory(prefix="rollback-bench-") as tmpdir:
        tmp = Path(tmpdir)
        srv = Mlflow(venv, tmp)
        try:
            print(f"starting mlflow on {srv.url}...", file=sys.stderr)
            srv.wait_healthy()
            for _ in range(5):  # first requests on a fresh server are slow (imports, DB init)
                srv.api("GET", "registered-models/search", {"max_results": 10})
                srv.api("GET", "model-versions/search", {"max_results": 10})
            exp_id = srv.api("POST", "experiments/create", {"name": "bench"})["experiment_id"]
            t0 = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda i: seed_model(srv, exp_id, i), range(1, N_MODELS + 1)))
            print(f"seeded {N_MODELS} models in {time.monotonic() - t0:.1f}s", file=sys.stderr)
            one = write_config(tmp / "one.yaml", srv.url, 1)
            fifty = write_config(tmp / "fifty.yaml", srv.url, N_MODELS)

            results = [bench("--version", ["--version"], env, tmp, args.runs),
                       bench("--help", ["--help"], env, tmp, args.runs),
                       bench("status svc-001", ["status", "svc-001", "--config", one], env, tmp, args.runs),
                       bench(f"status ({N_MODELS} services)", ["status", "--config", fifty], env, tmp, args.runs)]
            if results[3]["last_stdout"].count("bench-model-") < N_MODELS:
                sys.exit("status over 50 services did not list every model:\n" + results[3]["last_stdout"])
            # HTTP requests of one `status svc-001`: access-log lines before/after (let the log settle).
            before = srv.api_requests()
            run_once(["status", "svc-001", "--config", one], env, tmp)
            time.sleep(1)
            http_requests = srv.api_requests() - before
        finally:
            srv.stop()

    facts = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
             "nproc": len(os.sched_getaffinity(0)),
             "launcher_runs": launcher_command(env), "jar": jar, "http_requests_status_1": http_requests}
    print(f"\nDate: {facts['date']}  |  nproc: {facts['nproc']}")
    print(f"bin/rollback runs: `{facts['launcher_runs']}`\n")
    print("| case | runs | median ms | min ms | p90 ms | max RSS MiB (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        w = r["wall_ms"]
        print(f"| `{r['case']}` | {len(w)} | {statistics.median(w):.0f} | {min(w):.0f} | {p90(w):.0f} "
              f"| {statistics.median(r['max_rss_mib']):.1f} |")
    ratio = statistics.median(results[3]["wall_ms"]) / statistics.median(results[2]["wall_ms"])
    print(f"\nstatus 50 / status 1 (median wall): {ratio:.2f}x  (~1x: services queried concurrently; ~50x: serially)")
    print(f"HTTP requests to MLflow for one `status svc-001` (server access log): {http_requests}")
    for r in results:
        if r["stderr"]:
            print(f"note: `{r['case']}` wrote to stderr despite success: {r['stderr'][:300]!r}")
    print(f"total bench time: {time.monotonic() - started:.0f}s")
    if args.json:
        for r in results:
            del r["last_stdout"]
        Path(args.json).write_text(json.dumps({"facts": facts, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
