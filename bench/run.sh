#!/usr/bin/env bash
# The benchmark suite (issue #6). Builds the H2 and the PostgreSQL jar, then for each database: starts the
# service on an empty database, generates visits, and loads it with wrk (bench/lua/*.lua) in these scenarios:
#   bare endpoint (/q/health/live, the ceiling every throughput is compared to), visitor check-in, visitor
#   checkout (of the visits just checked in), reception day log page, QR PNG, day log CSV of EXPORT_ROWS rows
#   (time and heap), tracing depth 1 and 2 at two scales, jar start time and RSS after the load.
# Prints one table and writes bench/RESULTS.md. Figures only: nothing here fails on a slow result.
#
# Tracing scales: scale A is VISITS_SMALL visits over SITES_SMALL sites; scale B adds
# VISITS_LARGE - VISITS_SMALL visits by other persons over SITES_LARGE - SITES_SMALL other sites. The traced
# persons are scale A persons, so both scales give the same answers: any difference in time comes from the
# visits at other sites.
#
# Usage: bench/run.sh            full scale (about 25 minutes on 2 quiet cores, see bench/README.md)
#        VISITS_SMALL=20000 VISITS_LARGE=40000 EXPORT_ROWS=20000 DURATION=10s WARMUP=3s TRACING_DURATION=10s \
#          bench/run.sh          a small run to check the suite itself
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Scale and durations: full-scale defaults ----------------------------------------------------------------
VISITS_SMALL=${VISITS_SMALL:-100000}     # scale A visits ...
SITES_SMALL=${SITES_SMALL:-100}          # ... over this many sites
VISITS_LARGE=${VISITS_LARGE:-1000000}    # scale B: total generated visits ...
SITES_LARGE=${SITES_LARGE:-1000}         # ... over this many sites
DAYS=${DAYS:-30}
EXPORT_ROWS=${EXPORT_ROWS:-100000}       # visits of one site on one day, downloaded as CSV
DURATION=${DURATION:-30s}                # each measured wrk run
WARMUP=${WARMUP:-10s}                    # each warm-up wrk run before it
TRACING_DURATION=${TRACING_DURATION:-30s}
TRACING_WARMUP=${TRACING_WARMUP:-20s}    # tracing queries on the freshly started service before measuring
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}                    # wrk threads
ONLY=${ONLY:-}                           # h2 or pg: one database only
SKIP_BUILD=${SKIP_BUILD:-}               # 1: reuse target/bench-h2 and target/bench-pg
PORT=${PORT:-18090}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/checkin_bench}
RESULTS=${RESULTS:-bench/RESULTS.md}

# Extra JVM options for the service under test. Every request of the load comes from 127.0.0.1, so the
# check-in rate limits per address and per phone are lifted (each check-in uses a new phone anyway).
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Dcheckin.checkin-limits.per-address=1000000000 -Dcheckin.checkin-limits.per-phone=1000000000}
# The heap of deploy/k8s: a 512 MiB memory limit with MaxRAMPercentage=50 gives a 256 MiB heap, and with one
# CPU the JVM picks the serial collector. Without a limit the JVM would take a quarter of this machine's memory
# and the RSS would show how lazily it collects, not what the service needs.
BENCH_HEAP_OPTS=${BENCH_HEAP_OPTS:--Xmx256m -XX:+UseSerialGC}

ADMIN_PASSWORD=bench-admin-password
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/checkin-run.XXXXXX)
LUA=$PWD/bench/lua
SERVICE_PID=
declare -A M            # measures: M[name|db] = value
ROWS=()                 # table rows: scenario|db|rps|ratio|p50|p95|p99|note|target
T0=$SECONDS

