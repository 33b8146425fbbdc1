"""A stand-in for the `helm` binary in tests. It is NOT Helm: it speaks Helm 3's documented output shapes
(`helm history -o json`, `helm get manifest|values`, `helm rollback`, `helm version --template`) over a JSON
state file next to it, and logs each argv as a JSON line to argv.log, so tests can check what rollback runs."""
import datetime
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
STATE = os.path.join(HERE, "state.json")


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(1)


def parse(argv):
    """Splits argv into positionals and flags the way cobra does (--flag value, --flag=value, bool flags)."""
    bools = {"--all", "--wait"}
    pos, flags, i = [], {}, 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("-"):
            if "=" in a:
                k, v = a.split("=", 1)
                flags[k] = v
            elif a in bools:
                flags[a] = "true"
            else:
                if i + 1 >= len(argv):
                    fail("Error: flag needs an argument: " + a)
                flags[a] = argv[i + 1]
                i += 1
        else:
            pos.append(a)
        i += 1
    return pos, flags


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"


def main():
    argv = sys.argv[1:]
    with open(os.path.join(HERE, "argv.log"), "a") as log:
        log.write(json.dumps(argv) + "\n")
    with open(STATE) as f:
        state = json.load(f)
    pos, flags = parse(argv)
    cmd = " ".join(pos[:2]) if pos[:1] == ["get"] else (pos[0] if pos else "")
    major = int(state.get("version", "v3.21.0").lstrip("v").split(".")[0])

    if cmd in state.get("errors", {}):
        fail(state["errors"][cmd])
    if cmd == "version":
        sys.stdout.write(state.get("version", "v3.21.0"))
        return
    wait = flags.get("--wait")
    if wait is not None and wait not in ("true", "false") and (major < 4 or wait not in ("watcher", "legacy", "hookOnly")):
        fail('Error: invalid argument "%s" for "--wait" flag: strconv.ParseBool: parsing "%s": invalid syntax' % (wait, wait))
    release = pos[1] if cmd in ("history", "rollback") else (pos[2] if len(pos) > 2 else "")
    if flags.get("--namespace") != state["namespace"] or release != state["release"]:
        fail("Error: release: not found")
    revs = state["revisions"]

    if cmd == "history":
        keys = ("revision", "updated", "status", "chart", "app_version", "description")
        print(json.dumps([{k: r[k] for k in keys} for r in revs[-int(flags.get("--max", "256")):]]))
    elif cmd in ("get manifest", "get values"):
        wanted = int(flags.get("--revision", revs[-1]["revision"]))
        match = [r for r in revs if r["revision"] == wanted]
        if not match:
            fail("Error: release: not found")
        if cmd == "get manifest":
            sys.stdout.write(match[0].get("manifest", ""))
        else:
            print(json.dumps(match[0].get("values", {})))
    elif cmd == "rollback":
        target = int(pos[2]) if len(pos) > 2 else revs[-1]["revision"] - 1
        match = [r for r in revs if r["revision"] == target]
        if not match:
            fail("Error: release has no %d version" % target)
        time.sleep(state.get("rollback_sleep", 0))
        new = dict(match[0], revision=revs[-1]["revision"] + 1, updated=now(), description="Rollback to %d" % target)
        failure = state.get("rollback_failure")
        if failure:
            # Helm records the failed rollback as a failed revision before it reports the error
            new.update(status="failed", description='Release "%s" failed: %s' % (release, failure.split(": ", 1)[1]))
            revs.append(new)
            save(state)
            fail(failure)
        for r in revs:
            if r["status"] == "deployed":
                r["status"] = "superseded"
        new["status"] = "deployed"
        revs.append(new)
        save(state)
        print("Rollback was a success! Happy Helming!")
    else:
        fail('Error: unknown command "%s" for "helm"' % cmd)


def save(state):
    with open(STATE, "w") as f:
        json.dump(state, f, indent=1)


main()
