#!/usr/bin/env bash
# Two replicas of the check-in service on one PostgreSQL database, checked end to end.
#
# Usage: deploy/two-replicas.sh [APP_DIR]
#
#   APP_DIR  a fast-jar folder built with the PostgreSQL profile (default: target/quarkus-app):
#              mvn -B package -DskipTests -Dquarkus.profile=pg
#
# What it does:
#   1. drops and creates the database checkin_replicas on 127.0.0.1:5432 (user postgres), and generates
#      one RSA key pair, one HMAC secret and one admin password shared by both replicas;
#   2. starts replica A on port 18281 and replica B on 18282 at the same moment (both race to create the
#      bootstrap admin and to run Flyway), each with its own data folder, auto-checkout every 2 s;
#   3. checks that tokens, QR codes and checkout tokens issued by one replica work on the other, that a
#      tracing query sees visits made through both, and that 200 overdue visits are auto-closed exactly once
#      between the two replicas (conditional update), at arrival + the site's default stay;
#   4. races 40 check-ins of one person (three spellings of the phone) and 5 staff entries, spread over both
#      replicas, and expects 45 answers 201 and exactly one open visit, the others closed AUTO;
#   5. revokes staff tokens on A (logout, deactivation, new password, roles, sites) and expects B to refuse them
#      within 5 s; enrols a kiosk on A, uses it on B, revokes it on A and expects B to refuse it at once; sends
#      30 wrong passwords for one user over both replicas at once and expects at most the limit (5) of 401s;
#   6. runs the retention purge, the daily reports and the stored report days every 5 s and expects each firing
#      to run on one replica only (audit entries of the purge per 5-second slot, run counters of both replicas),
#      and the one-off person-key migration applied once (no start-up backfill any more);
#   7. prints "N passed, M failed" and exits non-zero when a check failed.
#
# Needs: java 17, psql, openssl, curl, jq; PostgreSQL with trust auth for postgres on 127.0.0.1.
# Environment: PGHOST/PGPORT (default 127.0.0.1/5432), REPLICA_A_PORT/REPLICA_B_PORT (default 18281/18282),
# JAVA_OPTS (extra JVM options for both replicas),
# KEEP_WORK_DIR=1 keeps the temporary folder (logs, data folders) even when every check passed.
set -euo pipefail

# --- Locations --------------------------------------------------------------------------------------
CALLER_DIR=$(pwd)
REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
    echo "usage: $0 [APP_DIR]   (a pg-profile fast-jar folder, default target/quarkus-app)" >&2
    exit 2
