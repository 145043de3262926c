# Shared by scripts/test.sh and scripts/start.sh: install what the project needs, or say what to install.

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  is_root || die "$1 is missing. Install it (Debian/Ubuntu: sudo apt-get install -y $*) and run again."
  step "apt-get install $*"
  if [ -z "${CONSENTRY_APT_UPDATED:-}" ]; then apt-get update -qq; export CONSENTRY_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# pnpm 10: corepack fails the registry signature check on these machines and pnpm 11 needs Node 22.
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [[ "$(pnpm --version 2>/dev/null)" == 10.* ]]; then
    PNPM=pnpm
  else
    PNPM="npx -y pnpm@10"
  fi
  export PNPM
}

ensure_dependencies() {
  step "install dependencies"
  # better-sqlite3 builds from source when no prebuilt binary is reachable: against the system Node headers when
  # the distribution ships them (Debian's nodejs, /usr/include/node) and nothing else is configured; elsewhere
  # node-gyp finds or fetches the headers of the running Node itself.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  # (npm warns that it does not know the nodedir setting; node-gyp does, so the warning is noise.)
  if ! $PNPM install --frozen-lockfile --reporter=append-only 2>&1 | { grep -v 'config "nodedir"' || true; }; then
    die "pnpm install failed"
  fi
  node -e "require('./packages/api/node_modules/better-sqlite3')" 2>/dev/null \
    || die "better-sqlite3 did not build; check that g++, make and python3 are installed"
}

ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$CHROMIUM_PATH" ] || apt_install chromium
  [ -x "$CHROMIUM_PATH" ] || die "chromium not found at $CHROMIUM_PATH (set CHROMIUM_PATH)"
}

# The tests start a throwaway PostgreSQL server themselves; they only need its binaries.
ensure_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    apt_install postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || die "PostgreSQL server binaries (initdb, postgres) not found"
  export CONSENTRY_PG_BIN="$bin"
}

# The docs' shell samples (docs-e2e) call curl, sqlite3 and openssl as a reader of the docs would.
ensure_sample_tools() {
  local missing=()
  for tool in curl sqlite3 openssl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}
