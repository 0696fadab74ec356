#!/bin/sh
# The HTTP server near the machine's limit, in one run against references:
# nginx serving a 200-byte file (2 workers, no access log) for the reads, and
# raw SQLite writing the rows an intake writes (build/bench/intake_ref, in
# transactions of 1,000, WAL and synchronous FULL like the server) for the
# writes. Measured with wrk: nginx; the public lookup by code and phone digits
# (5,000 codes, each request from another citizen's address behind a trusted
# proxy, as the lookup limit counts per address); the procedure search
# (8 queries without diacritics); intake at 1, 16 and 64 connections; one
# workflow action (handover of the dossiers just taken in) at 64 connections.
# One line per measure: requests/s, p50, p99 and the ratio to its reference;
# then the server's peak resident memory.
#
# The database (BENCH_DOSSIERS dossiers, default 1 million, made once with
# `motcua gen`) is copied before the writes, so it stays as made.
#
#   bench/http.sh                       # or: make bench
#   BENCH_DOSSIERS=100000 BENCH_SECONDS=5 bench/http.sh
set -eu
cd "$(dirname "$0")/.."

N=${BENCH_DOSSIERS:-1000000}
SECS=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-16}
DIR=${BENCH_DIR:-var/bench}
DB=$DIR/bench-$N.db
WORK=$DIR/http
BIN=build/motcua
REF=build/bench/intake_ref
mkdir -p "$DIR"
rm -rf "$WORK"
mkdir -p "$WORK/www"

command -v wrk >/dev/null && command -v nginx >/dev/null ||
    { echo "bench/http.sh needs wrk and nginx (scripts/setup installs them)" >&2; exit 1; }
[ -x "$REF" ] || { echo "build $REF first (make bench)" >&2; exit 1; }

if [ ! -f "$DB" ]; then
    echo "making $DB ($N dossiers) ..."
    t0=$(date +%s)
    "$BIN" gen --db "$DB" --dossiers "$N" --seed 766 >"$DIR/gen.log"
    echo $(($(date +%s) - t0)) >"$DB.gen-seconds"
fi
cp "$DB" "$WORK/motcua.db"
"$BIN" user add --db "$WORK/motcua.db" --username bench_receiver --password motcua2026 \
    --role receiver --agency 000.00.01.H99 >/dev/null
"$BIN" user grant --db "$WORK/motcua.db" --username bench_receiver --role processor \
    --agency 000.00.01.H99 >/dev/null

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
nginx_pid=""
server=""
cleanup() {
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
}
trap cleanup EXIT

# nginx: two workers, no access log, one 200-byte file
nport=$(free_port)
head -c 200 /dev/zero | tr '\0' 'x' >"$WORK/www/file.txt"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $PWD/$WORK/nginx.pid;
error_log $PWD/$WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $PWD/$WORK/tmp;
    proxy_temp_path $PWD/$WORK/tmp;
    fastcgi_temp_path $PWD/$WORK/tmp;
    uwsgi_temp_path $PWD/$WORK/tmp;
    scgi_temp_path $PWD/$WORK/tmp;
    server { listen 127.0.0.1:$nport; root $PWD/$WORK/www; }
}
EOF
mkdir -p "$WORK/tmp"
nginx -c "$PWD/$WORK/nginx.conf" -e "$PWD/$WORK/nginx-error.log" 2>/dev/null &
nginx_pid=$!

# the server, behind a "proxy" (wrk names each citizen's address)
port=$(free_port)
base="http://127.0.0.1:$port"
"$BIN" serve --db "$WORK/motcua.db" --listen "127.0.0.1:$port" --threads "$THREADS" \
    --trusted-proxy 127.0.0.1 --lookup-rate 100000 >"$WORK/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nport/file.txt" >/dev/null && break; sleep 0.1; done
login=$(curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"bench_receiver","password":"motcua2026"}' "$base/api/v1/auth/login")
csrf=$(printf '%s' "$login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
cookie=$(awk '$6 == "motcua_session" { print $6 "=" $7 }' "$WORK/cookies")

# wrk's scripts: the figures of a run as one machine-readable line
done_fn='
function done(summary, latency, requests)
    io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n", summary.requests,
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
        + summary.errors.read + summary.errors.write + summary.errors.timeout))
end'
# each of wrk's two threads takes every other entry of a list
strided='
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) i = tid end'

{
    echo "paths = {"
    sqlite3 -separator ' ' "$WORK/motcua.db" "SELECT code, phone_last4 FROM dossiers
        WHERE parent_id IS NULL AND phone_last4 IS NOT NULL ORDER BY random() LIMIT 5000" |
        awk '{ printf "\"/api/v1/lookup?code=%s&phone_last4=%s\",\n", $1, $2 }'
    echo "}"
    printf "%s\n" "$strided"
    cat <<'EOF'
function request()
    i = i + 2
    local n = i % #paths
    return wrk.format("GET", paths[n + 1],
        { ["X-Forwarded-For"] = string.format("10.%d.%d.%d", n % 7, math.floor(n / 256) % 256, n % 256) })
end
EOF
    printf "%s\n" "$done_fn"
} >"$WORK/lookup.lua"