fi
if [[ $# -eq 1 ]]; then
    # A relative APP_DIR is relative to where the script was called from.
    case $1 in
        /*) APP_DIR=$1 ;;
        *) APP_DIR=$CALLER_DIR/$1 ;;
    esac
else
    APP_DIR=$REPO_ROOT/target/quarkus-app
fi
cd "$REPO_ROOT"

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
DB_NAME=checkin_replicas
DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME"
PORT_A=${REPLICA_A_PORT:-18281}
PORT_B=${REPLICA_B_PORT:-18282}
URL_A="http://127.0.0.1:$PORT_A"
URL_B="http://127.0.0.1:$PORT_B"
PUBLIC_BASE_URL="https://checkin.replicas.test"
READY_TIMEOUT=60
AUTO_COUNT=200
AUTO_TIMEOUT=90
STAY_MINUTES=5
JOB_SECONDS=5
JOB_WINDOW=30

die() {
    echo "ERROR: $*" >&2
    exit 2
}

for tool in java psql openssl curl jq; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -f $APP_DIR/quarkus-run.jar ]] \
    || die "$APP_DIR/quarkus-run.jar not found; build it with: mvn -B package -DskipTests -Dquarkus.profile=pg"
APP_DIR=$(cd "$APP_DIR" && pwd)

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in $PORT_A $PORT_B; do
    if port_in_use "$port"; then
        die "port $port is already in use (a replica left over from an earlier run?)"
    fi
done

psql_db() {
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}
psql_db -d postgres -c 'select 1' >/dev/null 2>&1 \
    || die "PostgreSQL is not reachable on $PGHOST:$PGPORT as postgres (start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"

# --- Work folder, replicas and cleanup -------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/two-replicas.XXXXXX")
PID_A=""
PID_B=""
PASSED=0
FAILED=0

stop_replicas() {
    local pid
    for pid in $PID_A $PID_B; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $PID_A $PID_B; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PID_A=""
    PID_B=""
}

cleanup() {
    local status=$?
    stop_replicas
    rm -rf "$WORK/keys"
    if [[ $status -ne 0 || $FAILED -gt 0 || ${KEEP_WORK_DIR:-0} == 1 ]]; then
        echo "Logs and data folders kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

print_logs() {
    local name
    for name in A B; do
        echo "----- replica $name log ($WORK/replica-$name.log), last 150 lines -----" >&2
        tail -n 150 "$WORK/replica-$name.log" >&2 2>/dev/null || true
    done
    echo "-----" >&2
}

# --- Checks ---------------------------------------------------------------------------------------
pass() {
    PASSED=$((PASSED + 1))
    echo "PASS  $1${2:+ — $2}"
}
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL  $1${2:+ — $2}"
}

# http METHOD URL [TOKEN] [JSON]: sets STATUS and BODY.
STATUS=""
BODY=""
http() {
    local method=$1 url=$2 token=${3:-} data=${4:-}
    local args=(-sS -X "$method" -o "$WORK/body" -w '%{http_code}' --max-time 30 -H 'Accept: application/json')
    [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
    [[ -n $data ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
    STATUS=$(curl "${args[@]}" "$url" 2>"$WORK/curl-error") || STATUS="000 ($(cat "$WORK/curl-error"))"
    BODY=$(cat "$WORK/body" 2>/dev/null || true)
}
# j FILTER: a field of the last response body, empty when absent or not JSON.
j() {
    jq -r "$1 // empty" <<<"$BODY" 2>/dev/null || true
}
short_body() {
    tr -d '\n' <<<"$BODY" | cut -c1-300
}

now_iso() {
    date -u -d "${1:-now}" +%Y-%m-%dT%H:%M:%SZ
}
random_phone() {
    # A Vietnamese mobile number 09xxxxxxxx, normalised by the service to +849xxxxxxxx.
    printf '09%08d' $(((RANDOM * 32768 + RANDOM) % 100000000))
}

# --- 1. Database, shared keys and secrets ----------------------------------------------------------
echo "== Preparing database $DB_NAME, shared keys and secrets in $WORK"
psql_db -d postgres -c "drop database if exists $DB_NAME with (force)" -c "create database $DB_NAME"
mkdir -p "$WORK/keys" "$WORK/data-A" "$WORK/data-B"
chmod 700 "$WORK/keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/jwt-private.pem" 2>/dev/null
openssl pkey -in "$WORK/keys/jwt-private.pem" -pubout -out "$WORK/keys/jwt-public.pem"
chmod 600 "$WORK/keys/jwt-private.pem"
HMAC_SECRET=$(openssl rand -base64 48 | tr -d '\n')
ADMIN_PASSWORD=$(openssl rand -hex 16)

# --- 2. Both replicas at once ----------------------------------------------------------------------
start_replica() {
    local name=$1 port=$2
    (
        export CHECKIN_DB_URL="$DB_URL" CHECKIN_DB_USER=postgres CHECKIN_DB_PASSWORD=""
        export CHECKIN_JWT_PRIVATE_KEY="$WORK/keys/jwt-private.pem" CHECKIN_JWT_PUBLIC_KEY="$WORK/keys/jwt-public.pem"
        export CHECKIN_HMAC_SECRET="$HMAC_SECRET" CHECKIN_ADMIN_PASSWORD="$ADMIN_PASSWORD"
        export CHECKIN_PUBLIC_BASE_URL="$PUBLIC_BASE_URL" CHECKIN_AUTO_CHECKOUT_EVERY=2s
        export CHECKIN_PURGE_CRON="*/$JOB_SECONDS * * * * ?" CHECKIN_DAILY_REPORT_CRON="*/$JOB_SECONDS * * * * ?"
        export CHECKIN_REPORT_DAYS_EVERY="${JOB_SECONDS}s"
        # The race below checks one phone in 40 times within a second.
        export CHECKIN_CHECKINS_PER_PHONE=1000
        export CHECKIN_DATA_DIR="$WORK/data-$name"
        cd "$WORK/data-$name"
        # shellcheck disable=SC2086
        # Each job run logs the firing it runs (DEBUG), which check e compares between the two replicas.
        exec java ${JAVA_OPTS:-} -Dquarkus.profile=pg -Dquarkus.http.port="$port" \
            '-Dquarkus.log.category."vn.checkin.common.ClusteredJobs".level=DEBUG' -jar "$APP_DIR/quarkus-run.jar"
    ) >"$WORK/replica-$name.log" 2>&1 &
}

echo "== Starting replica A (:$PORT_A) and replica B (:$PORT_B) together from $APP_DIR"
START_EPOCH=$(date +%s.%N)
start_replica A $PORT_A
PID_A=$!
start_replica B $PORT_B
PID_B=$!

wait_ready() {
    local name=$1 pid=$2 url=$3 deadline
    deadline=$(($(date +%s) + READY_TIMEOUT))
    while true; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "Replica $name exited during start-up" >&2
            return 1
        fi
        if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/q/health/ready" || true) == 200 ]]; then
            return 0
        fi
        if [[ $(date +%s) -ge $deadline ]]; then
            echo "Replica $name not ready within ${READY_TIMEOUT}s" >&2
            return 1
        fi
        sleep 0.25
    done
}
elapsed() {
    awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'
}

