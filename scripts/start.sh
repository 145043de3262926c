#!/usr/bin/env bash
# Starts the demo: the API on an embedded SQLite file, the banner and the example site, on one port.
# Installs what it needs first (pnpm through npx, then the dependencies). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_pnpm
ensure_dependencies
step "build"
$PNPM run --silent build
step "start"
exec node examples/demo/dist/server.js "$@"
