#!/usr/bin/env bash
# Check-in throughput on a PostgreSQL database created a moment before, without anyone running ANALYZE, next to
# the same run once the tables have statistics. On a new installation (and on servers with autovacuum off, as
# on these machines) pooled connections used to keep generic plans made while the visit table was empty.
#
# For each round: drop and create the database, start the pg jar on it (Flyway migrates), create a site, load
# check-ins with wrk for WARMUP then DURATION ("fresh"), run ANALYZE, load again for DURATION ("analysed").
# Prints one line per run: label, requests/s, p50/p99 latency. Figures only: nothing fails on a slow result.
#
# Usage: bench/fresh-pg.sh [ROUNDS]        (default 2; needs target/bench-pg, built by bench/run.sh, or builds it)
#   EXTRA_OPTS='-D...'   extra JVM options of the service (e.g. to compare a setting)
#   NO_ANALYZE=1         control run: the second load without ANALYZE (with EXTRA_OPTS=-Dcheckin.jobs.enabled=false
#                        the service's own table-statistics job stays off too), to tell statistics from warm-up
#   DURATION=20s WARMUP=10s CONNECTIONS=64 PORT=18095 PG_URL=jdbc:postgresql://127.0.0.1:5432/checkin_fresh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-2}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18095}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/checkin_fresh}
DB_NAME=${PG_URL##*/}
BASE=http://127.0.0.1:$PORT
ADMIN_PASSWORD=bench-admin-password
WORK=$(mktemp -d /tmp/checkin-fresh.XXXXXX)
SERVICE_PID=

cleanup() {
    [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
psql_q() { psql -h 127.0.0.1 -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
if [ ! -f target/bench-pg/quarkus-run.jar ]; then
    log "building the PostgreSQL jar into target/bench-pg"
    mvn -B -q package -DskipTests -Dquarkus.profile=pg
    rm -rf target/bench-pg && cp -r target/quarkus-app target/bench-pg
fi

start_service() {
    # shellcheck disable=SC2086 # EXTRA_OPTS is a list of options
    (cd "$WORK" && CHECKIN_ADMIN_PASSWORD=$ADMIN_PASSWORD exec java -Xmx256m -XX:+UseSerialGC \
        -Dquarkus.profile=pg -Dquarkus.datasource.jdbc.url="$PG_URL" -Dcheckin.data-dir="$WORK/data" \
        -Dcheckin.checkin-limits.per-address=1000000000 -Dcheckin.checkin-limits.per-phone=1000000000 \
        ${EXTRA_OPTS:-} -Dquarkus.http.port="$PORT" -jar "$OLDPWD/target/bench-pg/quarkus-run.jar") \
        >"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 600); do
        curl -sf "$BASE/q/health/ready" >/dev/null && return 0
        sleep 0.5
    done
    tail -30 "$WORK/service.log" >&2
    exit 1
}

new_site() {
    local token
    token=$(curl -sf -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/token" | jq -r .accessToken)
    curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"code\":\"fresh-$RANDOM$RANDOM\",\"name\":\"Sảnh mới\",\"timeZone\":\"Asia/Ho_Chi_Minh\",\"defaultStayMinutes\":240}" \
        "$BASE/api/v1/sites" | jq -r .checkinUrl
}

# load LABEL RUN DURATION: wrk check-ins, prints "LABEL rps p50 p99".
load() {
    local out
    out=$(BENCH_QR=$QR BENCH_RUN=$2 BENCH_LUA_DIR=bench/lua wrk -t2 -c"$CONNECTIONS" -d"$3" --latency \
        -s bench/lua/checkin.lua "$BASE/api/v1/checkins" 2>&1)
    [ "$1" = warmup ] && return 0
    printf '%-28s %8s req/s   p50 %8s   p99 %8s\n' "$1" \
        "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
        "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")"
}

for round in $(seq 1 "$ROUNDS"); do
    psql_q -d postgres -c "drop database if exists $DB_NAME with (force)" -c "create database $DB_NAME"
    start_service
    QR=$(new_site)
    analysed=$(psql_q -d "$DB_NAME" -c "select count(*) from pg_stat_user_tables where relname = 'visit' and (last_analyze is not null or last_autoanalyze is not null)")
    log "round $round: service up on a new database (visit analysed: $analysed)"
    load warmup 1 "$WARMUP"
    load "round $round fresh" 2 "$DURATION"
    if [ -n "${NO_ANALYZE:-}" ]; then
        # Control: the same second run without ANALYZE, to tell statistics from the JVM's own warm-up.
        load "round $round later, no analyze" 3 "$DURATION"
    else
        psql_q -d "$DB_NAME" -c "analyze"
        load "round $round analysed" 3 "$DURATION"
    fi
    log "visits: $(psql_q -d "$DB_NAME" -c 'select count(*) from visit')"
    kill "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
done
