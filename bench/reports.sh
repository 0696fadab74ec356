#!/bin/sh
# Reports at province scale. Makes (once) a database of BENCH_DOSSIERS dossiers
# (default 10 million) with `motcua gen`, serves it, and times over HTTP the
# province-wide resolution report and the province's service index with every
# child unit, this year so far and the whole of last year. The reference, in
# the same run: raw SQLite computing the same year's resolution figures from
# the dossiers table (what a report costs without counters); the figures of
# both must agree: a dossier is resolved when it has its result or was
# refused, withdrawn or stopped after receipt, early, on time or late against
# the law's due time (before any apology). Then `report verify` on the same
# database.
#
#   bench/reports.sh              # or: make bench
#   BENCH_DOSSIERS=1000000 bench/reports.sh
set -eu
cd "$(dirname "$0")/.."

N=${BENCH_DOSSIERS:-10000000}
RUNS=${BENCH_RUNS:-15}
DIR=${BENCH_DIR:-var/bench}
DB=$DIR/bench-$N.db
BIN=build/motcua
mkdir -p "$DIR"

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

if [ ! -f "$DB" ]; then
    echo "making $DB ($N dossiers) ..."
    t0=$(now)
    "$BIN" gen --db "$DB" --dossiers "$N" --seed 766 >"$DIR/gen.log"
    t1=$(now)
    gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
    echo "$gen_s" >"$DB.gen-seconds"
fi
gen_s=$(cat "$DB.gen-seconds" 2>/dev/null || echo "?")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --listen "127.0.0.1:$port" --threads 2 >"$DIR/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$DIR/cookies"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -c "$DIR/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"motcua2026"}' "$base/api/v1/auth/login" >/dev/null

year=$(TZ=Asia/Ho_Chi_Minh date +%Y)
last=$((year - 1))
timed() { # median seconds of RUNS requests
    for _ in $(seq 1 "$RUNS"); do
        curl -sf -b "$DIR/cookies" -o /dev/null -w '%{time_total}\n' "$base$1"
    done | median
}
res_now=$(timed "/api/v1/reports/resolution")
res_last=$(timed "/api/v1/reports/resolution?from=$last-01-01&to=$last-12-31")
idx_now=$(timed "/api/v1/index?children=1")
idx_last=$(timed "/api/v1/index?children=1&from=$last-01-01&to=$last-12-31")
units=$(curl -sf -b "$DIR/cookies" "$base/api/v1/index?children=1" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["children"]))')
ours=$(curl -sf -b "$DIR/cookies" "$base/api/v1/reports/resolution?from=$last-01-01&to=$last-12-31" |
    python3 -c 'import json, sys; t = json.load(sys.stdin)["total"]; print(t["carried"], t["new_online"], t["new_counter"] + t["new_post"], t["early"] + t["on_time"], t["late"])')

# the reference: the same figures from the dossiers themselves
start=$(TZ=Asia/Ho_Chi_Minh date -d "$last-01-01" +%s)
end=$(TZ=Asia/Ho_Chi_Minh date -d "$year-01-01" +%s)
raw_sql="SELECT sum(received_at < $start AND (ended IS NULL OR ended >= $start)),
  sum(received_at >= $start AND received_at < $end AND channel = 2),
  sum(received_at >= $start AND received_at < $end AND channel <> 2),
  sum(ended >= $start AND ended < $end AND ended <= due),
  sum(ended >= $start AND ended < $end AND ended > due)
  FROM (SELECT received_at, channel, coalesce(original_due_at, due_at) AS due,
               coalesce(finished_at, CASE WHEN status IN (3, 7, 8) THEN closed_at END) AS ended
        FROM dossiers WHERE parent_id IS NULL AND received_at IS NOT NULL)"
raw=""
for _ in 1 2 3; do
    t0=$(now)
    theirs=$(sqlite3 -separator ' ' "$DB" "$raw_sql")
    t1=$(now)
    raw="$raw$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
"
done
raw=$(printf '%s' "$raw" | median)

rss=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
t0=$(now)
"$BIN" report verify --db "$DB" >"$DIR/verify.log"
t1=$(now)
verify=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

echo
echo "motcua reports on $N dossiers, $units child units (medians of $RUNS requests over HTTP)"
printf '  %-50s %9s ms\n' "resolution report, province, $year so far" "$(ms "$res_now")"
printf '  %-50s %9s ms\n' "resolution report, province, $last" "$(ms "$res_last")"
printf '  %-50s %9s ms\n' "service index, province and every unit, $year" "$(ms "$idx_now")"
printf '  %-50s %9s ms\n' "service index, province and every unit, $last" "$(ms "$idx_last")"
printf '  %-50s %9s ms\n' "reference: raw SQLite over the dossiers, $last" "$(ms "$raw")"
printf '  %-50s %9s\n' "ratio resolution report / raw SQLite" \
    "$(awk -v a="$res_last" -v b="$raw" 'BEGIN { printf "%.4f", a / b }')"
printf '  %-50s %9s\n' "ratio service index / raw SQLite" \
    "$(awk -v a="$idx_last" -v b="$raw" 'BEGIN { printf "%.4f", a / b }')"
printf '  %-50s %9s\n' "figures agree with the reference ($ours)" \
    "$([ "$ours" = "$theirs" ] && echo yes || echo "NO: $theirs")"
printf '  %-50s %9s s\n' "report verify" "$verify"
printf '  %-50s %9s s\n' "generating the database" "$gen_s"
printf '  %-50s %9s MB\n' "server's peak resident memory (goal < 200)" "$rss"
printf '  %-50s %9s\n' "database size" "$(du -h "$DB" | cut -f1)"
[ "$ours" = "$theirs" ]
