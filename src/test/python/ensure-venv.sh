#!/usr/bin/env bash
# Creates (once) the cached virtualenv holding the real servers the tests start
# (mlflow). Prints the venv's path on stdout. A lock serialises concurrent
# callers; a stamp file marks a complete install, so an interrupted one is redone.
#
# With a name (ensure-venv.sh dvc) it does the same for requirements-<name>.txt in
# a venv of its own, so tools with clashing dependencies never share one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="${1:-}"
if [ -n "$name" ]; then
  case "$name" in
    *[!a-z0-9-]*) echo "venv name must be lowercase letters, digits and '-': $name" >&2; exit 2 ;;
  esac
  req="$here/requirements-$name.txt"
else
  req="$here/requirements.txt"
fi
[ -f "$req" ] || { echo "no $req" >&2; exit 2; }
hash="$(sha256sum "$req" | cut -c1-12)"
cache="${ROLLBACK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rollback-tests}"
if [ -n "$name" ]; then
  venv="$cache/venv-$name-$hash"
  lock="$cache/.venv-$name.lock"
else
  venv="$cache/venv-$hash"
  lock="$cache/.venv.lock"
fi
mkdir -p "$cache"
exec 9>"$lock"
flock 9
if [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  echo "installing test ${name:-servers} into $venv (once; takes a few minutes)" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
echo "$venv"
