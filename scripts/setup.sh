#!/usr/bin/env bash
# Create .venv (if missing) and install Studio Console into it, with the given extras.
# Usage: bash scripts/setup.sh [extras]   e.g. bash scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # (pip's notes about package-index locations this machine does not have are filtered out)
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | { grep -v "is ignored: it is neither" || true; }
  target="."
  [ -n "$extras" ] && target=".[$extras]"
  .venv/bin/python -m pip install -q -e "$target" 2>&1 | { grep -v "is ignored: it is neither" || true; }
  touch "$stamp"
fi
if [ -f scripts/build_i18n.py ]; then
  .venv/bin/python scripts/build_i18n.py
fi
