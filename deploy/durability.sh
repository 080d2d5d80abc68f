#!/usr/bin/env bash
# Acknowledged check-ins survive a SIGKILL of the service in the middle of a burst.
#
# Usage: deploy/durability.sh APP_DIR [h2|pg]
#
#   APP_DIR  a fast-jar folder (the one holding quarkus-run.jar):
#              h2 (default): the default build, mvn -B package -DskipTests
#              pg:           the PostgreSQL build, mvn -B package -DskipTests -Dquarkus.profile=pg
#
# What it does:
#   1. h2: an empty temporary data folder (H2 file database, WRITE_DELAY=0);
#      pg: drops and creates the database checkin_durability on 127.0.0.1:5432 (user postgres);
#   2. starts the jar, logs in as the bootstrap admin, creates a site and reads its QR URL;
#   3. fires check-ins from WORKERS parallel loops (distinct phones), writing every visitId answered
#      with 201 to a file; once KILL_AFTER check-ins are acknowledged it sends SIGKILL to the JVM while
#      the loops are still sending;
#   4. restarts the jar on the same data, and reads every acknowledged visit back as admin
#      (GET /api/v1/visits/{id}); the day log's total must lie between the acknowledged count and that
#      count plus the requests that were in flight;
#   5. prints "acknowledged N, found N, in-flight failures M" and exits non-zero, listing the missing
#      ids, when an acknowledged check-in is gone.
#
# Needs: java 17, curl, jq, openssl; for pg also psql and PostgreSQL with trust auth for postgres.
# Environment: DURABILITY_PORT (default 18381), WORKERS (default 6), KILL_AFTER (default 150),
# PGHOST/PGPORT (default 127.0.0.1/5432), READY_TIMEOUT (seconds to start, default 180), JAVA_OPTS,
# KEEP_WORK_DIR=1 keeps logs and data.
set -euo pipefail

CALLER_DIR=$(pwd)
REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
usage() {
    echo "usage: $0 APP_DIR [h2|pg]   (APP_DIR holds quarkus-run.jar of the matching build)" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 && $1 != -h && $1 != --help ]] || usage
