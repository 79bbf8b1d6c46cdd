#!/usr/bin/env bash
# quotegraph benchmark, one backend per run: bulk import speed, start-up time on the
# imported database, latency and throughput of a fixed set of GraphQL queries next to the
# same server answering those queries' responses as static bytes (the HTTP floor), SQL
# statements per request, and resident memory after the load. Prints a Markdown table
# for BENCHMARKS.md. All traffic stays on 127.0.0.1.
#
#   BACKEND=sqlite|postgres  ARTICLES=100000  PROFILE=release  bench/run.sh
#
# Other knobs: SEED (1), DURATION (20 s of load per query), WARMUP (3 s), THREADS (2),
# CONNECTIONS (16), PG_URL (postgres://postgres@127.0.0.1:5432), CARGO_BUILD_JOBS,
# BIN (a built quotegraph: no build).
set -euo pipefail

BACKEND=${BACKEND:-sqlite}
ARTICLES=${ARTICLES:-100000}
PROFILE=${PROFILE:-release}
SEED=${SEED:-1}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PERSON=${PERSON:-习近平}
SEARCH=${SEARCH:-經貿合作}

command_line="BACKEND=$BACKEND ARTICLES=$ARTICLES PROFILE=$PROFILE bench/run.sh"
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
work=$bench/work
corpus=$bench/corpus-$ARTICLES-seed$SEED
mkdir -p "$work"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

case $BACKEND in sqlite | postgres) ;; *) die "BACKEND must be sqlite or postgres" ;; esac

# --- what this script starts, stopped on every exit -------------------------------------
pids=()
pg_database=
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $pg_database ]]; then
        psql "$PG_URL/postgres" -qAtc "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 ||
            say "could not drop database $pg_database"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ------------------------------------------------------------------------------
install_wrk() {
    command -v wrk >/dev/null && return
    say "installing wrk (Debian package)"
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    if ! $sudo apt-get install -y wrk >/dev/null 2>&1; then
        $sudo apt-get update >/dev/null
        $sudo apt-get install -y wrk >/dev/null
    fi
}
install_wrk
command -v curl >/dev/null || die "curl is needed"
[[ $BACKEND == sqlite ]] || command -v psql >/dev/null || die "psql is needed for BACKEND=postgres"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# --- build and corpus -------------------------------------------------------------------
if [[ -n ${BIN:-} ]]; then
    bin=$BIN
else
    say "building (profile $PROFILE)"
    (cd "$root" && cargo build --quiet --profile "$PROFILE" -p quotegraph-api)
    case $PROFILE in dev) profile_dir=debug ;; *) profile_dir=$PROFILE ;; esac
    bin=${CARGO_TARGET_DIR:-$root/target}/$profile_dir/quotegraph
fi
[[ -x $bin ]] || die "no binary at $bin"

if [[ ! -f $corpus/.complete ]]; then
    say "generating $ARTICLES articles into $corpus"
    rm -rf "$corpus" "$corpus.partial"
    "$bin" generate --articles "$ARTICLES" --out "$corpus.partial" --seed "$SEED"
    touch "$corpus.partial/.complete"
    mv "$corpus.partial" "$corpus"
else
    say "reusing $corpus"
fi
corpus_bytes=$(du -sbL "$corpus" | cut -f1)

# --- a fresh database -------------------------------------------------------------------
# KEEP_DB=1 keeps the database for later runs (PostgreSQL: named by PG_DATABASE, which
# must then be set) and measures the queries again on one a previous run imported,
# without importing again.
reuse=0
if [[ $BACKEND == sqlite ]]; then
    db_file=$work/quotegraph-$ARTICLES.db
    [[ ${KEEP_DB:-0} == 1 && -f $db_file ]] && reuse=1
    [[ $reuse == 1 ]] || rm -f "$db_file" "$db_file-wal" "$db_file-shm"
    database_url="sqlite://$db_file"
elif [[ ${KEEP_DB:-0} == 1 ]]; then
    [[ -n ${PG_DATABASE:-} ]] || die "KEEP_DB=1 on PostgreSQL needs PG_DATABASE"
    database_url="$PG_URL/$PG_DATABASE"
    if psql "$database_url" -qAtc 'SELECT count(*) FROM articles' 2>/dev/null | grep -qv '^0$'; then
        reuse=1
    else
        psql "$PG_URL/postgres" -qAtc "CREATE DATABASE $PG_DATABASE" >/dev/null 2>&1 || true
    fi
