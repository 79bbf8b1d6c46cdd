#!/usr/bin/env bash
# quotegraph next to PostGraphile 4 on one PostgreSQL database: the same four questions,
# each asked in each server's own schema; both answers checked to hold the same rows; then
# wrk against each, one after the other on the same cores: mean and p99 latency at one
# connection, requests/s at 16. Prints a Markdown table with the ratios for BENCHMARKS.md.
# With SQLITE=1 (the default) quotegraph is also measured on a SQLite file imported from
# the same corpus, in a column of its own. All traffic stays on 127.0.0.1.
#
#   ARTICLES=20000 bench/compare.sh
#
# Knobs: SEED (1), CORPUS (bench/corpus-$ARTICLES-seed$SEED), PG_URL
# (postgres://postgres@127.0.0.1:5432), PG_DATABASE (a database to reuse when it holds
# articles, else created, imported and dropped at the end; KEEP_DB=1 keeps it), PEOPLE
# (speakers the first question rotates over: 200), COUNTRY (KH), DURATION (10 s per load),
# WARMUP (3 s), THREADS (2), CONNECTIONS (16), SQLITE (1), BIN (a built quotegraph: no build).
set -euo pipefail

ARTICLES=${ARTICLES:-20000}
SEED=${SEED:-1}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PEOPLE=${PEOPLE:-200}
COUNTRY=${COUNTRY:-KH}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
SQLITE=${SQLITE:-1}

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
work=$bench/work/compare
corpus=${CORPUS:-$bench/corpus-$ARTICLES-seed$SEED}
postgraphile_dir=$bench/postgraphile
mkdir -p "$work"

say() { printf '%s\n' "$*" >&2; }
die() { say "compare.sh: $*"; exit 1; }