case $1 in
    /*) APP_DIR=$1 ;;
    *) APP_DIR=$CALLER_DIR/$1 ;;
esac
MODE=${2:-h2}
[[ $MODE == h2 || $MODE == pg ]] || usage

PORT=${DURABILITY_PORT:-18381}
WORKERS=${WORKERS:-6}
KILL_AFTER=${KILL_AFTER:-150}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
DB_NAME=checkin_durability
BASE_URL="http://127.0.0.1:$PORT"
READY_TIMEOUT=${READY_TIMEOUT:-180}
BURST_TIMEOUT=300

die() {
    echo "ERROR: $*" >&2
    exit 2
}
for tool in java curl jq openssl; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ $MODE == h2 ]] || command -v psql >/dev/null || die "psql is not installed"
[[ -f $APP_DIR/quarkus-run.jar ]] || die "$APP_DIR/quarkus-run.jar not found"
APP_DIR=$(cd "$APP_DIR" && pwd)
[[ $WORKERS =~ ^[1-9]$ ]] || die "WORKERS must be 1 to 9 (one digit of the phone numbers)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is already in use"
fi

# --- Work folder, service and cleanup ---------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/durability-$MODE.XXXXXX")
mkdir -p "$WORK/data" "$WORK/burst"
: >"$WORK/burst/failed"
SERVICE_PID=""
WORKER_PIDS=()
OK=0

stop_service() {
    if [[ -n $SERVICE_PID ]]; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=""
}
cleanup() {
    local status=$? pid
    touch "$WORK/burst/stop" 2>/dev/null || true
    for pid in "${WORKER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    stop_service
    if [[ $status -ne 0 || $OK -ne 1 || ${KEEP_WORK_DIR:-0} == 1 ]]; then
        echo "Logs and data kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ADMIN_PASSWORD=$(openssl rand -hex 16)
if [[ $MODE == pg ]]; then
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -X -q -v ON_ERROR_STOP=1 -d postgres \
        -c "drop database if exists $DB_NAME with (force)" -c "create database $DB_NAME" \
        || die "cannot create $DB_NAME on $PGHOST:$PGPORT as postgres"
fi

# start_service LOG: starts the jar on the data folder and waits until it is ready.
start_service() {
    local log=$1 deadline t0
    t0=$(date +%s.%N)
    (
        export CHECKIN_DATA_DIR="$WORK/data" CHECKIN_ADMIN_PASSWORD="$ADMIN_PASSWORD"
        export CHECKIN_PUBLIC_BASE_URL="https://checkin.durability.test"
        # The whole burst comes from one address: lift the per-address check-in limit for it.
        export CHECKIN_CHECKINS_PER_ADDRESS=1000000
        local profile=()
        if [[ $MODE == pg ]]; then
            export CHECKIN_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME" CHECKIN_DB_USER=postgres CHECKIN_DB_PASSWORD=""
            profile=(-Dquarkus.profile=pg)
        fi
        cd "$WORK"
        # shellcheck disable=SC2086
        exec java ${JAVA_OPTS:-} "${profile[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
            -jar "$APP_DIR/quarkus-run.jar"
    ) >"$log" 2>&1 &
    SERVICE_PID=$!
    deadline=$((SECONDS + READY_TIMEOUT))
    until grep -q "Listening on: http://127.0.0.1:$PORT" "$log" 2>/dev/null \
            && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/q/health/ready" || true) == 200 ]]; do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "----- $log, last 60 lines -----" >&2
            tail -n 60 "$log" >&2 || true
            die "the service did not become ready (exited or more than ${READY_TIMEOUT}s)"
        fi
        sleep 0.2
    done
    STARTED_IN=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    # The database kind is fixed at build time: make sure the jar uses the database this mode tests.
    if [[ $MODE == pg ]] && compgen -G "$WORK/data/*.mv.db" >/dev/null; then
        die "the service wrote an H2 file: $APP_DIR is not the PostgreSQL build (-Dquarkus.profile=pg)"
    fi
    if [[ $MODE == h2 ]] && ! compgen -G "$WORK/data/*.mv.db" >/dev/null; then
        die "no H2 file in $WORK/data: $APP_DIR is not the default (H2) build"
    fi
}

# api METHOD PATH [TOKEN] [JSON]: sets STATUS and BODY.
api() {
    local args=(-sS -X "$1" -o "$WORK/body" -w '%{http_code}' --max-time 30 -H 'Accept: application/json')
    [[ -n ${3:-} ]] && args+=(-H "Authorization: Bearer $3")
    [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
    STATUS=$(curl "${args[@]}" "$BASE_URL$2") || STATUS=000
    BODY=$(cat "$WORK/body" 2>/dev/null || true)
}
login() {
    api POST /api/v1/auth/token "" "$(jq -nc --arg p "$ADMIN_PASSWORD" '{username: "admin", password: $p}')"
    [[ $STATUS == 200 ]] || die "admin login: HTTP $STATUS $BODY"
    TOKEN=$(jq -r .accessToken <<<"$BODY")
}

echo "== $MODE: starting $APP_DIR on port $PORT (work folder $WORK)"
start_service "$WORK/service-1.log"
echo "   ready in ${STARTED_IN}s"
login
api POST /api/v1/sites "$TOKEN" "$(jq -nc --arg c "durability-$(date +%s)-$RANDOM" \
    '{code: $c, name: "Durability test site", address: "1 Test Street", organization: "Durability",
      timeZone: "Asia/Ho_Chi_Minh", defaultStayMinutes: 480}')"
[[ $STATUS == 201 ]] || die "create site: HTTP $STATUS $BODY"
SITE_ID=$(jq -r .id <<<"$BODY")
QR_URL=$(jq -r .checkinUrl <<<"$BODY")
[[ $QR_URL == https://* && $QR_URL != *'"'* ]] || die "unexpected checkinUrl: $QR_URL"
echo "   site $SITE_ID, QR $QR_URL"

# --- Burst and kill ---------------------------------------------------------------------------------
# worker W: checks in visitors with the phones 09W0000001, 09W0000002, ... until told to stop or a request
# is not acknowledged with 201 (which, before the kill, is an error of its own and shown as such).
worker() {
    local w=$1 i=0 phone code rc id
    while [[ ! -e $WORK/burst/stop ]]; do
        i=$((i + 1))
        printf -v phone '09%d%07d' "$w" "$i"
        rc=0
        code=$(curl -sS -o "$WORK/burst/body-$w" -w '%{http_code}' --max-time 20 \
            -H 'Content-Type: application/json' -H 'Accept: application/json' \
            --data-binary "{\"qr\":\"$QR_URL\",\"visitor\":{\"fullName\":\"Khách $w-$i\",\"phone\":\"$phone\"},\"declaration\":{\"temperatureC\":36.6},\"consent\":true}" \
            "$BASE_URL/api/v1/checkins" 2>"$WORK/burst/err-$w") || rc=$?
        id=""
        if [[ $rc == 0 && $code == 201 ]]; then
            id=$(sed -n 's/.*"visitId":"\([0-9a-f-]\{36\}\)".*/\1/p' "$WORK/burst/body-$w")
        fi
        if [[ -n $id ]]; then
            echo "$id" >>"$WORK/burst/acked-$w"
        else
            echo "$rc $code $phone $(tr -d '\n' <"$WORK/burst/err-$w" | cut -c1-150)" >>"$WORK/burst/failed"
            return 0
        fi
    done
}
acked_count() {
    cat "$WORK"/burst/acked-* 2>/dev/null | wc -l
}

