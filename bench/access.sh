#!/usr/bin/env bash
# The cost of access checks on the two hot paths: a reception screen's day log page (a staff token whose login
# session is checked, through each instance's 2-second memory of it) and a visitor's check-in (two attempt
# counters shared by every instance, in the database). Figures, never pass/fail.
#
# Usage: bench/access.sh [APP_DIR ...]   fast-jar folders built with the default (H2) profile; each is started on
#                                        an empty embedded database and measured the same way, one after the other
#                                        (e.g. this build and one of an older commit, to compare).
# Environment: DURATION (15s), WARMUP (5s), CONNECTIONS (32), PORT (18391), ROUNDS (1: each jar measured this many
# times, alternating, since a shared machine's figures move between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18391}
ROUNDS=${ROUNDS:-1}
LUA=$PWD/bench/lua
BASE=http://127.0.0.1:$PORT
APPS=("$@")
[[ ${#APPS[@]} -gt 0 ]] || APPS=(target/quarkus-app)
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
WORK=$(mktemp -d)
PID=""
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$PID/stat"; }
json() { curl -sf -H 'Content-Type: application/json' "$@"; }

# measure LABEL SCRIPT PATH: one warm-up and one measured wrk run; prints req/s, p99 and service CPU ms per request.
measure() {
    BENCH_LUA_DIR=$LUA BENCH_THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$LUA/$2" "$BASE$3" >/dev/null 2>&1 || true
    local before out
    before=$(cpu_ms)
    out=$(BENCH_LUA_DIR=$LUA BENCH_THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA/$2" "$BASE$3" 2>&1)
    local rps p99 requests
    rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    requests=$(awk '/requests in/ { print $1 }' <<<"$out")
    local non2xx
    non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
    printf '%-28s %-40s %10s req/s  p99 %8s  %6s CPU ms/req  non-2xx %s\n' "$1" "$APP" "$rps" "$p99" \
        "$(awk -v c=$(($(cpu_ms) - before)) -v n="$requests" 'BEGIN { printf "%.2f", c / n }')" "${non2xx:-0}"
}

run_app() {
    APP=$1
    rm -rf "$WORK/data"
    java -Xmx256m -XX:+UseSerialGC -Dquarkus.http.port="$PORT" -Dcheckin.data-dir="$WORK/data" \
        -Dcheckin.auth.admin-password=bench-admin-pass -Dcheckin.checkin-limits.per-address=100000000 \
        -Dcheckin.checkin-limits.per-phone=100000000 -Dcheckin.public-base-url="$BASE" \
        -jar "$APP/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
    local admin site qr reception
    admin=$(json -d '{"username":"admin","password":"bench-admin-pass"}' "$BASE/api/v1/auth/token" | jq -r .accessToken)
    site=$(json -H "Authorization: Bearer $admin" -d '{"code":"bench-access","name":"Trụ sở"}' "$BASE/api/v1/sites")
    qr=$(jq -r .checkinUrl <<<"$site")
    json -H "Authorization: Bearer $admin" -d "$(jq -nc --arg s "$(jq -r .id <<<"$site")" \
        '{username:"bench-reception",password:"bench-reception-1",displayName:"Lễ tân",roles:["RECEPTION"],siteIds:[$s]}')" \
        "$BASE/api/v1/users" >/dev/null
    reception=$(json -d '{"username":"bench-reception","password":"bench-reception-1"}' "$BASE/api/v1/auth/token" | jq -r .accessToken)
    # A day with the visits of one second of check-ins from one connection.
    BENCH_QR=$qr BENCH_RUN=9 BENCH_LUA_DIR=$LUA BENCH_THREADS=1 wrk -t1 -c1 -d1s -s "$LUA/checkin.lua" "$BASE/api/v1/checkins" >/dev/null 2>&1 || true
    BENCH_TOKEN=$reception measure "day log page (reception)" get.lua "/api/v1/sites/$(jq -r .id <<<"$site")/visits?size=50"
    BENCH_QR=$qr BENCH_RUN=$((RANDOM % 9)) measure "check-in POST" checkin.lua "/api/v1/checkins"
    kill "$PID"
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$PID" 2>/dev/null; then
        echo "   $APP did not stop within 30 s of SIGTERM: killed" >&2
        kill -9 "$PID"
    fi
    wait "$PID" 2>/dev/null || true
    PID=""
}

echo "wrk -c$CONNECTIONS, $WARMUP warm-up + $DURATION per scenario, -Xmx256m, H2, $(nproc) cores"
for _ in $(seq 1 "$ROUNDS"); do
    for app in "${APPS[@]}"; do run_app "$app"; done
done