# The database kind is fixed at build time: a default (H2) build cannot use the pg profile's database.
fail_if_h2_build() {
    local name
    for name in A B; do
        if grep -Eq "build time fixed to 'h2'|db-kind was 'h2'|jdbc:h2:" "$WORK/replica-$name.log" \
            || compgen -G "$WORK/data-$name/*.mv.db" >/dev/null; then
            print_logs
            die "replica $name runs the H2 build: $APP_DIR was not built with the pg profile (mvn -B package -DskipTests -Dquarkus.profile=pg)"
        fi
    done
}

if ! wait_ready A "$PID_A" "$URL_A"; then
    fail_if_h2_build
    print_logs
    die "replica A did not start"
fi
READY_A=$(elapsed "$START_EPOCH")
if ! wait_ready B "$PID_B" "$URL_B"; then
    fail_if_h2_build
    print_logs
    die "replica B did not start"
fi
READY_B=$(elapsed "$START_EPOCH")
echo "   both ready (A after ${READY_A}s, B by ${READY_B}s)"
fail_if_h2_build
MIGRATED=$(psql_db -d "$DB_NAME" -c "select count(*) from information_schema.tables where table_name in ('visit', 'app_user')" 2>/dev/null || echo 0)
if [[ $MIGRATED != 2 ]]; then
    print_logs
    die "the schema was not created in $DB_NAME: the replicas do not use PostgreSQL (build with -Dquarkus.profile=pg)"
fi
ADMINS=$(psql_db -d "$DB_NAME" -c "select count(*) from app_user where username = 'admin'")
echo "   schema migrated once in $DB_NAME; bootstrap admin rows: $ADMINS"

echo "== Checks"
# Start-up race: both replicas created the admin at the same moment; exactly one row must exist.
if [[ $ADMINS == 1 ]]; then
    pass "start-up race" "both replicas started together and are ready, one bootstrap admin"
else
    fail "start-up race" "$ADMINS admin rows after a simultaneous start"
fi

# --- 3a. Tokens of one replica are accepted by the other -------------------------------------------
# login NAME URL: sets TOKEN_<NAME> to the admin's access token from that replica.
login() {
    local token=""
    http POST "$2/api/v1/auth/token" "" "$(jq -nc --arg p "$ADMIN_PASSWORD" '{username: "admin", password: $p}')"
    [[ $STATUS == 200 ]] && token=$(j .accessToken)
    printf -v "TOKEN_$1" '%s' "$token"
    if [[ -n $token ]]; then
        pass "admin logs in on $1" "token expires in $(j .expiresIn)s"
    else
        fail "admin logs in on $1" "HTTP $STATUS $(short_body)"
    fi
}
TOKEN_A=""
TOKEN_B=""
login A "$URL_A"
login B "$URL_B"

cross_token() {
    local label=$1 token=$2 url=$3
    if [[ -z $token ]]; then
        fail "$label" "no token"
        return
    fi
    http GET "$url/api/v1/sites" "$token"
    [[ $STATUS == 200 ]] && pass "$label" "GET /api/v1/sites → 200" || fail "$label" "HTTP $STATUS $(short_body)"
}
cross_token "a. token issued by A accepted by B" "$TOKEN_A" "$URL_B"
cross_token "a. token issued by B accepted by A" "$TOKEN_B" "$URL_A"

