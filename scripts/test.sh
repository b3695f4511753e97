#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then lint and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: real OBS Studio and a virtual X server for the real-OBS tests, fonts for
# Cyrillic screenshots. Installed only when missing.
need=()
command -v obs >/dev/null 2>&1 || need+=(obs-studio)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)  # rundowns by a 2nd writer
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the show server's views, in a browser
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)  # ... behind a proxy
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing system packages (real-OBS tests will be skipped): ${need[*]}" >&2
  fi
fi

bash scripts/setup.sh test

echo "== ruff check"; .venv/bin/ruff check .
echo "== ruff format --check"; .venv/bin/ruff format --check .
echo "== import contracts (studio is Qt-free and keeps its floors; ui reads Runtime and its view)"
.venv/bin/lint-imports
echo "== mypy --strict studio"; .venv/bin/mypy
echo "== sizes (files <= 600 lines, functions <= 80 lines and complexity <= 20)"
.venv/bin/python scripts/check_size.py
echo "== shipped OBS scene collection matches scenes/default.yaml"
.venv/bin/python scripts/make_scene_collection.py --check
echo "== pytest"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