echo "== Burst: $WORKERS parallel check-in loops; SIGKILL after $KILL_AFTER acknowledged check-ins"
BURST_START=$(date +%s.%N)
for w in $(seq 1 "$WORKERS"); do
    worker "$w" &
    WORKER_PIDS+=($!)
done
deadline=$((SECONDS + BURST_TIMEOUT))
while (($(acked_count) < KILL_AFTER)); do
    [[ -s $WORK/burst/failed ]] && { cat "$WORK/burst/failed" >&2; die "a check-in failed before the kill"; }
    ((SECONDS < deadline)) || die "only $(acked_count) check-ins acknowledged in ${BURST_TIMEOUT}s"
    sleep 0.02
done
ACKED_AT_KILL=$(acked_count)
kill -KILL "$SERVICE_PID"
KILL_AT=$(date +%s.%N)
wait "$SERVICE_PID" 2>/dev/null || true
SERVICE_PID=""
RATE=$(awk -v s="$BURST_START" -v e="$KILL_AT" -v n="$ACKED_AT_KILL" 'BEGIN { printf "%.0f", n / (e - s) }')
echo "   SIGKILL sent with $ACKED_AT_KILL acknowledged (about $RATE check-ins/s)"
for pid in "${WORKER_PIDS[@]}"; do
    wait "$pid" || true
done
WORKER_PIDS=()
sort "$WORK"/burst/acked-* >"$WORK/acked.txt"
ACKED=$(wc -l <"$WORK/acked.txt")
FAILURES=$(wc -l <"$WORK/burst/failed")
# curl 7: connection refused (sent after the JVM had died); any other failure was a request in flight
# (52 empty reply, 56 connection reset, ...).
REFUSED=$(awk '$1 == 7' "$WORK/burst/failed" | wc -l)
IN_FLIGHT=$((FAILURES - REFUSED))
if [[ $(sort -u "$WORK/acked.txt" | wc -l) != "$ACKED" ]]; then
    die "the same visitId was acknowledged twice"
fi
echo "   after the kill: $ACKED acknowledged in total, $FAILURES not acknowledged" \
    "($IN_FLIGHT in flight when the JVM died, $REFUSED refused afterwards)"
if ((IN_FLIGHT == 0)); then
    echo "   note: no request happened to be in flight at the kill; the check still covers every acknowledged one"
fi

# --- Restart and read back ------------------------------------------------------------------------
echo "== Restarting on the same data"
start_service "$WORK/service-2.log"
echo "   ready in ${STARTED_IN}s after the restart"
login
# One curl for all reads (keep-alive); each line: HTTP status and the URL's visit id.
{
    while read -r id; do
        printf 'url = "%s/api/v1/visits/%s"\noutput = "/dev/null"\n' "$BASE_URL" "$id"
    done <"$WORK/acked.txt"
} >"$WORK/reads.curl"
curl -sS --max-time 300 -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json' \
    -w '%{http_code} %{url_effective}\n' -K "$WORK/reads.curl" >"$WORK/reads.txt" || true
FOUND=$(awk '$1 == 200' "$WORK/reads.txt" | wc -l)
awk '$1 != 200 { n = split($2, p, "/"); print p[n] " (HTTP " $1 ")" }' "$WORK/reads.txt" >"$WORK/missing.txt"
READ_BACK=$(wc -l <"$WORK/reads.txt")
if ((READ_BACK != ACKED)); then
    echo "   only $READ_BACK of $ACKED reads answered" >>"$WORK/missing.txt"
fi

api GET "/api/v1/sites/$SITE_ID/visits?size=1" "$TOKEN"
[[ $STATUS == 200 ]] || die "day log: HTTP $STATUS $BODY"
DAY_LOG=$(jq -r .total <<<"$BODY")

echo "== Result ($MODE)"
echo "acknowledged $ACKED, found $FOUND, in-flight failures $IN_FLIGHT (plus $REFUSED refused after the kill)"
echo "day log after the restart: $DAY_LOG visits ($((DAY_LOG - ACKED)) of the $IN_FLIGHT unacknowledged in-flight check-ins were committed)"
if [[ -s $WORK/missing.txt ]]; then
    echo "FAIL: acknowledged check-ins missing after the restart:" >&2
    cat "$WORK/missing.txt" >&2
    exit 1
fi
if ((FOUND != ACKED)); then
    echo "FAIL: found $FOUND of $ACKED" >&2
    exit 1
fi
if ((DAY_LOG < ACKED || DAY_LOG > ACKED + IN_FLIGHT)); then
    echo "FAIL: the day log holds $DAY_LOG visits, expected $ACKED to $((ACKED + IN_FLIGHT))" >&2
    exit 1
fi
OK=1
echo "PASS: every acknowledged check-in survived SIGKILL"