# --- 3b. Sites, QR codes, check-in, checkout and tracing across replicas ---------------------------
SITE_ID=""
check_visits_across_replicas() {
    if [[ -z $TOKEN_A || -z $TOKEN_B ]]; then
        fail "b. visits across replicas" "skipped: no admin token"
        return
    fi
    local code="replicas-$(date +%s)-$RANDOM" url_a url_b
    http POST "$URL_A/api/v1/sites" "$TOKEN_A" "$(jq -nc --arg c "$code" --argjson stay "$STAY_MINUTES" \
        '{code: $c, name: "Replica test site", address: "1 Test Street", organization: "Replicas",
          timeZone: "Asia/Ho_Chi_Minh", defaultStayMinutes: $stay}')"
    SITE_ID=$(j .id)
    url_a=$(j .checkinUrl)
    if [[ $STATUS != 201 || -z $SITE_ID || -z $url_a ]]; then
        fail "b. admin on A creates a site" "HTTP $STATUS $(short_body)"
        SITE_ID=""
        return
    fi
    pass "b. admin on A creates a site" "$code, defaultStayMinutes $(j .defaultStayMinutes)"

    http GET "$URL_B/api/v1/sites/$SITE_ID" "$TOKEN_B"
    url_b=$(j .checkinUrl)
    if [[ $STATUS == 200 && $url_b == "$url_a" ]]; then
        pass "b. B serves the same checkinUrl" "$url_b"
    else
        fail "b. B serves the same checkinUrl" "HTTP $STATUS, A: $url_a, B: ${url_b:-$(short_body)}"
    fi

    local phone1 phone2 visit1 token1 visit2 token2
    phone1=$(random_phone)
    phone2=$(random_phone)
    while [[ $phone2 == "$phone1" ]]; do phone2=$(random_phone); done
    checkin_body() {
        jq -nc --arg qr "$url_a" --arg name "$1" --arg phone "$2" \
            '{qr: $qr, visitor: {fullName: $name, phone: $phone}, declaration: {}, consent: true}'
    }

    http POST "$URL_A/api/v1/checkins" "" "$(checkin_body "Nguyễn Văn Một" "$phone1")"
    visit1=$(j .visitId)
    token1=$(j .checkoutToken)
    if [[ $STATUS == 201 && -n $visit1 && -n $token1 ]]; then
        pass "b. visitor 1 checks in on A" "201, visit $visit1"
    else
        fail "b. visitor 1 checks in on A" "HTTP $STATUS $(short_body)"
        return
    fi

    # Visitor 2 arrives before visitor 1 leaves, so their stays overlap by a few seconds.
    http POST "$URL_B/api/v1/checkins" "" "$(checkin_body "Trần Thị Hai" "$phone2")"
    visit2=$(j .visitId)
    token2=$(j .checkoutToken)
    if [[ $STATUS == 201 && -n $visit2 && -n $token2 ]]; then
        pass "b. visitor 2 checks in on B (QR signed by A)" "201, visit $visit2"
    else
        fail "b. visitor 2 checks in on B (QR signed by A)" "HTTP $STATUS $(short_body)"
    fi
    sleep 2

    http POST "$URL_B/api/v1/checkins/$visit1/checkout" "" "$(jq -nc --arg t "$token1" '{checkoutToken: $t}')"
    if [[ $STATUS == 200 && $(j .status) == CHECKED_OUT ]]; then
        pass "b. visitor 1 checks out on B with A's checkoutToken" "200 CHECKED_OUT at $(j .checkedOutAt)"
    else
        fail "b. visitor 1 checks out on B with A's checkoutToken" "HTTP $STATUS $(short_body)"
    fi

    if [[ -n $visit2 ]]; then
        http POST "$URL_A/api/v1/tracing/queries" "$TOKEN_A" "$(jq -nc --arg p "$phone2" \
            --arg from "$(now_iso '-1 hour')" --arg to "$(now_iso '+1 hour')" \
            '{case: {phone: $p}, from: $from, to: $to, minOverlapMinutes: 0, depth: 1, reason: "two-replicas check"}')"
        local contact
        contact=$(jq -c --arg v "$visit1" '[.contacts[]? | select(.visitId == $v and .level == "F1")][0] // empty' \
            <<<"$BODY" 2>/dev/null || true)
        if [[ $STATUS == 201 && -n $contact ]]; then
            pass "b. tracing on A lists visitor 1 as F1 of visitor 2" \
                "overlap $(jq -r '.overlapStart + " … " + .overlapEnd' <<<"$contact")"
        else
            fail "b. tracing on A lists visitor 1 as F1 of visitor 2" "HTTP $STATUS $(short_body)"
        fi

        # Visitor 2 leaves through A, so no visit of this part is left for the auto-checkout to count.
        http POST "$URL_A/api/v1/checkins/$visit2/checkout" "" "$(jq -nc --arg t "$token2" '{checkoutToken: $t}')"
        if [[ $STATUS == 200 && $(j .status) == CHECKED_OUT ]]; then
            pass "b. visitor 2 checks out on A with B's checkoutToken" "200 CHECKED_OUT"
        else
            fail "b. visitor 2 checks out on A with B's checkoutToken" "HTTP $STATUS $(short_body)"
        fi
    fi
}
check_visits_across_replicas

# --- 3c. Overdue visits are auto-closed exactly once between the two replicas ----------------------
log_closed() {
    { grep -o 'Auto-checkout closed [0-9]* visits' "$WORK/replica-$1.log" 2>/dev/null || true; } \
        | awk '{ n += $3 } END { print n + 0 }'
}

