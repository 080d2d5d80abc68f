#!/usr/bin/env bash
# Tracing query benchmark: generates SITES sites and VISITS visits over 30 days, starts the service on H2 and
# then on PostgreSQL, runs QUERIES depth-1 and depth-2 tracing queries for random persons and prints latency
# percentiles, then times the 31-day report summary over all sites; on PostgreSQL it also prints the plan of
# the tracing candidate search.
# Usage: bench/tracing.sh [VISITS=1000000] [SITES=1000]
#   environment: QUERIES=200, ONLY=h2|pg, REPORT_ONLY=1 (skip the tracing queries), SKIP_BUILD=1 (reuse
#   target/bench-h2 and target/bench-pg)
set -euo pipefail
cd "$(dirname "$0")/.."

VISITS=${1:-1000000}
SITES=${2:-1000}
QUERIES=${QUERIES:-200}
PORT=${PORT:-18080}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/checkin_bench}
WORK=$(mktemp -d /tmp/checkin-bench.XXXXXX)
BASE=http://127.0.0.1:$PORT
SERVICE_PID=

stop_service() {
    if [ -n "$SERVICE_PID" ]; then
        kill "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
        SERVICE_PID=
    fi
}
trap stop_service EXIT

build() {
    echo "building the PostgreSQL and H2 jars"
    mvn -B -q package -DskipTests -Dquarkus.profile=pg
    rm -rf target/bench-pg && cp -r target/quarkus-app target/bench-pg
    mvn -B -q package -DskipTests
    rm -rf target/bench-h2 && cp -r target/quarkus-app target/bench-h2
}

start_service() { # app-dir, extra java options...
    local app=$1
    shift
    (cd "$WORK" && exec java "$@" -Dquarkus.http.port=$PORT -jar "$OLDPWD/$app/quarkus-run.jar") \
        >"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "$BASE/q/health/ready" >/dev/null && return 0
        sleep 0.5
    done
    echo "service did not start; log:" >&2
    tail -30 "$WORK/service.log" >&2
    exit 1
}

generate() { # jdbc-url user password
    java -cp "target/bench-h2/lib/main/*:target/bench-h2/app/*" bench/GenerateVisits.java "$1" "$2" "$3" "$SITES" "$VISITS" 30
}

measure() { # label
    local token from to
    token=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"bench-admin-password"}' | jq -r .accessToken)
    from=$(date -u -d '31 days ago' +%Y-%m-%dT%H:%M:%SZ)
    to=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    local persons=$((VISITS / 4))
    for depth in 1 2; do
        : >"$WORK/times"
        for i in $(seq 1 $((QUERIES + 20))); do
            local phone
            phone=$(printf '+849%08d' $((RANDOM * 32768 % persons + RANDOM % persons)))
            local t
            t=$(curl -s -o "$WORK/last.json" -w '%{http_code} %{time_total}' -X POST "$BASE/api/v1/tracing/queries" \
                -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                -d "{\"case\":{\"phone\":\"$phone\"},\"from\":\"$from\",\"to\":\"$to\",\"minOverlapMinutes\":15,\"depth\":$depth,\"reason\":\"benchmark\"}")
            [ "${t%% *}" = 201 ] || { echo "query failed: $t $(cat "$WORK/last.json")" >&2; exit 1; }
            [ "$i" -gt 20 ] && echo "${t#* } $(jq '.contacts | length' "$WORK/last.json")" >>"$WORK/times"
        done
        sort -n "$WORK/times" | awk -v label="$1" -v depth="$depth" '
            { t[NR] = $1 * 1000; c += $2 }
            END { printf "%-12s depth %d: %d queries, p50 %.1f ms, p95 %.1f ms, max %.1f ms, %.1f contacts on average\n",
                  label, depth, NR, t[int(NR * 0.5)], t[int(NR * 0.95)], t[NR], c / NR }'
    done
}

measure_report() { # label
    local token from to first
    token=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"bench-admin-password"}' | jq -r .accessToken)
    from=$(date -u -d '30 days ago' +%Y-%m-%d)
    to=$(date -u +%Y-%m-%d)
    : >"$WORK/report-times"
    for i in $(seq 1 12); do
        local t
        t=$(curl -s -o "$WORK/report.json" -w '%{http_code} %{time_total}' \
            "$BASE/api/v1/reports/summary?from=$from&to=$to" -H "Authorization: Bearer $token")
        [ "${t%% *}" = 200 ] || { echo "report failed: $t" >&2; exit 1; }
        [ "$i" -eq 1 ] && first=${t#* }
        [ "$i" -gt 2 ] && echo "${t#* }" >>"$WORK/report-times"
    done
    echo "$1 report summary, first (uncached) call: $(awk -v s="$first" 'BEGIN { printf "%.0f ms", s * 1000 }')"
    sort -n "$WORK/report-times" | awk -v label="$1" -v checkins="$(jq .totals.checkIns "$WORK/report.json")" \
        -v sites="$(jq '.sites | length' "$WORK/report.json")" '
        { t[NR] = $1 * 1000 }
        END { printf "%-12s report summary, 31 days, %d sites, %d check-ins: median %.0f ms, max %.0f ms (%d runs)\n",
              label, sites, checkins, t[int((NR + 1) / 2)], t[NR], NR }'
}

[ -n "${SKIP_BUILD:-}" ] || build
echo "data: $VISITS visits over $SITES sites, 30 days; $QUERIES queries per depth after 20 warm-up queries"

if [ "${ONLY:-}" != pg ]; then
# H2: migrate with a first start, generate with the service stopped (embedded file database), start again.
export CHECKIN_ADMIN_PASSWORD=bench-admin-password
start_service target/bench-h2 -Dcheckin.data-dir="$WORK/h2"
stop_service
generate "jdbc:h2:file:$WORK/h2/checkin" sa ""
start_service target/bench-h2 -Dcheckin.data-dir="$WORK/h2"
[ -n "${REPORT_ONLY:-}" ] || measure "H2"
measure_report "H2"
stop_service
fi
[ "${ONLY:-}" = h2 ] && { rm -rf "$WORK"; exit 0; }

# PostgreSQL
PG_DB=${PG_URL##*/}
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $PG_DB" -c "create database $PG_DB"
PG_OPTS=(-Dquarkus.profile=pg -Dquarkus.datasource.jdbc.url="$PG_URL" -Dcheckin.data-dir="$WORK/pg")
start_service target/bench-pg "${PG_OPTS[@]}"
stop_service
generate "$PG_URL?reWriteBatchedInserts=true" postgres ""
start_service target/bench-pg "${PG_OPTS[@]}"
[ -n "${REPORT_ONLY:-}" ] || measure "PostgreSQL"
measure_report "PostgreSQL"
stop_service

echo "plan of the candidate search (closed visits) on PostgreSQL:"
psql -h 127.0.0.1 -U postgres -d "$PG_DB" -c "explain analyze select * from visit
  where site_id = (select site_id from visit limit 1)
    and checked_in_at >= now() - interval '10 days' - interval '4 hours'
    and checked_in_at < now() - interval '10 days' + interval '1 hour'
    and checked_out_at > now() - interval '10 days'"
echo "plan of the candidate search (open visits) on PostgreSQL:"
psql -h 127.0.0.1 -U postgres -d "$PG_DB" -c "explain analyze select * from visit
  where site_id = (select site_id from visit limit 1) and checked_out_at is null and checked_in_at < now()"
rm -rf "$WORK"