else
    pg_database=quotegraph_bench_$$
    psql "$PG_URL/postgres" -qAtc "CREATE DATABASE $pg_database" >/dev/null
    database_url="$PG_URL/$pg_database"
fi
export RUST_LOG=${RUST_LOG:-warn,quotegraph=info} NO_COLOR=1

# --- import -----------------------------------------------------------------------------
if [[ $reuse == 1 ]]; then
    say "reusing $database_url (KEEP_DB=1): no import measured"
    "$bin" migrate --database "$database_url" 2>/dev/null
    import_seconds=n/a imported=n/a import_rate=n/a
else
    say "importing into $BACKEND"
    t0=$(now)
    "$bin" import "$corpus" --database "$database_url" 2>"$work/import.log" ||
        { cat "$work/import.log" >&2; die "import failed"; }
    t1=$(now)
    import_seconds=$(elapsed "$t0" "$t1")
    imported=$(grep -o 'imported: [0-9]*' "$work/import.log" | grep -o '[0-9]*' | tail -1)
    import_rate=$(awk -v n="$imported" -v s="$import_seconds" 'BEGIN { printf "%.0f", n / s }')
    say "imported $imported articles in $import_seconds s"
fi

# --- servers ----------------------------------------------------------------------------
# Starts `quotegraph serve` on a free port (port 0, read back from its log) and waits
# until /healthz answers. Sets server_pid, server_port and server_startup (seconds).
start_server() {
    local log=$1
    shift
    local t0 t1 port=
    t0=$(now)
    "$bin" serve --bind 127.0.0.1:0 --database "$database_url" "$@" 2>"$log" &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 1 3000); do
        if [[ -z $port ]]; then
            # The log may be coloured: drop escape sequences before reading port=N.
            port=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -o 'port=[0-9]*' | head -1 | cut -d= -f2 || true)
        fi
        if [[ -n $port ]] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
            t1=$(now)
            server_port=$port
            server_startup=$(elapsed "$t0" "$t1")
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "the server exited"; }
        sleep 0.01
    done
    die "the server did not answer /healthz within 30 s"
}

stop_server() {
    local pid keep=()
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    for pid in "${pids[@]}"; do
        [[ $pid == "$1" ]] || keep+=("$pid")
    done
    pids=("${keep[@]}")
}

metric() { # metric PORT NAME
    curl -fs "http://127.0.0.1:$1/metrics" | awk -v name="$2" '$1 == name { print $2 }'
}

say "starting the server on the imported database"
start_server "$work/server.log"
main_pid=$server_pid
main_port=$server_port
startup_seconds=$server_startup
say "serving on 127.0.0.1:$main_port after $startup_seconds s"

# --- the queries ------------------------------------------------------------------------
json_string() { # a JSON string literal (the queries hold no backslashes or control characters)
    local s=${1//\\/\\\\}
    printf '"%s"' "${s//\"/\\\"}"
}

names=()
labels=()
bodies=()
add_query() { # add_query NAME LABEL QUERY [VARIABLES-JSON]
    local variables=${4:-}
    [[ -n $variables ]] || variables='{}'
    names+=("$1")
    labels+=("$2")
    bodies+=("{\"query\":$(json_string "$3"),\"variables\":$variables}")
}
add_query person "a. statements by $PERSON, with article and source, 20" \
    'query($name:String!){ person(name:$name){ statements(first:20){ edges{ node{ text article{ title publishedAt source{ name } } } } } } }' \
    "{\"name\":$(json_string "$PERSON")}"
add_query country 'b. country(code:"KH") articles, 20' \
    '{ country(code:"KH"){ articles(first:20){ totalCount edges{ node{ title publishedAt } } } } }'
add_query direct 'c. statements(filter:{kind:DIRECT}), 20' \
    '{ statements(filter:{kind:DIRECT}, first:20){ totalCount edges{ node{ text speaker{ name } } } } }'
if "$bin" schema | grep -q 'search('; then
    add_query search "d. search(query:\"$SEARCH\"), 20" \
        "{ search(query:$(json_string "$SEARCH"), first:20){ totalCount edges{ node{ snippet score article{ title publishedAt source{ name } } } } } }"
else
    say "skipping the search query: this schema has no search field"
fi

# wrk reports latencies as 812.00us, 1.23ms or 2.01s: in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
        else printf "%s", v
    }'
}

