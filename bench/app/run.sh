#!/usr/bin/env bash
# Application benchmark: starts a server on a fresh store (H2, embedded broker; set TERRARIUM_DB_URL for
# PostgreSQL), posts 20 specs to the demo channel, reports per-build end-to-end time, the latency of
# GET /api/v1/build/{id}/ under 50 concurrent clients, and the server's peak RSS; then stops the server.
#   bench/app/run.sh [--no-build]      (BENCH_PORT, BENCH_BUILDS, BENCH_CLIENTS, BENCH_SECONDS override defaults)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${BENCH_PORT:-18383}"
STORE="$ROOT/bench/out/app-store"
mkdir -p "$ROOT/bench/out"
"$ROOT/terrarium" start --reset --port "$PORT" --store "$STORE" "$@"
trap '"$ROOT/terrarium" stop --store "$STORE" >/dev/null' EXIT
java "$ROOT/bench/app/Bench.java" "http://127.0.0.1:$PORT" "$(cat "$STORE/server/payara.pid")" \
  "${BENCH_BUILDS:-20}" "${BENCH_CLIENTS:-50}" "${BENCH_SECONDS:-20}" | tee "$ROOT/bench/out/app-bench.txt"
