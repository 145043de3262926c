#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit, integration (SQLite and PostgreSQL), component and browser tests.
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

step "lint and format check (biome ci; pnpm format rewrites the files)"
# Reported here and in the exit status, without hiding the tests' results behind it.
set +e
$PNPM run --silent lint
lint_status=$?
set -e

step "build (the banner bundle the browser tests load)"
$PNPM run --silent build

step "vitest (all projects)"
mkdir -p .test-output
set +e
$PNPM exec vitest run --reporter=default --reporter=json --outputFile.json=.test-output/vitest.json "$@"
vitest_status=$?
set -e
node scripts/lib/summarize-tests.mjs .test-output/vitest.json "$vitest_status"
[ "$lint_status" = 0 ] || echo "lint failed (see above): run pnpm lint, and pnpm format to fix formatting"
[ "$vitest_status" = 0 ] || exit $vitest_status
exit $lint_status