stop_service() {
    if [ -n "$SERVICE_PID" ]; then
        kill "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
        SERVICE_PID=
    fi
}
cleanup() {
    stop_service
    rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

build() {
    log "building the PostgreSQL jar, then the H2 jar"
    mvn -B -q package -DskipTests -Dquarkus.profile=pg
    rm -rf target/bench-pg && cp -r target/quarkus-app target/bench-pg
    mvn -B -q package -DskipTests
    rm -rf target/bench-h2 && cp -r target/quarkus-app target/bench-h2
}

# start_service DB LABEL [CDS]: starts the jar of DB, waits until ready, records "started in" as
# M[start-LABEL|DB]. CDS: "dump" writes an AppCDS archive of the classes this run loaded when it stops (the JVM
# of Java 17 cannot make one as it runs), "use" starts from that archive, nothing starts without one.
start_service() {
    local db=$1 label=$2 cds=${3:-} opts=(-Dcheckin.data-dir="$WORK/$db-data")
    [ "$db" = pg ] && opts+=(-Dquarkus.profile=pg -Dquarkus.datasource.jdbc.url="$PG_URL")
    [ "$cds" = dump ] && opts+=(-XX:ArchiveClassesAtExit="$WORK/$db.jsa")
    [ "$cds" = use ] && opts+=(-XX:SharedArchiveFile="$WORK/$db.jsa")
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS and BENCH_HEAP_OPTS are lists of options
    (cd "$WORK" && CHECKIN_ADMIN_PASSWORD=$ADMIN_PASSWORD exec java "${opts[@]}" $BENCH_HEAP_OPTS $BENCH_JAVA_OPTS \
        -Dquarkus.http.port="$PORT" -jar "$OLDPWD/target/bench-$db/quarkus-run.jar") >"$WORK/service-$label.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 600); do
        if curl -sf "$BASE/q/health/ready" >/dev/null; then
            M[start-$label|$db]=$(grep -o 'started in [0-9.]*s' "$WORK/service-$label.log" | grep -o '[0-9.]*' | head -1)
            log "$db started ($label) in ${M[start-$label|$db]} s"
            return 0
        fi
        sleep 0.5
    done
    echo "service did not start; log:" >&2
    tail -30 "$WORK/service-$label.log" >&2
    exit 1
}

generate() { # DB ARGS...: the generator, with the service stopped (H2 is an embedded file database)
    local db=$1 url user
    shift
    if [ "$db" = h2 ]; then url="jdbc:h2:file:$WORK/h2-data/checkin"; user=sa; else url="$PG_URL?reWriteBatchedInserts=true"; user=postgres; fi
    java -cp "target/bench-h2/lib/main/*:target/bench-h2/app/*" bench/GenerateVisits.java "$url" "$user" "" "$@" >&2
}

login() { # the admin's token, for api calls and the Lua scripts
    TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .accessToken)
    export BENCH_TOKEN=$TOKEN
}

api() { # METHOD PATH [BODY]: JSON call with the admin token
    curl -sf -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}