{
    echo 'queries = { "khai sinh", "ket hon", "khai tu", "ho tich", "giam ho", "trich luc", "doanh nghiep", "dat dai" }'
    printf "%s\n" "$strided"
    cat <<'EOF'
function request()
    i = i + 1
    return wrk.format("GET", "/api/v1/procedures?q=" .. queries[i % #queries + 1]:gsub(" ", "+"))
end
EOF
    printf "%s\n" "$done_fn"
} >"$WORK/search.lua"

cat >"$WORK/intake.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.body = '{"procedure":45,"agency":"000.00.01.H99","channel":"counter","applicant":{"kind":1,"name":"Nguyễn Thị Hoa","id_number":"001190012345","phone":"0912 345 678","email":"hoa@example.vn","address":"Số 5 Lê Lợi"},"summary":"Đăng ký thành lập doanh nghiệp tư nhân"}'
$done_fn
EOF

# one measure: prints its figures and keeps them in $WORK/<name>
measure() { # name connections script url
    t=2
    [ "$2" -ge 2 ] || t=1
    wrk -t$t -c"$2" -d"${SECS}s" --timeout 10s -s "$3" "$4" >"$WORK/$1.out" 2>&1 || true
    grep '^RESULT' "$WORK/$1.out" | cut -d' ' -f2- >"$WORK/$1"
    [ -s "$WORK/$1" ] || { echo "wrk failed for $1:" >&2; cat "$WORK/$1.out" >&2; exit 1; }
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
line() { # label name reference-rate reference-label
    set -- "$1" "$(cat "$WORK/$2")" "$3" "$4"
    echo "$2" | {
        read -r reqs rate p50 p99 errors
        printf '  %-44s %9.0f/s  p50 %7.2f ms  p99 %7.2f ms  %5s× %s%s\n' "$1" "$rate" "$p50" "$p99" \
            "$(ratio "$rate" "$3")" "$4" "$([ "$errors" = 0 ] && echo "" || echo "  ($errors of $reqs failed)")"
    }
}
rate_of() { cut -d' ' -f2 "$WORK/$1"; }

echo "wrk -t2, ${SECS} s a measure; motcua serve --threads $THREADS on $N dossiers ..."
printf '' >"$WORK/empty.lua"
printf "%s\n" "$done_fn" >"$WORK/plain.lua"
measure nginx 64 "$WORK/plain.lua" "http://127.0.0.1:$nport/file.txt"
measure lookup 64 "$WORK/lookup.lua" "$base"
measure search 64 "$WORK/search.lua" "$base"
first=$(sqlite3 "$WORK/motcua.db" "SELECT coalesce(max(id), 0) + 1 FROM dossiers")
measure intake1 1 "$WORK/intake.lua" "$base/api/v1/dossiers"
measure intake16 16 "$WORK/intake.lua" "$base/api/v1/dossiers"
measure intake64 64 "$WORK/intake.lua" "$base/api/v1/dossiers"

# hand over the dossiers just taken in, each once
{
    echo "codes = {"
    sqlite3 "$WORK/motcua.db" "SELECT code FROM dossiers WHERE id >= $first ORDER BY id" |
        awk '{ printf "\"%s\",\n", $1 }'
    echo "}"
    printf "%s\n" "$strided"
    cat <<EOF
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
function request()
    i = i + 2
    return wrk.format("POST", "/api/v1/dossiers/" .. codes[(i - 2) % #codes + 1] .. "/handover", nil, "{}")
end
EOF
    printf "%s\n" "$done_fn"
} >"$WORK/handover.lua"
taken=$(sqlite3 "$WORK/motcua.db" "SELECT count(*) FROM dossiers WHERE id >= $first")
measure handover 64 "$WORK/handover.lua" "$base"
rss=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
kill "$server"
wait "$server" 2>/dev/null || true
server=""

# the reference for writes: the same rows, raw, on a copy of the same database
cp "$WORK/motcua.db" "$WORK/ref.db"
count=$(awk '{ print $1 }' "$WORK/intake64")
[ "$count" -ge 5000 ] || count=5000
"$REF" "$WORK/ref.db" "$first" "$count" >"$WORK/ref"
ref=$(awk '{ print $3 }' "$WORK/ref")
nginx_rate=$(rate_of nginx)

echo
echo "motcua over HTTP on $N dossiers ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)), same run"
line "nginx, static 200-byte file, 64 connections" nginx "$nginx_rate" "nginx"
line "lookup by code + phone digits, 64 conn." lookup "$nginx_rate" "nginx"
line "procedure search, 64 connections" search "$nginx_rate" "nginx"
line "intake, 1 connection" intake1 "$ref" "raw SQLite"
line "intake, 16 connections" intake16 "$ref" "raw SQLite"
line "intake, 64 connections" intake64 "$ref" "raw SQLite"
line "handover, 64 connections ($taken dossiers)" handover "$ref" "raw SQLite"
printf '  %-44s %9.0f/s  (%s intakes in batches of 1,000)\n' "reference: raw SQLite writing intakes' rows" \
    "$ref" "$count"
printf '  %-44s %9s MB\n' "server's peak resident memory" "$rss"