# --- what this script starts, stopped on every exit -------------------------------------
pids=()
created_database=
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $created_database && ${KEEP_DB:-0} != 1 ]]; then
        psql "$PG_URL/postgres" -qAtc "DROP DATABASE IF EXISTS $created_database WITH (FORCE)" >/dev/null 2>&1 ||
            say "could not drop database $created_database"
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
for tool in curl psql node npm python3; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done
if [[ ! -x $postgraphile_dir/node_modules/.bin/postgraphile ]]; then
    say "installing PostGraphile (npm ci, the versions package-lock.json pins)"
    (cd "$postgraphile_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

now() { date +%s.%N; }

# --- build and corpus -------------------------------------------------------------------
if [[ -n ${BIN:-} ]]; then
    bin=$BIN
else
    say "building (release)"
    (cd "$root" && cargo build --quiet --release -p quotegraph-api)
    bin=${CARGO_TARGET_DIR:-$root/target}/release/quotegraph
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
export RUST_LOG=${RUST_LOG:-warn,quotegraph=info} NO_COLOR=1

# --- the databases ----------------------------------------------------------------------
database=${PG_DATABASE:-quotegraph_compare_$$}
pg_database_url=$PG_URL/$database
articles_in() { psql "$pg_database_url" -qAtc 'SELECT count(*) FROM articles' 2>/dev/null || echo 0; }
if psql "$PG_URL/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 &&
    [[ $(articles_in) -gt 0 ]]; then
    say "reusing database $database ($(articles_in) articles)"
    "$bin" migrate --database "$pg_database_url" 2>/dev/null
else
    psql "$PG_URL/postgres" -qAtc "CREATE DATABASE $database" >/dev/null 2>&1 || true
    [[ -n ${PG_DATABASE:-} ]] || created_database=$database
    say "importing into PostgreSQL database $database"
    "$bin" import "$corpus" --database "$pg_database_url" 2>"$work/import-postgres.log" ||
        { tail -5 "$work/import-postgres.log" >&2; die "import failed"; }
fi
psql "$pg_database_url" -qAtc 'ANALYZE' >/dev/null
articles=$(articles_in)
statements=$(psql "$pg_database_url" -qAtc 'SELECT count(*) FROM statements')

sqlite_url=
if [[ $SQLITE == 1 ]]; then
    sqlite_file=$bench/work/quotegraph-compare-$ARTICLES-seed$SEED.db
    if [[ ! -f $sqlite_file.complete ]]; then
        say "importing into SQLite $sqlite_file"
        rm -f "$sqlite_file" "$sqlite_file-wal" "$sqlite_file-shm"
        "$bin" import "$corpus" --database "sqlite://$sqlite_file" 2>"$work/import-sqlite.log" ||
            { tail -5 "$work/import-sqlite.log" >&2; die "import failed"; }
        touch "$sqlite_file.complete"
    fi
    sqlite_url=sqlite://$sqlite_file
fi

# --- servers ----------------------------------------------------------------------------
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for PID URL BODY LOG: until a POST of BODY to URL answers 200.
wait_for() {
    for _ in $(seq 1 3000); do
        if curl -fs -X POST -H 'Content-Type: application/json' --data-binary "$3" "$2" >/dev/null 2>&1; then
            return
        fi
        kill -0 "$1" 2>/dev/null || { cat "$4" >&2; die "a server exited"; }
        sleep 0.01
    done
    die "a server did not answer within 30 s"
}

start_quotegraph() { # start_quotegraph DATABASE-URL LOG: sets qg_url
    local port
    port=$(free_port)
    "$bin" serve --bind "127.0.0.1:$port" --database "$1" 2>"$2" &
    pids+=("$!")
    qg_url=http://127.0.0.1:$port/graphql
    wait_for "$!" "$qg_url" '{"query":"{ __typename }"}' "$2"
}

start_postgraphile() { # sets pgl_url
    local port log=$work/postgraphile.log
    port=$(free_port)
    # No watch mode, no query log (a line per request would be measured), no mutations.
    "$postgraphile_dir/node_modules/.bin/postgraphile" \
        --connection "$pg_database_url" --schema public --host 127.0.0.1 --port "$port" \
        --append-plugins @graphile-contrib/pg-simplify-inflector \
        --disable-default-mutations --disable-query-log --no-setof-functions-contain-nulls \
        >"$log" 2>&1 &
    pids+=("$!")
    pgl_url=http://127.0.0.1:$port/graphql
    wait_for "$!" "$pgl_url" '{"query":"{ __typename }"}' "$log"
}

say "starting quotegraph and PostGraphile on $database"
start_quotegraph "$pg_database_url" "$work/quotegraph-postgres.log"
qg_pg_url=$qg_url
start_postgraphile
if [[ -n $sqlite_url ]]; then
    start_quotegraph "$sqlite_url" "$work/quotegraph-sqlite.log"
    qg_sqlite_url=$qg_url
fi

# --- the questions ----------------------------------------------------------------------
# The speakers: the PEOPLE most quoted, each with their name (for quotegraph, which folds
# it) and the folded key of that name (PostGraphile looks the alias up by its key).
psql "$pg_database_url" -qAt -F $'\t' -c "
    SELECT p.name, a.alias_key
    FROM people p
    JOIN person_aliases a ON a.person_id = p.id AND a.alias = p.name
    JOIN (SELECT speaker_id, count(*) AS n FROM statements GROUP BY speaker_id) s ON s.speaker_id = p.id
    ORDER BY s.n DESC, p.id
    LIMIT $PEOPLE" >"$work/speakers.tsv"
speakers=$(wc -l <"$work/speakers.tsv")
[[ $speakers -gt 0 ]] || die "no speakers in $database"

python3 "$bench/compare_queries.py" write "$work" "$COUNTRY" <"$work/speakers.tsv"

# --- load -------------------------------------------------------------------------------
# wrk reports latencies as 812.00us, 1.23ms or 2.01s: in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
        else printf "%s", v
    }'
}

# A wrk script that sends the bodies of FILE (one JSON request a line) in turn.
lua_for() {
    cat >"$2" <<EOF
local bodies = {}
for line in io.lines([==[$1]==]) do bodies[#bodies + 1] = line end
local i = 0
request = function()
    i = i % #bodies + 1
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[i])
end
EOF
}

