#!/usr/bin/env bash
# The service answers a database outage with 503 problem+json in bounded time and recovers by itself.
#
# Usage: deploy/db-outage.sh APP_DIR
#
#   APP_DIR  a fast-jar folder built with the PostgreSQL profile:
#              mvn -B package -DskipTests -Dquarkus.profile=pg
#
# What it does:
#   1. creates a throwaway PostgreSQL cluster of its own (initdb as the postgres user into a temporary
#      folder, a free port from 55432 up); the machine's main cluster is never touched;
#   2. starts the jar against it and checks readiness, login, a site and a check-in;
#   3. stops the cluster with pg_ctl stop -m immediate and asserts that /q/health/ready answers 503 DOWN
#      and that an admin GET /api/v1/sites, a check-in and a login answer 503 application/problem+json
#      (not 500, not a hang), each within OUTAGE_BOUND seconds (two rounds: the first meets the pool's
#      dead connections, the second new connection attempts);
#   4. starts the cluster again and asserts that the same service, not restarted, is ready and accepts a
#      check-in within RECOVERY_BOUND seconds, and that the visit made before the outage is still there;
#   5. prints the measured times and "N passed, M failed"; exits non-zero when a check failed.
#
# Needs: root (runs initdb and pg_ctl as postgres through runuser) or the postgres user; PostgreSQL
# server binaries in /usr/lib/postgresql/<version>/bin; java 17, psql, curl, jq, openssl.
# Environment: OUTAGE_PORT (service, default 18481), OUTAGE_PG_PORT (first port tried, default 55432),
# OUTAGE_BOUND (default 6), RECOVERY_BOUND (default 30), OUTAGE_KINDS (default "stopped frozen"),
# READY_TIMEOUT (seconds to start, default 180), JAVA_OPTS, KEEP_WORK_DIR=1 keeps logs.
set -euo pipefail

