# Sourced by quotegraph's checks from outside (.ci/graphql-http-audit, .ci/graphiql-check):
# the pinned node project they share, Debian's Chromium, and a quotegraph server on a free
# port over a fresh SQLite database, stopped when the sourcing script exits.

checks_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
checks_node=$checks_root/.ci/http-checks

checks_say() { printf '%s\n' "$*" >&2; }
checks_die() { checks_say "$(basename "$0"): $*"; exit 1; }

# The npm packages pinned in .ci/http-checks/package-lock.json, installed with `npm ci` when
# node_modules is absent or older than the lock file. Install scripts are not run, and
# playwright-core never fetches a browser: the checks use Debian's Chromium.
ensure_node_modules() {
  command -v node >/dev/null && command -v npm >/dev/null || checks_die "node and npm are needed"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || checks_die "node 20 or later is needed (found $(node --version))"
  local stamp=$checks_node/node_modules/.package-lock.json
  if [[ ! -f $stamp || $checks_node/package-lock.json -nt $stamp ]]; then
    checks_say "== npm ci (.ci/http-checks)"
    (cd "$checks_node" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts \
      --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Debian's Chromium, installed with apt when absent (CHROMIUM names another binary).
ensure_chromium() {
  local chromium=${CHROMIUM:-/usr/bin/chromium}
  [[ -x $chromium ]] && return
  [[ $(id -u) -eq 0 ]] || checks_die "$chromium is missing: apt-get install -y chromium"
  checks_say "== installing Chromium (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [[ -x $chromium ]] || checks_die "apt installed no $chromium"
}

# The quotegraph binary: QUOTEGRAPH_BIN, or the debug build (built when out of date; the
# tests have compiled everything it needs).
quotegraph_binary() {
  if [[ -n ${QUOTEGRAPH_BIN:-} ]]; then
    printf '%s\n' "$QUOTEGRAPH_BIN"
    return
  fi
  (cd "$checks_root" && cargo build --quiet --locked -p quotegraph-api) >&2
  printf '%s\n' "${CARGO_TARGET_DIR:-$checks_root/target}/debug/quotegraph"
}

checks_server_pid=
checks_work=
checks_cleanup() {
  if [[ -n $checks_server_pid ]]; then
    kill "$checks_server_pid" 2>/dev/null || true
    wait "$checks_server_pid" 2>/dev/null || true
  fi
  [[ -z $checks_work ]] || rm -rf "$checks_work"
}
trap checks_cleanup EXIT
trap 'exit 130' INT TERM

# Starts `quotegraph serve` on 127.0.0.1, a free port, over a new SQLite database, with any
# further arguments; sets QUOTEGRAPH_URL to http://127.0.0.1:PORT once it answers /healthz.
start_quotegraph() {
  local bin
  bin=$(quotegraph_binary)
  [[ -x $bin ]] || checks_die "no quotegraph binary at $bin"
  checks_work=$(mktemp -d)
  local log=$checks_work/server.log
  : >"$log"
  NO_COLOR=1 RUST_LOG=${RUST_LOG:-info} "$bin" serve --bind 127.0.0.1:0 \
    --database "sqlite://$checks_work/quotegraph.db" "$@" >"$log" 2>&1 &
  checks_server_pid=$!
  local port=
  for _ in $(seq 1 300); do
    # The log may be coloured; the port is the `port=` field of the "serving" line.
    port=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" |
      sed -n 's/.*quotegraph serving.*port=\([0-9][0-9]*\).*/\1/p' | head -n 1) || true
    [[ -n $port ]] && break
    kill -0 "$checks_server_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [[ -z $port ]] || ! curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null; then
    cat "$log" >&2
    checks_die "the quotegraph server did not start"
  fi
  QUOTEGRAPH_URL=http://127.0.0.1:$port
  checks_say "== quotegraph serving at $QUOTEGRAPH_URL"
}
