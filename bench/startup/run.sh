#!/usr/bin/env bash
# Startup time (launch to /health/ready UP) and idle and peak RSS of Terrarium on Payara Micro (the WAR), Open
# Liberty and Payara Server (the EAR), one after the other, each on an empty PostgreSQL database and store, started
# and stopped by ./terrarium exactly as the tests do. Prints a table.
#   bench/startup/run.sh [--runs N] [--port P]      (needs a built WAR and EAR: mvn -DskipTests package)
# Environment: BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/terrarium_bench, recreated for each start),
#   BENCH_RUNTIMES (default "micro liberty payara-server"), TERRARIUM_RUNTIME_DIR, TERRARIUM_JAVA_OPTS (default: the
#   launcher's).
# "idle" is the RSS 45 s after ready (BENCH_IDLE_SECONDS), with no request in between.
# "peak" is the highest RSS sampled every 0.5 s from launch until 30 s after ready, while one build of the demo
# channel runs: the cost of the first build (classes, JIT, pools) counts, a server at rest does not grow it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=1
PORT=18890
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--port P]" >&2; exit 2 ;;
  esac
done
export TERRARIUM_DB_URL="${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/terrarium_bench}"
export TERRARIUM_DB_USER="${TERRARIUM_DB_USER:-postgres}"
OUT="$ROOT/bench/out/startup"
mkdir -p "$OUT"

rss_kb() { ps -o rss= -p "$1" 2>/dev/null | tr -d ' ' || true; }

# the JVM of a store's server (payara.pid names it for every runtime); Payara Server writes it after start-domain
server_pid() { cat "$1/server/payara.pid" 2>/dev/null || true; }

measure() {
  local runtime="$1" run="$2" store="$OUT/store-$runtime" t0 pid ready_ms idle peak=0 rss https=$((PORT + 1))
  rm -rf "$store"; mkdir -p "$store"
  t0=$(date +%s%N)
  "$ROOT/terrarium" start --no-build --reset --runtime "$runtime" --port "$PORT" --https-port "$https" \
    --store "$store" > "$OUT/$runtime-$run.log" 2>&1 &
  local launcher=$!
  # sample the JVM's RSS while it starts
  while kill -0 "$launcher" 2>/dev/null; do
    pid="$(server_pid "$store")"
    if [ -n "$pid" ]; then rss="$(rss_kb "$pid")"; [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak="$rss"; fi
    sleep 0.5
  done
  wait "$launcher" || { echo "$runtime: start failed, see $OUT/$runtime-$run.log" >&2; return 1; }
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready"; do sleep 0.2; done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  pid="$(server_pid "$store")"
  # at rest: after the startup work (the catalog's first indexing runs 5 s after start) and a periodic collection
  sleep "${BENCH_IDLE_SECONDS:-45}"
  idle="$(rss_kb "$pid")"
  # the first administrator's session token (the API lets only a signed-in caller create environments)
  local token
  token="$(printf '{"username": "admin", "password": "%s"}' "$(cat "$store/auth/initial-admin-password")" \
    | curl -s -c - -o /dev/null "http://127.0.0.1:$PORT/login/" -H 'Content-Type: application/json' -d @- \
    | awk '$6 == "conda-store-auth" { print $7 }')"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/specification/" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $token" \
    -d '{"namespace": "default", "specification": "name: bench\nchannels: [demo]\ndependencies: [hello]"}' \
    || { echo "$runtime: the build was not accepted" >&2; return 1; }
  for _ in $(seq 1 60); do
    rss="$(rss_kb "$pid")"; [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak="$rss"
    sleep 0.5
  done
  "$ROOT/terrarium" stop --store "$store" >/dev/null
  printf '%s\t%s\t%s\t%s\n' "$runtime" "$ready_ms" "$idle" "$peak" >> "$OUT/results.tsv"
}

: > "$OUT/results.tsv"
for runtime in ${BENCH_RUNTIMES:-micro liberty payara-server}; do
  for run in $(seq 1 "$RUNS"); do
    echo "bench: $runtime, run $run" >&2
    measure "$runtime" "$run"
  done
done

printf '\n%-15s %6s %14s %14s %14s\n' runtime runs "ready (s)" "idle RSS (MB)" "peak RSS (MB)"
awk -F'\t' '{ n[$1]++; t[$1]+=$2; i[$1]+=$3; if ($4 > p[$1]) p[$1]=$4; order[$1]=order[$1] ? order[$1] : ++k; names[k]=$1 }
  END { for (j = 1; j <= k; j++) { r = names[j];
          printf "%-15s %6d %14.1f %14.0f %14.0f\n", r, n[r], t[r]/n[r]/1000, i[r]/n[r]/1024, p[r]/1024 } }' "$OUT/results.tsv"
echo "(averages of ready and idle over the runs, peak is the maximum; machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