# wrk_run SCENARIO DB CONNECTIONS THREADS DURATION SCRIPT PATH TARGET: one measured wrk run; adds a table row.
wrk_run() {
    local scenario=$1 db=$2 conns=$3 threads=$4 duration=$5 script=$6 path=$7 target=$8 out line cpu_before
    cpu_before=$(cpu_ms)
    out=$(BENCH_LUA_DIR=$LUA BENCH_THREADS=$threads wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s \
        -s "$LUA/$script" "$BASE$path" 2>&1) || true
    line=$(grep '^BENCH ' <<<"$out" | tail -1)
    if [ -z "$line" ]; then
        log "wrk failed for $scenario: $out"
        ROWS+=("$scenario|$(label "$db")|-|-|-|-|-|-|wrk failed|$target")
        return
    fi
    local rps p50 p95 p99 non2xx sockets note="" cpu
    cpu=$(awk -v used=$(($(cpu_ms) - cpu_before)) -v n="$(field requests "$line")" \
        'BEGIN { printf "%.2f", (n > 0 ? used / n : 0) }')
    rps=$(field rps "$line"); p50=$(field p50_ms "$line"); p95=$(field p95_ms "$line"); p99=$(field p99_ms "$line")
    non2xx=$(field non2xx "$line"); sockets=$(field socket_errors "$line")
    [ "$non2xx" != 0 ] && note="$non2xx non-2xx answers"
    [ "$sockets" != 0 ] && note="${note:+$note, }$sockets socket errors"
    local contacts
    contacts=$(grep '^BENCH_CONTACTS ' <<<"$out" | tail -1 || true)
    [ -n "$contacts" ] && note="${note:+$note, }$(field contacts_avg "$contacts") contacts per answer"
    [ -n "${EXTRA_NOTE:-}" ] && note="${note:+$note, }$EXTRA_NOTE"
    local ratio="-"
    if [ -n "${BARE_RPS:-}" ] && [ "$scenario" != "bare /q/health/live" ]; then
        ratio=$(awk -v a="$rps" -v b="$BARE_RPS" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    fi
    ROWS+=("$scenario|$(label "$db")|$rps|$ratio|$p50|$p95|$p99|$cpu|$note|$target")
    log "$scenario ($db): $rps req/s, p50 $p50 ms, p99 $p99 ms, service CPU $cpu ms/request ${note:+($note)}"
    LAST_RPS=$rps
}

warm() { # CONNECTIONS THREADS SCRIPT PATH: an unmeasured run of WARMUP
    BENCH_LUA_DIR=$LUA BENCH_THREADS=$2 wrk -t"$2" -c"$1" -d"$WARMUP" --timeout 10s -s "$LUA/$3" "$BASE$4" >/dev/null 2>&1 || true
}

field() { grep -o "$1=[^ ]*" <<<"$2" | head -1 | cut -d= -f2; }

heap_used_mb() { # after a full collection: the live heap
    jcmd "$SERVICE_PID" GC.run >/dev/null
    jstat -gc "$SERVICE_PID" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'
}

heap_sample_mb() { # without a collection: what the heap holds now, garbage included
    jstat -gc "$SERVICE_PID" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'
}

cpu_ms() { # CPU time the service has used so far (user + system, all its threads), in milliseconds
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$SERVICE_PID/stat"
}

rss_mb() { ps -o rss= -p "$SERVICE_PID" | awk '{ printf "%.0f", $1 / 1024 }'; }

# --- scenarios ---------------------------------------------------------------------------------------------

load_scenarios() { # DB
    local db=$1 yesterday load_site qr site_a day_site
    login
    yesterday=$(TZ=Asia/Ho_Chi_Minh date -d yesterday +%F)
    load_site=$(api POST /api/v1/sites '{"code":"bench-load","name":"Sảnh đo tải","timeZone":"Asia/Ho_Chi_Minh","defaultStayMinutes":240}')
    qr=$(jq -r .checkinUrl <<<"$load_site")
    load_site=$(jq -r .id <<<"$load_site")
    site_a=$(api GET "/api/v1/sites?q=bench-a-&size=1" | jq -r '.items[0].id')
    day_site=$(api GET "/api/v1/sites?q=bench-day-a&size=1" | jq -r '.items[0].id')

    log "bare endpoint"
    warm "$CONNECTIONS" "$THREADS" bare.lua /q/health/live
    BARE_RPS=
    wrk_run "bare /q/health/live" "$db" "$CONNECTIONS" "$THREADS" "$DURATION" bare.lua /q/health/live "-"
    BARE_RPS=$LAST_RPS

    log "check-in"
    export BENCH_QR=$qr
    BENCH_RUN=1 BENCH_TOKENS_FILE="$WORK/tokens-warm-$db" warm "$CONNECTIONS" "$THREADS" checkin.lua /api/v1/checkins
    : >"$WORK/tokens-$db"
    BENCH_RUN=2 BENCH_TOKENS_FILE="$WORK/tokens-$db" wrk_run "check-in POST" "$db" "$CONNECTIONS" "$THREADS" \
        "$DURATION" checkin.lua /api/v1/checkins "H2 ≥ 50% of bare and ≥ 2,000/s, PG ≥ 1,000/s; p99 < 50 ms"

    log "checkout of the $(wc -l <"$WORK/tokens-$db") visits just checked in"
    BENCH_TOKENS_FILE="$WORK/tokens-warm-$db" warm "$CONNECTIONS" "$THREADS" checkout.lua /
    EXTRA_NOTE="$(wc -l <"$WORK/tokens-$db") visits, stops when all are closed" BENCH_TOKENS_FILE="$WORK/tokens-$db" \
        wrk_run "checkout POST" "$db" "$CONNECTIONS" "$THREADS" "$DURATION" checkout.lua / "-"

    log "reception day log page"
    warm "$CONNECTIONS" "$THREADS" get.lua "/api/v1/sites/$site_a/visits?date=$yesterday"
    EXTRA_NOTE="$(api GET "/api/v1/sites/$site_a/visits?date=$yesterday" | jq .total) visits that day, 50 a page" \
        wrk_run "day log page (JSON)" "$db" "$CONNECTIONS" "$THREADS" "$DURATION" get.lua \
        "/api/v1/sites/$site_a/visits?date=$yesterday" "-"

    log "QR PNG"
    M[qr-first|$db]=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
        "$BASE/api/v1/sites/$load_site/qr?format=png" | awk '{ printf "%.0f", $1 * 1000 }')
    BENCH_ACCEPT=image/png warm "$CONNECTIONS" "$THREADS" get.lua "/api/v1/sites/$load_site/qr?format=png"
    EXTRA_NOTE="first request ${M[qr-first|$db]} ms" BENCH_ACCEPT=image/png wrk_run "QR PNG 512 px" "$db" \
        "$CONNECTIONS" "$THREADS" "$DURATION" get.lua "/api/v1/sites/$load_site/qr?format=png" "≥ 5,000/s"

    csv_export "$db" "$day_site" "$yesterday"
    M[rss-a|$db]=$(rss_mb)
    log "RSS after the load: ${M[rss-a|$db]} MB"
}

