#!/usr/bin/env bash
# Run every benchmark and print the table. Arguments go to `python -m bench` (e.g. --quick).
# From a fresh checkout: bash scripts/setup.sh test && .venv/bin/pip install -e '.[bench]' first.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! .venv/bin/python -c "import psutil" 2>/dev/null; then
  echo "psutil is missing: .venv/bin/pip install -e '.[bench]'" >&2
  exit 2
fi
exec .venv/bin/python -m bench "$@"