check_auto_checkout() {
    if [[ -z $SITE_ID ]]; then
        fail "c. auto-checkout exactly once" "skipped: no site"
        return
    fi
    local marker="replicas-auto-$RANDOM$RANDOM" inserted
    inserted=$(psql_db -d "$DB_NAME" -v site="$SITE_ID" -v marker="$marker" -v n="$AUTO_COUNT" <<'SQL'
with ins as (
    insert into visit (id, site_id, full_name, phone, purpose,
                       close_contact, outbreak_area, flag_fever, flag_symptoms, flag_close_contact,
                       flag_outbreak_area, flagged, consent_at, checked_in_at, entry_source, qr_version)
    select gen_random_uuid(), :'site'::uuid, 'Overdue visitor ' || i, '+8470' || lpad(i::text, 7, '0'), :'marker',
           false, false, false, false, false, false, false,
           now() - interval '1 day' - i * interval '1 second' - interval '0.123456 second',
           now() - interval '1 day' - i * interval '1 second' - interval '0.123456 second',
           'QR', 1
    from generate_series(1, :n) as i
    returning 1)
select count(*) from ins;
SQL
    ) || inserted="psql failed"
    local t0 since_start
    t0=$(date +%s.%N)
    since_start=$(elapsed "$START_EPOCH")
    if [[ $inserted != "$AUTO_COUNT" ]]; then
        fail "c. insert $AUTO_COUNT overdue visits" "inserted: $inserted"
        return
    fi
    echo "   inserted $AUTO_COUNT open visits checked in a day ago, ${since_start}s after start-up"

    local open deadline closed_after
    deadline=$(($(date +%s) + AUTO_TIMEOUT))
    while true; do
        open=$(psql_db -d "$DB_NAME" -v marker="$marker" \
            <<<"select count(*) from visit where purpose = :'marker' and checked_out_at is null;") || open="?"
        [[ $open == 0 || $(date +%s) -ge $deadline ]] && break
        sleep 0.5
    done
    closed_after=$(elapsed "$t0")
    if [[ $open == 0 ]]; then
        pass "c. all $AUTO_COUNT overdue visits closed" "${closed_after}s after insertion ($(elapsed "$START_EPOCH")s after start-up)"
    else
        fail "c. all $AUTO_COUNT overdue visits closed" "$open still open after ${AUTO_TIMEOUT}s"
    fi

    local summary
    summary=$(psql_db -d "$DB_NAME" -v marker="$marker" -v stay="$STAY_MINUTES" -F ' ' <<'SQL'
select count(*) filter (where checkout_source = 'AUTO' and checked_out_at = checked_in_at + :stay * interval '1 minute'),
       count(*) filter (where checkout_source is distinct from 'AUTO'),
       count(*) filter (where checked_out_at is distinct from checked_in_at + :stay * interval '1 minute'),
       count(*)
from visit where purpose = :'marker';
SQL
    ) || summary="? ? ? ?"
    local good wrong_source wrong_time total
    read -r good wrong_source wrong_time total <<<"$summary"
    if [[ $good == "$AUTO_COUNT" && $total == "$AUTO_COUNT" ]]; then
        pass "c. closed as AUTO at arrival + ${STAY_MINUTES} min" "$good of $total"
    else
        local sample
        sample=$(psql_db -d "$DB_NAME" -v marker="$marker" -v stay="$STAY_MINUTES" -F ' | ' <<'SQL'
select checked_in_at, checked_out_at, checkout_source from visit where purpose = :'marker'
  and (checkout_source is distinct from 'AUTO' or checked_out_at is distinct from checked_in_at + :stay * interval '1 minute')
order by checked_in_at limit 3;
SQL
        ) || true
        fail "c. closed as AUTO at arrival + ${STAY_MINUTES} min" \
            "$good of $total right; wrong source: $wrong_source, wrong time: $wrong_time; e.g. $(tr '\n' ';' <<<"$sample")"
    fi

    # The log line is written after the commit: give both replicas a few more runs (every 2 s), which
    # would also show a visit closed twice.
    local a b waited=0
    while true; do
        a=$(log_closed A)
        b=$(log_closed B)
        [[ $((a + b)) -ge $AUTO_COUNT || $waited -ge 10 ]] && break
        sleep 1
        waited=$((waited + 1))
    done
    sleep 5
    a=$(log_closed A)
    b=$(log_closed B)
    if [[ $((a + b)) == "$AUTO_COUNT" ]]; then
        pass "c. each visit closed exactly once" "replica A closed $a, replica B closed $b (sum $((a + b)))"
    else
        fail "c. each visit closed exactly once" \
            "logs say replica A closed $a, replica B closed $b: sum $((a + b)), expected $AUTO_COUNT"
    fi
}
check_auto_checkout