# Runs wrk against PATH with the JSON body in FILE, warm-up first; sets p50, p99, rps and
# errors (non-2xx responses plus socket errors) of the measured run.
load() { # load PORT PATH BODY-FILE NAME
    local port=$1 path=$2 body=$3 name=$4 lua out
    lua=$work/$name.lua
    cat >"$lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open([==[$body]==], "rb"))
wrk.body = f:read("*a")
f:close()
EOF
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$lua" "http://127.0.0.1:$port$path" >/dev/null
    if [[ -n ${before_hook:-} ]]; then
        $before_hook
    fi
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$lua" "http://127.0.0.1:$port$path")
    printf '%s\n' "$out" >"$work/$name.wrk"
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    rps=$(awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' <<<"$out")
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
}

sql_before=0
requests_before=0
snapshot() {
    sql_before=$(metric "$main_port" quotegraph_sql_statements_total)
    requests_before=$(metric "$main_port" quotegraph_graphql_requests_total)
}

rows=()
for i in "${!names[@]}"; do
    name=${names[$i]}
    body_file=$work/$name.request.json
    response_file=$work/$name.response.json
    printf '%s' "${bodies[$i]}" >"$body_file"
    curl -fs -X POST -H 'Content-Type: application/json' --data-binary "@$body_file" \
        "http://127.0.0.1:$main_port/graphql" >"$response_file" ||
        die "query $name failed"
    if grep -q '"errors"' "$response_file"; then
        say "query $name answered with errors: $(head -c 300 "$response_file")"
    fi
    response_bytes=$(wc -c <"$response_file")

    say "load: ${labels[$i]}"
    before_hook=snapshot
    load "$main_port" /graphql "$body_file" "$name"
    before_hook=
    sql_after=$(metric "$main_port" quotegraph_sql_statements_total)
    requests_after=$(metric "$main_port" quotegraph_graphql_requests_total)
    sql_per_request=$(awk -v s=$((sql_after - sql_before)) -v r=$((requests_after - requests_before)) \
        'BEGIN { if (r > 0) printf "%.1f", s / r; else print "n/a" }')
    q_p50=$p50 q_p99=$p99 q_rps=$rps q_errors=$errors

    # The floor: the same bytes from the same server binary, with no GraphQL and no SQL.
    say "load: the same $response_bytes bytes from /bench/static"
    start_server "$work/floor-$name.log" --bench-static "$response_file"
    load "$server_port" /bench/static "$body_file" "$name-floor"
    stop_server "$server_pid"
    ratio=$(awk -v f="$rps" -v q="$q_rps" 'BEGIN { if (q > 0) printf "%.1f", f / q; else print "n/a" }')

    rows+=("| ${labels[$i]} | $response_bytes | $q_p50 | $q_p99 | $q_rps | $p50 | $rps | ${ratio}x | $sql_per_request | $((q_errors + errors)) |")
done

rss_kb=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$main_pid/status")
rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')

# --- report -----------------------------------------------------------------------------
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 { print $2 }')
cores=$(nproc)
cat <<EOF

### $(date +%Y-%m-%d): $BACKEND, $ARTICLES articles, profile $PROFILE

\`\`\`sh
$command_line
\`\`\`

Corpus: \`quotegraph generate --articles $ARTICLES --seed $SEED\` ($(awk -v b="$corpus_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB).
Load: wrk $wrk_version, $THREADS threads, $CONNECTIONS connections, ${DURATION} s per query after
${WARMUP} s of warm-up, POST application/json; $cores cores shared by the server and wrk.

| measure | value |
| --- | --- |
| bulk import with extraction | $import_rate articles/s ($imported articles in $import_seconds s) |
| start-up on the imported database (until /healthz answers) | $startup_seconds s |
| server resident memory after the load (VmRSS) | $rss_mb MB |

| query | response bytes | p50 ms | p99 ms | req/s | floor p50 ms | floor req/s | floor ÷ GraphQL | SQL per request | errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
EOF
printf '%s\n' "${rows[@]}"
