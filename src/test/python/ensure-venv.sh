#!/usr/bin/env bash
# Creates (once) the cached virtualenv holding the real servers the tests start
# (mlflow). Prints the venv's path on stdout. A lock serialises concurrent
# callers; a stamp file marks a complete install, so an interrupted one is redone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
req="$here/requirements.txt"
hash="$(sha256sum "$req" | cut -c1-12)"
cache="${ROLLBACK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rollback-tests}"
venv="$cache/venv-$hash"
mkdir -p "$cache"
exec 9>"$cache/.venv.lock"
flock 9
if [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  echo "installing test servers into $venv (once; takes a few minutes)" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
echo "$venv"
