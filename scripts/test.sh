#!/usr/bin/env bash
# Runs every test: typecheck, unit, integration (SQLite and PostgreSQL), component and browser tests.
# Installs what it needs: pnpm (through npx), dependencies, and, when running as root, Debian's
# chromium and postgresql. Prints "N passed, N failed" last; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_pnpm
ensure_dependencies
ensure_chromium
ensure_postgres
ensure_sample_tools

step "typecheck"
$PNPM exec tsc -b

step "build (the banner bundle the browser tests load)"
$PNPM run --silent build

step "vitest (all projects)"
mkdir -p .test-output
set +e
$PNPM exec vitest run --reporter=default --reporter=json --outputFile.json=.test-output/vitest.json "$@"
vitest_status=$?
set -e
node scripts/lib/summarize-tests.mjs .test-output/vitest.json "$vitest_status"
exit $vitest_status