# measure URL BODIES NAME: sets mean, p99 (1 connection) and rps (CONNECTIONS), errors.
measure() {
    local url=$1 bodies=$2 name=$3 lua=$work/$3.lua one many
    lua_for "$bodies" "$lua"
    wrk -t1 -c1 -d"${WARMUP}s" -s "$lua" "$url" >/dev/null
    one=$(wrk -t1 -c1 -d"${DURATION}s" --latency -s "$lua" "$url")
    many=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$lua" "$url")
    printf '%s\n\n%s\n' "$one" "$many" >"$work/$name.wrk"
    mean=$(to_ms "$(awk '$1 == "Latency" { print $2; exit }' <<<"$one")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$one")")
    rps=$(awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' <<<"$many")
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$one
$many")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

rows=()
for question in person direct country counts; do
    label=$(python3 "$bench/compare_queries.py" label "$work" "$question")
    # Same rows: the first request of each kind, asked of every server, compared.
    for server in quotegraph postgraphile; do
        url=$qg_pg_url
        [[ $server == postgraphile ]] && url=$pgl_url
        head -1 "$work/$question.$server.jsonl" |
            curl -fs -X POST -H 'Content-Type: application/json' --data-binary @- "$url" \
                >"$work/$question.$server.response.json" || die "$server failed on $question"
    done
    python3 "$bench/compare_queries.py" check "$work" "$question" ||
        die "quotegraph and PostGraphile disagree on $question (see $work)"

    say "load: $label, quotegraph on PostgreSQL"
    measure "$qg_pg_url" "$work/$question.quotegraph.jsonl" "$question-quotegraph-postgres"
    qg_mean=$mean qg_p99=$p99 qg_rps=$rps qg_errors=$errors
    say "load: $label, PostGraphile"
    measure "$pgl_url" "$work/$question.postgraphile.jsonl" "$question-postgraphile"
    row="| $label | $qg_mean | $mean | $(ratio "$mean" "$qg_mean")x | $qg_p99 | $p99 | $qg_rps | $rps | $(ratio "$qg_rps" "$rps")x |"
    errors=$((errors + qg_errors))
    if [[ -n $sqlite_url ]]; then
        say "load: $label, quotegraph on SQLite"
        pg_errors=$errors
        measure "$qg_sqlite_url" "$work/$question.quotegraph.jsonl" "$question-quotegraph-sqlite"
        row="$row $mean | $rps |"
        errors=$((errors + pg_errors))
    fi
    rows+=("$row $errors |")
done

# --- report -----------------------------------------------------------------------------
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 { print $2 }')
postgraphile_version=$(node -p "require('$postgraphile_dir/node_modules/postgraphile/package.json').version")
sqlite_head= sqlite_rule=
if [[ -n $sqlite_url ]]; then
    sqlite_head=" quotegraph on SQLite: mean ms | on SQLite: req/s |"
    sqlite_rule=" --- | --- |"
fi
cat <<EOF

### $(date +%Y-%m-%d): quotegraph and PostGraphile $postgraphile_version, $articles articles on PostgreSQL

\`\`\`sh
ARTICLES=$ARTICLES bench/compare.sh
\`\`\`

$articles articles, $statements statements (\`quotegraph generate --articles $ARTICLES --seed $SEED\`); the first
question rotates over the $speakers most quoted people. PostGraphile: one Node $(node --version) process,
\`@graphile-contrib/pg-simplify-inflector\`, no mutations, no query log. quotegraph: release build.
Neither caches responses. wrk $wrk_version: ${DURATION} s per load after ${WARMUP} s of warm-up; latency at 1
connection, throughput at $CONNECTIONS connections ($THREADS threads); $(nproc) cores shared by the servers,
PostgreSQL and wrk. Ratios: PostGraphile's latency over quotegraph's, quotegraph's requests/s over PostGraphile's
(above 1 is quotegraph ahead).

| question | quotegraph mean ms | PostGraphile mean ms | latency ratio | quotegraph p99 ms | PostGraphile p99 ms | quotegraph req/s | PostGraphile req/s | req/s ratio |$sqlite_head errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |$sqlite_rule --- |
EOF
printf '%s\n' "${rows[@]}"
