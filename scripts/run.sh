#!/usr/bin/env bash
# Set up (first time) and start the console. Arguments go to `studio`, e.g. --dry-run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/studio "$@"