CALLER_DIR=$(pwd)
if [[ $# -ne 1 || $1 == -h || $1 == --help ]]; then
    echo "usage: $0 APP_DIR   (a pg-profile fast-jar folder: mvn -B package -DskipTests -Dquarkus.profile=pg)" >&2
    exit 2
fi
case $1 in
    /*) APP_DIR=$1 ;;
    *) APP_DIR=$CALLER_DIR/$1 ;;
esac

PORT=${OUTAGE_PORT:-18481}
PG_PORT=${OUTAGE_PG_PORT:-55432}
OUTAGE_BOUND=${OUTAGE_BOUND:-6}
RECOVERY_BOUND=${RECOVERY_BOUND:-30}
OUTAGE_KINDS=${OUTAGE_KINDS:-stopped frozen}
BASE_URL="http://127.0.0.1:$PORT"
DB_NAME=checkin_outage
READY_TIMEOUT=${READY_TIMEOUT:-180}

die() {
    echo "ERROR: $*" >&2
    exit 2
}
for tool in java psql curl jq openssl; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -f $APP_DIR/quarkus-run.jar ]] \
    || die "$APP_DIR/quarkus-run.jar not found; build it with: mvn -B package -DskipTests -Dquarkus.profile=pg"
APP_DIR=$(cd "$APP_DIR" && pwd)
PG_VERSION=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
[[ -n $PG_VERSION && -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] \
    || die "PostgreSQL server binaries not found in /usr/lib/postgresql/<version>/bin (apt-get install postgresql)"
if [[ $(id -u) == 0 ]]; then
    as_postgres() { runuser -u postgres -- "$@"; }
elif [[ $(id -un) == postgres ]]; then
    as_postgres() { "$@"; }
else
    die "run as root (initdb and pg_ctl run as the postgres user) or as postgres"
fi
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port_in_use "$PORT" && die "port $PORT is already in use"
while port_in_use "$PG_PORT"; do
    PG_PORT=$((PG_PORT + 1))
done

# --- Work folder, throwaway cluster, service and cleanup --------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/db-outage.XXXXXX")
chmod 711 "$WORK"
PGDATA_DIR=$WORK/pg/data
mkdir -p "$WORK/pg/sock" "$WORK/data"
chown -R postgres: "$WORK/pg" 2>/dev/null || [[ $(id -un) == postgres ]]
SERVICE_PID=""
PASSED=0
FAILED=0

pg_ctl_() {
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"
}
cluster_start() {
    pg_ctl_ -l "$WORK/pg/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $WORK/pg/sock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}
cluster_running() {
    [[ -f $PGDATA_DIR/postmaster.pid ]] && pg_ctl_ status >/dev/null 2>&1
}
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
    local status=$?
    if [[ -n ${FROZEN_PIDS:-} ]]; then
        # shellcheck disable=SC2086
        kill -CONT $FROZEN_PIDS 2>/dev/null || true
    fi
    stop_service
    if cluster_running; then
        pg_ctl_ stop -m immediate >/dev/null 2>&1 || true
    fi
    if [[ $status -ne 0 || $FAILED -gt 0 || ${KEEP_WORK_DIR:-0} == 1 ]]; then
        echo "Logs kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() {
    PASSED=$((PASSED + 1))
    echo "PASS  $1${2:+ — $2}"
}
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL  $1${2:+ — $2}"
}
now() {
    date +%s.%N
}
since() {
    awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'
}
# within SECONDS BOUND: true when SECONDS < BOUND.
within() {
    awk -v t="$1" -v b="$2" 'BEGIN { exit !(t < b) }'
}

# call METHOD PATH [TOKEN] [JSON]: sets STATUS, TYPE (content type), TIME (seconds) and BODY.
# --max-time is above every bound, so a hang shows up as a measured time (or status 000), not a stuck script.
call() {
    local args=(-sS -X "$1" -o "$WORK/body" -w '%{http_code} %{time_total} %{content_type}' --max-time 20
        -H 'Accept: application/json')
    [[ -n ${3:-} ]] && args+=(-H "Authorization: Bearer $3")
    [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
    local out
    out=$(curl "${args[@]}" "$BASE_URL$2" 2>/dev/null) || true
    read -r STATUS TIME TYPE <<<"${out:-000 20 none}"
    TYPE=${TYPE:-none}
    BODY=$(cat "$WORK/body" 2>/dev/null || true)
    rm -f "$WORK/body"
}
short_body() {
    tr -d '\n' <<<"$BODY" | cut -c1-200
}

# --- 1. Throwaway cluster -----------------------------------------------------------------------------
echo "== Throwaway PostgreSQL $PG_VERSION cluster in $PGDATA_DIR on 127.0.0.1:$PG_PORT"
as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$WORK/pg/initdb.log" 2>&1 || { cat "$WORK/pg/initdb.log" >&2; die "initdb failed"; }
cluster_start || { cat "$WORK/pg/server.log" >&2; die "the throwaway cluster did not start"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -v ON_ERROR_STOP=1 -d postgres -c "create database $DB_NAME"

# --- 2. Service ---------------------------------------------------------------------------------------
ADMIN_PASSWORD=$(openssl rand -hex 16)
LOG=$WORK/service.log
echo "== Starting $APP_DIR on port $PORT"
(
    export CHECKIN_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" CHECKIN_DB_USER=postgres CHECKIN_DB_PASSWORD=""
    export CHECKIN_DATA_DIR="$WORK/data" CHECKIN_ADMIN_PASSWORD="$ADMIN_PASSWORD"
    export CHECKIN_PUBLIC_BASE_URL="https://checkin.outage.test"
    cd "$WORK"
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -Dquarkus.profile=pg -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
        -jar "$APP_DIR/quarkus-run.jar"
) >"$LOG" 2>&1 &
SERVICE_PID=$!
deadline=$((SECONDS + READY_TIMEOUT))
until grep -q "Listening on: http://127.0.0.1:$PORT" "$LOG" 2>/dev/null \
        && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/q/health/ready" || true) == 200 ]]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null || ((SECONDS >= deadline)); then
        tail -n 60 "$LOG" >&2 || true
        die "the service did not become ready"
    fi
    sleep 0.2
done
if compgen -G "$WORK/data/*.mv.db" >/dev/null; then
    die "the service wrote an H2 file: $APP_DIR is not the PostgreSQL build (-Dquarkus.profile=pg)"
fi

echo "== Before the outage"
call GET /q/health/ready
[[ $STATUS == 200 && $(jq -r .status <<<"$BODY" 2>/dev/null) == UP ]] \
    && pass "ready" "200 UP" || fail "ready" "HTTP $STATUS $(short_body)"
LOGIN_BODY=$(jq -nc --arg p "$ADMIN_PASSWORD" '{username: "admin", password: $p}')
call POST /api/v1/auth/token "" "$LOGIN_BODY"
[[ $STATUS == 200 ]] || die "admin login: HTTP $STATUS $(short_body)"
TOKEN=$(jq -r .accessToken <<<"$BODY")
call POST /api/v1/sites "$TOKEN" "$(jq -nc --arg c "outage-$(date +%s)-$RANDOM" \
    '{code: $c, name: "Outage test site", address: "1 Test Street", organization: "Outage",
      timeZone: "Asia/Ho_Chi_Minh", defaultStayMinutes: 480}')"
[[ $STATUS == 201 ]] || die "create site: HTTP $STATUS $(short_body)"
QR_URL=$(jq -r .checkinUrl <<<"$BODY")
N=0
checkin_body() {
    N=$((N + 1))
    jq -nc --arg qr "$QR_URL" --arg phone "$(printf '0987%06d' "$N")" --arg name "Khách $N" \
        '{qr: $qr, visitor: {fullName: $name, phone: $phone}, declaration: {temperatureC: 36.6}, consent: true}'
}
call POST /api/v1/checkins "" "$(checkin_body)"
BEFORE_VISIT=$(jq -r '.visitId // empty' <<<"$BODY" 2>/dev/null || true)
[[ $STATUS == 201 && -n $BEFORE_VISIT ]] \
    && pass "check-in" "201 in ${TIME}s" || fail "check-in" "HTTP $STATUS $(short_body)"

# --- 3. Outage and 4. recovery, for each kind of outage ----------------------------------------------
FROZEN_PIDS=""
# A stopped cluster refuses connections at once. A frozen one (every process of the cluster stopped with
# SIGSTOP, as a hung or unreachable database host) accepts TCP connections but never answers.
outage_begin() {
    case $1 in
        stopped) pg_ctl_ stop -m immediate >/dev/null ;;
        frozen)
            local postmaster
            postmaster=$(sed -n 1p "$PGDATA_DIR/postmaster.pid")
            FROZEN_PIDS="$postmaster $(ps -o pid= --ppid "$postmaster" | tr '\n' ' ')"
            # shellcheck disable=SC2086
            kill -STOP $FROZEN_PIDS
            ;;
    esac
}
outage_end() {
    case $1 in
        stopped) cluster_start || { cat "$WORK/pg/server.log" >&2; die "the throwaway cluster did not restart"; } ;;
        frozen)
            # shellcheck disable=SC2086
            kill -CONT $FROZEN_PIDS
            FROZEN_PIDS=""
            ;;
    esac
}

# expect_503 LABEL METHOD PATH [TOKEN] [JSON]
expect_503() {
    local label=$1
    shift
    call "$@"
    local problem_status
    problem_status=$(jq -r '.status // empty' <<<"$BODY" 2>/dev/null || true)
    if [[ $STATUS == 503 && $TYPE == application/problem+json* && $problem_status == 503 ]] \
        && within "$TIME" "$OUTAGE_BOUND" && ! grep -qiE 'exception|org\.|java\.' <<<"$BODY"; then
        pass "$label" "503 problem+json in ${TIME}s"
    else
        fail "$label" "HTTP $STATUS, $TYPE, ${TIME}s (bound ${OUTAGE_BOUND}s): $(short_body)"
    fi
}

# outage KIND: the database goes away (KIND stopped or frozen) under the running service and comes back.
outage() {
    local kind=$1 stopped_at down_after="" started_at up_after="" checkin_after="" round
    echo "== Outage: database $kind"
    outage_begin "$kind"
    stopped_at=$(now)
    # Readiness: poll until it answers 503, each poll bounded by curl's --max-time.
    while true; do
        call GET /q/health/ready
        if [[ $STATUS == 503 ]]; then
            down_after=$(since "$stopped_at")
            break
        fi
        within "$(since "$stopped_at")" $((OUTAGE_BOUND + 4)) || break
        sleep 0.2
    done
    if [[ -n $down_after ]] && within "$down_after" "$OUTAGE_BOUND" \
        && [[ $(jq -r .status <<<"$BODY" 2>/dev/null) == DOWN ]]; then
        pass "$kind: ready reports DOWN" "503 DOWN ${down_after}s after the outage began (that poll took ${TIME}s)"
    else
        fail "$kind: ready reports DOWN" \
            "last answer HTTP $STATUS in ${TIME}s, $(since "$stopped_at")s after the outage began: $(short_body)"
    fi
    # Two rounds: the first meets the pool's connections to the lost database, the second new attempts.
    for round in 1 2; do
        expect_503 "$kind, round $round: admin GET /api/v1/sites" GET /api/v1/sites "$TOKEN"
        expect_503 "$kind, round $round: check-in" POST /api/v1/checkins "" "$(checkin_body)"
        expect_503 "$kind, round $round: login" POST /api/v1/auth/token "" "$LOGIN_BODY"
    done
    call GET /q/health/live
    [[ $STATUS == 200 ]] && pass "$kind: live during the outage" "200 in ${TIME}s" \
        || fail "$kind: live during the outage" "HTTP $STATUS $(short_body)"
    echo "   outage lasted $(since "$stopped_at")s"

    echo "== Recovery from the $kind database (the service is not restarted)"
    outage_end "$kind"
    started_at=$(now)
    while within "$(since "$started_at")" "$RECOVERY_BOUND"; do
        if [[ -z $up_after ]]; then
            call GET /q/health/ready
            [[ $STATUS == 200 ]] && up_after=$(since "$started_at")
        fi
        if [[ -n $up_after ]]; then
            call POST /api/v1/checkins "" "$(checkin_body)"
            if [[ $STATUS == 201 ]]; then
                checkin_after=$(since "$started_at")
                break
            fi
            echo "   check-in after recovery: HTTP $STATUS in ${TIME}s, retrying"
        fi
        sleep 0.2
    done
    [[ -n $up_after ]] && pass "$kind: ready again" "200 UP ${up_after}s after the database came back" \
        || fail "$kind: ready again" "not UP within ${RECOVERY_BOUND}s: HTTP $STATUS $(short_body)"
    [[ -n $checkin_after ]] && pass "$kind: check-in again" "201 ${checkin_after}s after the database came back" \
        || fail "$kind: check-in again" "no 201 within ${RECOVERY_BOUND}s: HTTP $STATUS $(short_body)"
    call POST /api/v1/auth/token "" "$LOGIN_BODY"
    [[ $STATUS == 200 ]] && pass "$kind: login again" "200 in ${TIME}s" \
        || fail "$kind: login again" "HTTP $STATUS $(short_body)"
    if [[ -n $BEFORE_VISIT ]]; then
        call GET "/api/v1/visits/$BEFORE_VISIT" "$TOKEN"
        [[ $STATUS == 200 ]] && pass "$kind: visit from before the outage" "200" \
            || fail "$kind: visit from before the outage" "HTTP $STATUS $(short_body)"
    fi
    TIMES+=("$kind: ready DOWN after ${down_after:-?}s, ready UP ${up_after:-?}s and first check-in ${checkin_after:-?}s after the database came back")
}

TIMES=()
for kind in $OUTAGE_KINDS; do
    outage "$kind"
done
if kill -0 "$SERVICE_PID" 2>/dev/null; then
    pass "same process" "pid $SERVICE_PID served before, during and after the outages"
else
    fail "same process" "the service process is gone"
fi

UNEXPECTED=$(grep -c 'Unexpected error' "$LOG" || true)
[[ $UNEXPECTED == 0 ]] && pass "no 500 logged" || fail "no 500 logged" "$UNEXPECTED 'Unexpected error' lines in $LOG"

echo "== Times (each answer during an outage bounded by ${OUTAGE_BOUND}s)"
printf '   %s\n' "${TIMES[@]}"
if [[ $FAILED -gt 0 ]]; then
    echo "----- service log, last 80 lines -----" >&2
    tail -n 80 "$LOG" >&2 || true
fi
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
