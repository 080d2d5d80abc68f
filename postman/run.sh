#!/usr/bin/env bash
# Runs the Postman collection against a freshly started service.
#
#   postman/run.sh [JAR]
#
# JAR defaults to target/quarkus-app/quarkus-run.jar (build it first: mvn -B package -DskipTests).
# The service gets a free port (18181 if free), an empty temporary data folder and a generated admin
# password; it is stopped however the run ends. Newman comes from PATH, or is installed (6.2.2) into
# target/newman. Exits with newman's status and ends with the line "N passed, M failed".
set -euo pipefail

NEWMAN_VERSION=6.2.2
CALLER_DIR=$(pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [[ $# -gt 1 ]]; then
    echo "usage: postman/run.sh [JAR]" >&2
    exit 2
fi
JAR=${1:-target/quarkus-app/quarkus-run.jar}
if [[ $# -eq 1 && $JAR != /* ]]; then
    JAR="$CALLER_DIR/$JAR"
fi
if [[ ! -f $JAR ]]; then
    echo "run.sh: $JAR not found; build it first: mvn -B package -DskipTests" >&2
    exit 1
fi
command -v java >/dev/null || { echo "run.sh: java is not on PATH" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is not on PATH" >&2; exit 1; }

# --- newman ---------------------------------------------------------------------------------------
if command -v newman >/dev/null; then
    NEWMAN=$(command -v newman)
else
    NEWMAN="$ROOT/target/newman/node_modules/.bin/newman"
    if [[ ! -x $NEWMAN ]]; then
        if ! command -v npm >/dev/null; then
            echo "run.sh: newman is not on PATH and npm is missing: install Node.js and npm" >&2
            exit 1
        fi
        echo "run.sh: installing newman $NEWMAN_VERSION into target/newman" >&2
        mkdir -p target/newman
        npm install --prefix "$ROOT/target/newman" --no-audit --no-fund --loglevel=error "newman@$NEWMAN_VERSION" >&2
    fi
fi
command -v node >/dev/null || { echo "run.sh: node is not on PATH" >&2; exit 1; }

# --- service --------------------------------------------------------------------------------------
# CHECKIN_POSTMAN_PORT if set, else 18181 when nothing answers there, else a port the system picks.
port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
PORT=${CHECKIN_POSTMAN_PORT:-18181}
if [[ -z ${CHECKIN_POSTMAN_PORT:-} ]] && ! port_free "$PORT"; then
    PORT=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
fi
if ! port_free "$PORT"; then
    echo "run.sh: port $PORT is in use" >&2
    exit 1
fi
BASE_URL="http://127.0.0.1:$PORT"
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/checkin-postman.XXXXXX")
ADMIN_PASSWORD="pm-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p target
LOG="$ROOT/target/postman-service.log"
REPORT="$ROOT/target/newman-report.json"
rm -f "$REPORT"
SERVICE_PID=""

stop_service() {
    if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
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
    stop_service
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "run.sh: starting $JAR on port $PORT (data in $DATA_DIR, log in $LOG)" >&2
CHECKIN_DATA_DIR="$DATA_DIR" \
CHECKIN_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
CHECKIN_PUBLIC_BASE_URL="http://localhost:$PORT" \
    java -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -jar "$JAR" >"$LOG" 2>&1 &
SERVICE_PID=$!

# Ready: this service logged that it listens on the port (so nothing else answers for it) and its
# readiness check (database) is UP.
deadline=$((SECONDS + 60))
until grep -q "Listening on: http://127.0.0.1:$PORT" "$LOG" 2>/dev/null \
        && curl -fsS -o /dev/null "$BASE_URL/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
        echo "run.sh: the service exited before it was ready; its log:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "run.sh: the service was not ready within 60 s; its log:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done
echo "run.sh: service ready at $BASE_URL" >&2

# --- collection -----------------------------------------------------------------------------------
# No --bail: it would stop at the first failed assertion and hide the others; newman exits non-zero
# on any failure anyway.
set +e
"$NEWMAN" run postman/checkin.postman_collection.json \
    -e postman/local.postman_environment.json \
    --env-var "baseUrl=$BASE_URL" \
    --env-var "adminPassword=$ADMIN_PASSWORD" \
    --color off \
    -r cli,json --reporter-json-export "$REPORT"
STATUS=$?
set -e

stop_service
if [[ ! -s $REPORT ]]; then
    echo "run.sh: newman wrote no report ($REPORT); exit status $STATUS" >&2
    exit $((STATUS == 0 ? 1 : STATUS))
fi
node -e '
const run = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).run;
const a = run.stats.assertions;
console.log(`${a.total - a.failed} passed, ${a.failed} failed`);
' "$REPORT"
exit "$STATUS"
