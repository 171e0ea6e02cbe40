#!/usr/bin/env bash
# System packages the tests need: make, Debian's chromium (+ a font) for the browser tests, and
# redis-server for the shared rate-limit tests.
# Playwright drives this chromium; no browser is ever downloaded. Called by `make test` and `.ci/run`.
# As root it installs what is missing; otherwise it stops at once with the exact command to run.
# CHROMIUM names the browser to look for (default /usr/bin/chromium, where the tests expect it).
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

need=()
command -v make >/dev/null || need+=(make)
[ -x "$CHROMIUM" ] || need+=(chromium fonts-dejavu-core)
command -v redis-server >/dev/null || need+=(redis-server)
# PostgreSQL for the shared feedback and ingest-lock tests (tests/test_postgres.py).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: the tests need ${need[*]} (browser looked for at $CHROMIUM); as root, run:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi
echo "installing ${need[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086  # word splitting of the package list is intended
$cmd -qq >/dev/null