csv_export() { # DB SITE DAY: time of the download, then the live heap in the middle of a slowed-down one
    local db=$1 site=$2 day=$3 url="$BASE/api/v1/sites/$2/visits?date=$3" before during peak=0 sampler stats
    log "day log CSV"
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$url"   # warm-up
    before=$(heap_used_mb)
    ( while :; do heap_sample_mb; echo; sleep 0.1; done ) >"$WORK/heap-samples" 2>/dev/null &
    sampler=$!
    local times=() i
    for i in 1 2 3; do
        stats=$(curl -sf -o "$WORK/day.csv" -w '%{time_total} %{size_download}' -H "Authorization: Bearer $TOKEN" \
            -H 'Accept: text/csv' "$url")
        times+=("${stats% *}")
    done
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    peak=$(sort -n "$WORK/heap-samples" | tail -1)
    peak=${peak:-$before}
    M[csv-rows|$db]=$(($(wc -l <"$WORK/day.csv") - 1))
    M[csv-time|$db]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", t[2], t[1], t[3] }')
    M[csv-peak|$db]=$((peak - before))
    # Slowed to about 6 s, a full collection in the middle shows what the download keeps alive.
    local rate=$(( ${stats#* } / 6 + 1 ))
    curl -sf -o /dev/null --limit-rate "$rate" -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$url" &
    local slow=$!
    sleep 3
    during=$(heap_used_mb)
    wait "$slow" || true
    M[csv-live|$db]=$((during - before))
    log "CSV: ${M[csv-rows|$db]} rows in ${M[csv-time|$db]} s (median of 3); live heap +${M[csv-live|$db]} MB, peak heap +${M[csv-peak|$db]} MB"
}

tracing() { # DB SCALE
    local db=$1 scale=$2 depth
    export BENCH_PERSONS=$((VISITS_SMALL / 4))
    BENCH_FROM=$(date -u -d "$((DAYS + 1)) days ago" +%Y-%m-%dT%H:%M:%SZ)
    BENCH_TO=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    export BENCH_FROM BENCH_TO
    for depth in 1 2; do
        log "tracing depth $depth, $scale"
        BENCH_DEPTH=$depth WARMUP=$TRACING_WARMUP warm 1 1 tracing.lua /
        BENCH_DEPTH=$depth wrk_run "tracing depth $depth, $scale" "$db" 1 1 "$TRACING_DURATION" tracing.lua / \
            "$([ "$depth" = 1 ] && echo "p95 < 50 ms" || echo "-")"
    done
}

run_database() { # DB
    local db=$1
    log "=== $db ==="
    if [ "$db" = pg ]; then
        local name=${PG_URL##*/}
        psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $name" -c "create database $name" >/dev/null
    fi
    start_service "$db" empty dump
    stop_service
    generate "$db" "$SITES_SMALL" "$VISITS_SMALL" "$DAYS" --batch a --day-site "$EXPORT_ROWS"
    start_service "$db" scale-a-plain
    stop_service
    start_service "$db" scale-a use
    load_scenarios "$db"
    stop_service
    # Each tracing scale is measured on a freshly started service after the same warm-up, so the two compare.
    start_service "$db" restart-a use
    login
    tracing "$db" "scale A"
    stop_service
    generate "$db" $((SITES_LARGE - SITES_SMALL)) $((VISITS_LARGE - VISITS_SMALL)) "$DAYS" --batch b --seed 43 \
        --person-offset 50000000
    start_service "$db" scale-b use
    login
    tracing "$db" "scale B"
    M[rss-b|$db]=$(rss_mb)
    stop_service
}

# --- report ------------------------------------------------------------------------------------------------

report() {
    local dbs=() cpu mem
    [ "$ONLY" != pg ] && dbs+=(h2)
    [ "$ONLY" != h2 ] && dbs+=(pg)
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
    {
        echo "# Benchmark results"
        echo
        echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); the whole run took $(( (SECONDS - T0) / 60 )) min."
        echo
        echo "- Machine: $(nproc) cores ($cpu), $mem memory; load average at the start: $LOAD_AT_START"
        echo "- Java: $(java -version 2>&1 | head -1); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
        echo "- wrk runs on the same machine as the service (and PostgreSQL): they share the cores. \"service CPU\" is"
        echo "  the CPU time the service process used during the run divided by the requests: it depends less on"
        echo "  what else the machine is doing than req/s does (PostgreSQL's own CPU is not in it)."
        echo "- Load: $CONNECTIONS connections, $THREADS wrk threads, $DURATION per run after $WARMUP of warm-up;" \
             "tracing with 1 connection for $TRACING_DURATION per depth after $TRACING_WARMUP of warm-up, each scale" \
             "on a freshly started service."
        echo "- Data: scale A = $VISITS_SMALL visits over $SITES_SMALL sites and $DAYS days (persons drawn from" \
             "$((VISITS_SMALL / 4))), plus one site with $EXPORT_ROWS visits yesterday for the CSV download;" \
             "scale B adds $((VISITS_LARGE - VISITS_SMALL)) visits by other persons over" \
             "$((SITES_LARGE - SITES_SMALL)) other sites ($VISITS_LARGE generated visits over $SITES_LARGE sites)." \
             "Traced persons are scale A persons, so both scales give the same contacts."
        echo "- Extra service options (BENCH_JAVA_OPTS): \`${BENCH_JAVA_OPTS:-none}\`"
        echo "- Heap (BENCH_HEAP_OPTS, as in deploy/k8s: 512 MiB limit, MaxRAMPercentage=50, serial collector on one CPU):" \
             "\`${BENCH_HEAP_OPTS:-JVM defaults}\`"
        echo "- Start: the first start (empty database) writes an AppCDS archive of the classes it loaded"
        echo "  (\`-XX:ArchiveClassesAtExit\`); starts marked \"AppCDS archive\" use it (\`-XX:SharedArchiveFile\`)."
        echo
        echo "| Scenario | DB | req/s | vs bare | p50 ms | p95 ms | p99 ms | service CPU ms/req | Notes | Target |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---|---|"
        local row
        for row in "${ROWS[@]}"; do
            echo "| ${row//|/ | } |"
        done
        echo
        echo "| Measure | $(for db in "${dbs[@]}"; do printf '%s | ' "$(label "$db")"; done)Target |"
        echo "|---|$(for _ in "${dbs[@]}"; do printf -- '---:|'; done)---|"
        measure_row "jar start, empty database, no archive (s)" start-empty "< 3 s"
        measure_row "jar start, scale A, no archive (s)" start-scale-a-plain "< 3 s"
        measure_row "jar start, scale A, AppCDS archive (s)" start-scale-a "< 3 s"
        measure_row "jar start, scale A after the load, AppCDS archive (s)" start-restart-a "< 3 s"
        measure_row "jar start, scale B, AppCDS archive (s)" start-scale-b "< 3 s"
        measure_row "RSS after the load (MB)" rss-a "< 400 MB"
        measure_row "RSS after scale B tracing (MB)" rss-b "< 400 MB"
        measure_row "QR PNG first request (ms)" qr-first "-"
        measure_row "day log CSV rows" csv-rows "100,000 at full scale"
        measure_row "day log CSV download, median (fastest-slowest) of 3 (s)" csv-time "< 3 s"
        measure_row "live heap growth during the CSV download (MB)" csv-live "< 64 MB"
        measure_row "peak heap growth during the CSV download, garbage included (MB)" csv-peak "-"
        echo
        echo "Live heap: after a full collection in the middle of a download slowed to about 6 s, minus the same"
        echo "before it. Peak: the largest jstat sample (every 0.1 s, no forced collection) minus the live heap before."
        echo
        echo "## Reproduce"
        echo
        echo '```sh'
        echo "pg_isready -h 127.0.0.1   # PostgreSQL with trust auth for postgres; the run uses database ${PG_URL##*/}"
        echo "VISITS_SMALL=$VISITS_SMALL SITES_SMALL=$SITES_SMALL VISITS_LARGE=$VISITS_LARGE SITES_LARGE=$SITES_LARGE \\"
        echo "  EXPORT_ROWS=$EXPORT_ROWS DURATION=$DURATION WARMUP=$WARMUP TRACING_DURATION=$TRACING_DURATION \\"
        echo "  TRACING_WARMUP=$TRACING_WARMUP \\"
        echo "  CONNECTIONS=$CONNECTIONS THREADS=$THREADS${ONLY:+ ONLY=$ONLY} bench/run.sh"
        echo '```'
    } >"$RESULTS"
    cat "$RESULTS"
}

label() { [ "$1" = h2 ] && echo H2 || echo PostgreSQL; }

measure_row() { # TITLE KEY TARGET
    local db line="| $1 |"
    for db in "${dbs[@]}"; do line+=" ${M[$2|$db]:--} |"; done
    echo "$line $3 |"
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
[ -z "$SKIP_BUILD" ] && build
[ "$ONLY" != pg ] && run_database h2
[ "$ONLY" != h2 ] && run_database pg
report