# --- 4. One person checking in through both replicas at once --------------------------------------
# race_one INDEX: posts $RACE_DIR/INDEX.json to INDEX.base + INDEX.path (with INDEX.auth as bearer token, if any).
race_one() {
    local i=$1 auth=()
    [[ -s $RACE_DIR/$i.auth ]] && auth=(-H "Authorization: Bearer $(cat "$RACE_DIR/$i.auth")")
    curl -sS -o /dev/null -w '%{http_code}\n' --max-time 60 -X POST -H 'Content-Type: application/json' "${auth[@]}" \
        --data-binary @"$RACE_DIR/$i.json" "$(cat "$RACE_DIR/$i.base")$(cat "$RACE_DIR/$i.path")" \
        >"$RACE_DIR/$i.status" 2>&1
}
check_open_visit_race() {
    if [[ -z $SITE_ID || -z $TOKEN_A ]]; then
        fail "d. one open visit under a race over both replicas" "skipped: no site"
        return
    fi
    local digits spelling qr i
    digits=$(random_phone | cut -c2-)
    http GET "$URL_A/api/v1/sites/$SITE_ID" "$TOKEN_A"
    qr=$(j .checkinUrl)
    RACE_DIR="$WORK/race"
    mkdir -p "$RACE_DIR"
    for i in $(seq 0 44); do
        case $((i % 3)) in
            0) spelling="0$digits" ;;
            1) spelling="+84 $digits" ;;
            *) spelling="84$digits" ;;
        esac
        if [[ $((i % 2)) == 0 ]]; then echo "$URL_A" >"$RACE_DIR/$i.base"; else echo "$URL_B" >"$RACE_DIR/$i.base"; fi
        if [[ $i -lt 40 ]]; then
            jq -nc --arg qr "$qr" --arg phone "$spelling" \
                '{qr: $qr, visitor: {fullName: "Trần Thị Hai Cửa", phone: $phone}, declaration: {}, consent: true}' \
                >"$RACE_DIR/$i.json"
            echo "/api/v1/checkins" >"$RACE_DIR/$i.path"
        else
            jq -nc --arg phone "$spelling" \
                '{visitor: {fullName: "Trần Thị Hai Cửa", phone: $phone}, declaration: {}, consent: true}' \
                >"$RACE_DIR/$i.json"
            echo "/api/v1/sites/$SITE_ID/visits" >"$RACE_DIR/$i.path"
            echo "$TOKEN_A" >"$RACE_DIR/$i.auth"
        fi
    done
    # All 45 requests at once, one curl each.
    export RACE_DIR
    export -f race_one
    seq 0 44 | xargs -P 45 -I{} bash -c 'race_one {}'
    local statuses
    statuses=$(cat "$RACE_DIR"/*.status | sort | uniq -c | tr -s ' ' | tr '\n' ',')
    local summary open auto total
    summary=$(psql_db -d "$DB_NAME" -v site="$SITE_ID" -v phone="+84$digits" -F ' ' <<'SQL'
select count(*) filter (where checked_out_at is null), count(*) filter (where checkout_source = 'AUTO'), count(*)
from visit where site_id = :'site'::uuid and phone = :'phone';
SQL
    ) || summary="? ? ?"
    read -r open auto total <<<"$summary"
    if [[ $(cat "$RACE_DIR"/*.status | grep -c '^201$') == 45 \
        && $open == 1 && $auto == 44 && $total == 45 ]]; then
        pass "d. one open visit under a race over both replicas" \
            "45 answers 201; $total visits, $open open, $auto closed AUTO"
    else
        fail "d. one open visit under a race over both replicas" \
            "answers: $statuses visits: $total, open: $open, closed AUTO: $auto"
    fi
}
check_open_visit_race

# --- 5. Access: revocation, kiosks and login limits across replicas ------------------------------
# staff_token URL USER PASSWORD: prints an access token from that replica (empty when refused).
staff_token() {
    http POST "$1/api/v1/auth/token" "" "$(jq -nc --arg u "$2" --arg p "$3" '{username: $u, password: $p}')"
    [[ $STATUS == 200 ]] && j .accessToken
}
# refused_within URL TOKEN: seconds until TOKEN gets 401 revoked-token from that replica (empty after 8 s).
refused_within() {
    local start now
    start=$(date +%s.%N)
    while true; do
        http GET "$1/api/v1/sites" "$2"
        now=$(date +%s.%N)
        if [[ $STATUS == 401 && $(j .type) == */revoked-token ]]; then
            awk -v s="$start" -v e="$now" 'BEGIN { printf "%.1f", e - s }'
            return
        fi
        if awk -v s="$start" -v e="$now" 'BEGIN { exit !(e - s > 8) }'; then
            return
        fi
        sleep 0.2
    done
}
check_revocation_across_replicas() {
    local trigger user_id username token other patch on_a on_b second_site
    http POST "$URL_A/api/v1/sites" "$TOKEN_A" "$(jq -nc --arg c "revoke-$RANDOM$RANDOM" '{code: $c, name: "Chi nhánh 2"}')"
    second_site=$(j .id)
    for trigger in logout deactivated password roles sites; do
        username="revoke-$trigger-$RANDOM$RANDOM"
        http POST "$URL_A/api/v1/users" "$TOKEN_A" "$(jq -nc --arg u "$username" --arg s "$SITE_ID" \
            '{username: $u, password: "replica-staff-pass-1", displayName: "Lễ tân", roles: ["RECEPTION"], siteIds: [$s]}')"
        user_id=$(j .id)
        token=$(staff_token "$URL_B" "$username" replica-staff-pass-1)
        other=$(staff_token "$URL_A" "$username" replica-staff-pass-1)
        # Both replicas have just found the session valid, and remember it (for 2 s) when the change comes.
        http GET "$URL_B/api/v1/sites/$SITE_ID/visits" "$token"
        [[ $STATUS == 200 ]] && http GET "$URL_A/api/v1/sites/$SITE_ID/visits" "$token"
        if [[ -z $user_id || -z $token || $STATUS != 200 ]]; then
            fail "f. $trigger revokes the token on both replicas" "could not set up the user (HTTP $STATUS)"
            continue
        fi
        case $trigger in
            logout) http POST "$URL_A/api/v1/auth/logout" "$token" ;;
            deactivated) patch='{"active": false}' ;;
            password) patch='{"password": "replica-new-pass-2"}' ;;
            roles) patch='{"roles": ["RECEPTION", "TRACER"]}' ;;
            sites) patch=$(jq -nc --arg s "$SITE_ID" --arg t "$second_site" '{siteIds: [$s, $t]}') ;;
        esac
        [[ $trigger != logout ]] && http PATCH "$URL_A/api/v1/users/$user_id" "$TOKEN_A" "$patch"
        if [[ ! $STATUS =~ ^20[04]$ ]]; then
            fail "f. $trigger revokes the token on both replicas" "the change got HTTP $STATUS $(short_body)"
            continue
        fi
        on_b=$(refused_within "$URL_B" "$token")
        on_a=$(refused_within "$URL_A" "$token")
        if [[ -n $on_a && -n $on_b ]] && awk -v b="$on_b" 'BEGIN { exit !(b <= 5) }'; then
            pass "f. $trigger revokes the token on both replicas" "changed on A; refused by B after ${on_b}s, by A after ${on_a}s"
        else
            fail "f. $trigger revokes the token on both replicas" "refused by B after '${on_b:-never}' s, by A after '${on_a:-never}' s"
        fi
        if [[ $trigger == logout ]]; then
            http GET "$URL_B/api/v1/sites/$SITE_ID/visits" "$other"
            [[ $STATUS == 200 ]] && pass "f. logout leaves the user's other login working" "on B: 200" \
                || fail "f. logout leaves the user's other login working" "HTTP $STATUS"
        fi
    done
}
check_kiosk_across_replicas() {
    local kiosk_id kiosk_token
    http POST "$URL_A/api/v1/sites/$SITE_ID/kiosks" "$TOKEN_A" '{"name": "Cổng chính"}'
    kiosk_id=$(j .id)
    kiosk_token=$(j .kioskToken)
    http GET "$URL_B/api/v1/sites/$SITE_ID/kiosk-qr" "$kiosk_token"
    if [[ -z $kiosk_id || $STATUS != 200 ]]; then
        fail "f. a kiosk enrolled on A fetches codes on B" "HTTP $STATUS $(short_body)"
        return
    fi
    pass "f. a kiosk enrolled on A fetches codes on B" "kiosk-qr → 200"
    http GET "$URL_B/api/v1/sites" "$kiosk_token"
    [[ $STATUS == 403 ]] && pass "f. a kiosk token reads nothing else" "GET /sites on B → 403" \
        || fail "f. a kiosk token reads nothing else" "GET /sites on B → $STATUS"
    http DELETE "$URL_A/api/v1/sites/$SITE_ID/kiosks/$kiosk_id" "$TOKEN_A"
    local revoked=$STATUS
    http GET "$URL_B/api/v1/sites/$SITE_ID/kiosk-qr" "$kiosk_token"
    if [[ $revoked == 204 && $STATUS == 401 && $(j .type) == */revoked-token ]]; then
        pass "f. a kiosk revoked on A is refused by B at once" "DELETE → 204, next kiosk-qr on B → 401 revoked-token"
    else
        fail "f. a kiosk revoked on A is refused by B at once" "DELETE → $revoked, kiosk-qr on B → $STATUS $(short_body)"
    fi
}
check_login_limit_across_replicas() {
    local username=guess-$RANDOM$RANDOM i url statuses checked limited
    http POST "$URL_A/api/v1/users" "$TOKEN_A" "$(jq -nc --arg u "$username" \
        '{username: $u, password: "replica-staff-pass-1", displayName: "Điều tra viên", roles: ["TRACER"], siteIds: []}')"
    mkdir -p "$WORK/guesses"
    local guesses=()
    for i in $(seq 1 30); do
        url=$URL_A
        ((i % 2 == 0)) && url=$URL_B
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
            --data-binary "$(jq -nc --arg u "$username" --arg p "wrong-$i" '{username: $u, password: $p}')" \
            "$url/api/v1/auth/token" >"$WORK/guesses/$i" &
        guesses+=($!)
    done
    wait "${guesses[@]}"
    statuses=$(cat "$WORK"/guesses/* | sort | uniq -c | tr -s ' ' | tr '\n' ',')
    checked=$(cat "$WORK"/guesses/* | grep -c '^401$' || true)
    limited=$(cat "$WORK"/guesses/* | grep -c '^429$' || true)
    if [[ $checked -ge 1 && $checked -le 5 && $((checked + limited)) == 30 ]]; then
        pass "f. 30 parallel wrong passwords over both replicas" "$checked password checks (limit 5), $limited answered 429"
    else
        fail "f. 30 parallel wrong passwords over both replicas" "statuses:$statuses (at most 5 may be 401)"
    fi
}
if [[ -n $SITE_ID ]]; then
    check_revocation_across_replicas
    check_kiosk_across_replicas
else
    fail "f. access checks" "no site from 3b"
fi
check_login_limit_across_replicas

# --- 6. Scheduled jobs: once per firing across the cluster ---------------------------------------
job_runs() {
    # job_runs JOB URL: this replica's count of the job's completed runs.
    curl -s --max-time 5 "$2/q/metrics" 2>/dev/null \
        | awk -v job="$1" '$0 ~ "^checkin_job_runs_total\\{" && $0 ~ "job=\"" job "\"" { n += $NF } END { printf "%d", n }'
}
check_jobs_once_per_firing() {
    echo "   letting the jobs fire every ${JOB_SECONDS}s for ${JOB_WINDOW}s"
    sleep "$JOB_WINDOW"
    local elapsed_s max_firings job a b
    elapsed_s=$(awk -v s="$START_EPOCH" -v e="$(date +%s.%N)" 'BEGIN { printf "%d", e - s + 1 }')
    max_firings=$((elapsed_s / JOB_SECONDS + 1))
    local slots doubled
    slots=$(psql_db -d "$DB_NAME" -v every="$JOB_SECONDS" <<'SQL'
select count(*) from audit_entry where action = 'RETENTION_PURGE';
SQL
    ) || slots="?"
    doubled=$(psql_db -d "$DB_NAME" -v every="$JOB_SECONDS" <<'SQL'
select count(*) from (select floor(extract(epoch from at) / :every) as slot from audit_entry
                      where action = 'RETENTION_PURGE' group by 1 having count(*) > 1) s;
SQL
    ) || doubled="?"
    if [[ $slots =~ ^[0-9]+$ && $slots -ge 3 && $slots -le $max_firings && $doubled == 0 ]]; then
        pass "e. retention purge once per firing" "$slots purges audited in ${elapsed_s}s, no 5-second slot twice"
    else
        fail "e. retention purge once per firing" \
            "$slots purges audited in ${elapsed_s}s (at most $max_firings firings), slots with two purges: $doubled"
    fi
    local firings doubled_firings
    doubled_firings=$({ grep -ho 'Job [a-z-]* runs its firing of [^ ]*' "$WORK"/replica-*.log || true; } \
        | sort | uniq -d | wc -l)
    for job in retention-purge daily-reports report-days; do
        a=$(job_runs "$job" "$URL_A")
        b=$(job_runs "$job" "$URL_B")
        firings=$({ grep -ho "Job $job runs its firing of [^ ]*" "$WORK"/replica-*.log || true; } | sort -u | wc -l)
        if [[ $((a + b)) -ge 1 && $((a + b)) -le $firings && $firings -le $max_firings && $doubled_firings == 0 ]]; then
            pass "e. $job once per firing" "$firings firings in ${elapsed_s}s, run by replica A $a times and B $b times, none by both"
        else
            fail "e. $job once per firing" \
                "A ran it $a times, B $b times, for $firings firings (at most $max_firings); firings run twice: $doubled_firings"
        fi
    done
    local migrations
    migrations=$(psql_db -d "$DB_NAME" -c "select count(*) from flyway_schema_history where version = '12' and success") \
        || migrations="?"
    if [[ $migrations == 1 ]] && ! grep -qi 'backfill\|Recorded the person key\|longest stay of' "$WORK"/replica-*.log; then
        pass "e. person keys filled by a one-off migration" "V12 applied once; no start-up backfill ran"
    else
        fail "e. person keys filled by a one-off migration" "V12 applied $migrations times, or a backfill ran at start"
    fi
}
check_jobs_once_per_firing

# Errors in the logs are not a check of their own, but worth seeing.
for name in A B; do
    errors=$(grep -c ' ERROR ' "$WORK/replica-$name.log" || true)
    if [[ $errors -gt 0 ]]; then
        echo "note: replica $name logged $errors ERROR line(s), first:"
        grep -m 3 ' ERROR ' "$WORK/replica-$name.log" | cut -c1-300 | sed 's/^/      /'
    fi
done

if [[ $FAILED -gt 0 ]]; then
    print_logs
fi
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
