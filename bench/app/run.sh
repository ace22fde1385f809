#!/usr/bin/env bash
# Application benchmark (issue 4): end-to-end builds and REST latency of a running Terrarium server.
#
#   1. posts N specifications (distinct environment names, demo channel, hello=1.0 / hello=1.1 alternating so the
#      solves differ) one after the other, as fast as the server answers, as a burst;
#   2. meanwhile a background poller follows GET /api/v1/build/ (then GET /api/v1/build/{id}/ once per build) until
#      every build is COMPLETED/FAILED/CANCELED (or --timeout passes); reports per build:
#      queue wait (scheduled_on -> started_on), run (started_on -> ended_on), queued -> completed
#      (scheduled_on -> ended_on, server clock) and post -> seen finished (client clock, polling), plus the wall
#      time of all N; checks each environment's bin/hello prints the version its spec asked for;
#   3. measures GET /api/v1/build/{id}/ over the N build ids with wrk (C connections, D seconds, after a warm-up of
#      W seconds) and prints wrk's latency distribution (p50/p75/p90/p99);
#   4. reads the server's peak RSS (VmHWM of the Payara Micro java process) and prints a summary table.
#
# Usage: bench/app/run.sh [--port N] [--store DIR] [--no-build] [--war FILE]      start a server, stop it at the end
#        bench/app/run.sh --url http://127.0.0.1:N [--store DIR] [--pid PID]      use a running server (not stopped)
# Options: --builds N (20), --clients C (50), --duration D (20), --warmup W (5), --timeout S (600: builds' limit),
#          --token T (a token that may create environments in namespace default; without it the script signs in as
#          the store's first administrator, whose password is in <store>/auth/initial-admin-password).
# Every request carries the token (Authorization: Bearer), so the figures include authentication and authorization.
# Defaults: --port 18383, --store bench/out/app-store (emptied first when this script starts the server).
# With a store (own server, or --store with --url) the script checks the environments' bin/hello; with --url and
# no --pid it finds the server process with pgrep. Needs curl, jq and wrk (installed with apt-get when missing).
# Without --no-build, `./terrarium start` builds the project first (mvn package into target/). All traffic goes to
# 127.0.0.1. Output is also written to bench/out/app-bench.txt; exit 1 if a build did not complete.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT=18383
STORE=""
URL=""
PID=""
BUILDS=20
CLIENTS=50
DURATION=20
WARMUP=5
TIMEOUT=600
TOKEN=""
START_ARGS=()

die() { echo "bench/app: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --store) STORE="$2"; shift 2 ;;
    --url) URL="${2%/}"; shift 2 ;;
    --pid) PID="$2"; shift 2 ;;
    --builds) BUILDS="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --token) TOKEN="$2"; shift 2 ;;
    --no-build) START_ARGS+=(--no-build); shift ;;
    --war) START_ARGS+=(--war "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
for n in "$PORT" "$BUILDS" "$CLIENTS" "$DURATION" "$WARMUP" "$TIMEOUT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "'$n' is not a whole number"
done
[ "$BUILDS" -ge 1 ] && [ "$CLIENTS" -ge 1 ] && [ "$DURATION" -ge 1 ] || die "--builds, --clients and --duration must be >= 1"

need() {  # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "bench/app: installing Debian's $2 for $1" >&2
  { apt-get install -y -q "$2" || { apt-get update -q && apt-get install -y -q "$2"; }; } >/dev/null 2>&1 \
    || die "$1 is missing and 'apt-get install $2' failed: install it and rerun"
}
need curl curl
need jq jq
need wrk wrk

OUT="$ROOT/bench/out"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/terrarium-appbench.XXXXXX")"
OWN_SERVER=0
POLLER=""
cleanup() {
  if [ -n "${POLLER:-}" ]; then kill "$POLLER" 2>/dev/null || true; fi
  if [ "$OWN_SERVER" = 1 ]; then "$ROOT/terrarium" stop --store "$STORE" >&2 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- server ------------------------------------------------------------------------------------------------
if [ -z "$URL" ]; then
  STORE="${STORE:-$OUT/app-store}"
  mkdir -p "$STORE"
  STORE="$(cd "$STORE" && pwd)"
  [ "$STORE" != / ] && [ "$STORE" != "$HOME" ] && [ "$STORE" != "$ROOT" ] || die "refusing to empty the store $STORE"
  echo "bench/app: starting a server on port $PORT, fresh store $STORE" >&2
  # --reset empties the store: the figures are those of a fresh server (empty package cache and database)
  OWN_SERVER=1
  "$ROOT/terrarium" start --reset --port "$PORT" --store "$STORE" "${START_ARGS[@]}" >&2 \
    || { OWN_SERVER=0; die "the server did not start (see $STORE/server/server.log)"; }
  URL="http://127.0.0.1:$PORT"
  PID="$(cat "$STORE/server/payara.pid")"
else
  [[ "$URL" =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?$ ]] || die "--url must be http://127.0.0.1:PORT (loopback only), got '$URL'"
  URL="${URL/localhost/127.0.0.1}"
  if [ -n "$STORE" ]; then STORE="$(cd "$STORE" && pwd)"; fi
  if [ -z "$PID" ] && [ -n "$STORE" ] && [ -f "$STORE/server/payara.pid" ]; then PID="$(cat "$STORE/server/payara.pid")"; fi
  if [ -z "$PID" ]; then
    p="${URL##*:}"; [[ "$p" =~ ^[0-9]+$ ]] || p=80
    PID="$(pgrep -f -- "payara-micro.*--port $p( |\$)" | head -1 || true)"
  fi
fi
curl -sf -m 10 -o /dev/null "$URL/api/v1/" || die "no answer from $URL/api/v1/"
if [ -z "$TOKEN" ]; then
  [ -n "$STORE" ] && [ -r "$STORE/auth/initial-admin-password" ] \
    || die "no --token and no $STORE/auth/initial-admin-password to sign in with"
  # the session cookie's value is a bearer token: conda-store's UI and clients use it either way
  TOKEN="$(jq -n --arg p "$(cat "$STORE/auth/initial-admin-password")" '{username: "admin", password: $p}' \
    | curl -s -m 10 -c - -o /dev/null "$URL/login/" -H 'Content-Type: application/json' -d @- \
    | awk '$6 == "conda-store-auth" { print $7 }')"
  [ -n "$TOKEN" ] || die "signing in as admin at $URL/login/ failed"
fi
AUTH=(-H "Authorization: Bearer $TOKEN")
if [ -n "$PID" ] && [ ! -r "/proc/$PID/status" ]; then echo "bench/app: server pid $PID not found: no RSS figure" >&2; PID=""; fi

now_ms() { date +%s%3N; }
# conda-store datetimes are naive UTC with microseconds: 2026-11-27T21:42:43.434581 -> epoch milliseconds
iso_ms() { [ -n "$1" ] && [ "$1" != null ] && date -u -d "${1}Z" +%s%3N || echo ""; }
rss_kb() { [ -n "$PID" ] && awk -v k="$1:" '$1 == k { print $2 }' "/proc/$PID/status" 2>/dev/null || true; }
fmt_ms() { [ -n "$1" ] && awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }' || echo "-"; }
# CPU time (user + system) the server has used so far, in ms; field 2 (comm) has no spaces for java
cpu_ms() { [ -n "$PID" ] && awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$PID/stat" 2>/dev/null || true; }
pct() {  # pct P < numbers (one a line): nearest-rank percentile
  sort -n | awk -v p="$1" '{ a[NR] = $1 } END { if (NR == 0) { print ""; exit } r = int((p * NR + 99) / 100); if (r < 1) r = 1; print a[r] }'
}

# ---- 1. post the specifications, 2. wait for every build ------------------------------------------------------
# A background poller follows the builds while the foreground posts them as a burst, so that neither delays the
# other: posted.txt gets "index build_id posted_ms", seen.txt "index status seen_ms". It polls the build list (one
# request for up to 100 builds, newest first) rather than each build in turn, since a sequential pass over 20 slow
# GETs would add seconds to the client-side figure; each build's own JSON (timestamps, status_info) is read after.
poll_builds() {
  local -A done_=() state=()
  local n=0 i id t tp st now page min_id line deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
  while [ "$n" -lt "$BUILDS" ] && [ "$(now_ms)" -lt "$deadline" ]; do
    [ -e "$WORK/post-failed" ] && return 0
    min_id="$(awk 'NR == 1 || $2 < m { m = $2 } END { print m }' "$WORK/posted.txt")"
    if [ -z "$min_id" ]; then sleep 0.2; continue; fi
    state=(); tp="$(now_ms)"
    for ((page = 1; page <= 50; page++)); do
      line="$(curl -s -m 10 "${AUTH[@]}" "$URL/api/v1/build/?sort_by=id&order=desc&size=100&page=$page" \
        | jq -r '.data // [] | map("\(.id) \(.status)") | join("\n")' 2>/dev/null || true)"
      [ -n "$line" ] || break
      while read -r id st; do state[$id]="$st"; done <<<"$line"
      [ "$(tail -1 <<<"$line" | cut -d' ' -f1)" -gt "$min_id" ] || break
    done
    now="$(now_ms)"; echo $((now - tp)) >> "$WORK/polls.txt"
    while read -r i id t; do
      [ -z "${done_[$i]:-}" ] || continue
      case "${state[$id]:-}" in
        COMPLETED|FAILED|CANCELED) echo "$i ${state[$id]} $((now - t))" >> "$WORK/seen.txt"; done_[$i]=1; n=$((n + 1)) ;;
      esac
    done < "$WORK/posted.txt"
    sleep 0.2
  done
}

RUN="$(date +%H%M%S)-$$"
echo "bench/app: posting $BUILDS specifications to $URL (environments bench-$RUN-NN, channel demo)" >&2
declare -a IDS NAMES WANT POST_MS STATUS SEEN QWAIT RUNT E2E INFO
: > "$WORK/posted.txt"; : > "$WORK/seen.txt"
poll_builds &
POLLER=$!
T0="$(now_ms)"
for ((i = 0; i < BUILDS; i++)); do
  if ((i % 2 == 0)); then v=1.0; else v=1.1; fi
  NAMES[i]="$(printf 'bench-%s-%02d' "$RUN" "$i")"; WANT[i]="$v"
  body="$(jq -cn --arg s "name: ${NAMES[i]}
channels: [demo]
dependencies: [hello=$v]
" '{namespace: "default", specification: $s}')"
  t="$(now_ms)"
  resp="$(curl -s -m 30 "${AUTH[@]}" -w '\n%{http_code}' -X POST "$URL/api/v1/specification/" -H 'Content-Type: application/json' -d "$body")"
  code="${resp##*$'\n'}"; resp="${resp%$'\n'*}"
  id="$(jq -r '.data.build_id // empty' <<<"$resp" 2>/dev/null || true)"
  if [ "$code" != 200 ] || [ -z "$id" ]; then
    touch "$WORK/post-failed"; wait "$POLLER" || true
    die "POST /api/v1/specification/ for ${NAMES[i]} answered $code: $resp"
  fi
  IDS[i]="$id"; POST_MS[i]=$(( $(now_ms) - t ))
  echo "$i $id $t" >> "$WORK/posted.txt"
done
T_POSTED="$(now_ms)"
wait "$POLLER" || true; POLLER=""
T_DONE="$(now_ms)"
while read -r i st seen; do
  b="$(curl -s -m 30 "${AUTH[@]}" "$URL/api/v1/build/${IDS[i]}/" || true)"
  read -r sch sta end < <(jq -r '[.data.scheduled_on, .data.started_on, .data.ended_on] | map(. // "null") | join(" ")' <<<"$b" 2>/dev/null || echo "null null null")
  STATUS[i]="$(jq -r '.data.status // empty' <<<"$b" 2>/dev/null || true)"; STATUS[i]="${STATUS[i]:-$st}"; SEEN[i]="$seen"
  INFO[i]="$(jq -r '.data.status_info // ""' <<<"$b" 2>/dev/null | head -c 200 | tr '\n\t' '  ' || true)"
  sch="$(iso_ms "$sch")"; sta="$(iso_ms "$sta")"; end="$(iso_ms "$end")"
  [ -n "$sch" ] && [ -n "$sta" ] && QWAIT[i]=$((sta - sch))
  [ -n "$sta" ] && [ -n "$end" ] && RUNT[i]=$((end - sta))
  [ -n "$sch" ] && [ -n "$end" ] && E2E[i]=$((end - sch))
done < "$WORK/seen.txt"
# wall time: from the first POST to the poll that saw the last build finished (T_DONE when some never finished)
T_LAST="$T0"
while read -r i id t; do
  [ -n "${SEEN[i]:-}" ] && [ $((t + SEEN[i])) -gt "$T_LAST" ] && T_LAST=$((t + SEEN[i]))
done < "$WORK/posted.txt"
[ "$(wc -l < "$WORK/seen.txt")" -eq "$BUILDS" ] || T_LAST="$T_DONE"
RSS_AFTER_BUILDS="$(rss_kb VmRSS)"

# per-build table
{
  echo
  echo "Builds ($BUILDS posted to $URL; server clock from the build JSON, client clock from POST to the poll that saw it finished)"
  printf '%-6s %-20s %-6s %-10s %8s %10s %10s %12s %12s  %s\n' id environment hello status post queued run 'queued->done' 'post->seen' check
  for ((i = 0; i < BUILDS; i++)); do
    st="${STATUS[i]:-TIMEOUT}"
    check="-"
    if [ "$st" = COMPLETED ] && [ -n "$STORE" ]; then
      out="$("$STORE/default/envs/${NAMES[i]}/bin/hello" 2>&1 | head -1 || true)"
      if [[ "$out" == *"hello ${WANT[i]})"* ]]; then check="bin/hello ok"; else check="bin/hello WRONG: $out"; fi
    elif [ "$st" != COMPLETED ]; then
      check="status_info: ${INFO[i]:-} (logs: curl -L $URL/api/v1/build/${IDS[i]}/logs/)"
    fi
    printf '%-6s %-20s %-6s %-10s %8s %10s %10s %12s %12s  %s\n' "${IDS[i]}" "${NAMES[i]}" "${WANT[i]}" "$st" \
      "${POST_MS[i]}ms" "$(fmt_ms "${QWAIT[i]:-}")" "$(fmt_ms "${RUNT[i]:-}")" "$(fmt_ms "${E2E[i]:-}")" \
      "$(fmt_ms "${SEEN[i]:-}")" "$check"
  done
} | tee "$WORK/builds.txt"

# ---- 3. latency of GET /api/v1/build/{id}/ under concurrent clients -------------------------------------------
ids_lua="$(IFS=,; echo "${IDS[*]}")"
cat > "$WORK/builds.lua" <<EOF
-- round-robin over the benchmark's build ids; each wrk thread starts at a different offset
local ids = { $ids_lua }
local n = 0
local offset = 0
setup = function(thread) offset = offset + 7; thread:set("offset", offset) end
init = function(args) n = offset or 0 end
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/build/" .. ids[(n % #ids) + 1] .. "/")
end
EOF
THREADS=2
[ "$CLIENTS" -lt "$THREADS" ] && THREADS="$CLIENTS"
if [ "$WARMUP" -gt 0 ]; then
  echo "bench/app: warm-up: wrk -t$THREADS -c$CLIENTS -d${WARMUP}s" >&2
  wrk -t"$THREADS" -c"$CLIENTS" -d"${WARMUP}s" --timeout 10s "${AUTH[@]}" -s "$WORK/builds.lua" "$URL" >/dev/null
fi
echo "bench/app: measuring: wrk -t$THREADS -c$CLIENTS -d${DURATION}s --latency over $BUILDS build ids" >&2
CPU0="$(cpu_ms)"
wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --timeout 10s --latency "${AUTH[@]}" -s "$WORK/builds.lua" "$URL" > "$WORK/wrk.txt" \
  || die "wrk failed: $(cat "$WORK/wrk.txt")"
CPU1="$(cpu_ms)"
{ echo; echo "GET /api/v1/build/{id}/ under $CLIENTS concurrent connections (wrk, $THREADS threads, ${DURATION}s):"; cat "$WORK/wrk.txt"; } | tee "$WORK/wrk-shown.txt"
# wrk prints "  50%   12.34ms" in its latency distribution; normalise units to ms
wrk_pct() {
  awk -v p="$1%" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000; printf "%.2f", v }' "$WORK/wrk.txt"
}
P50="$(wrk_pct 50)"; P99="$(wrk_pct 99)"
RPS="$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")"
REQS="$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")"
NON2XX="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/wrk.txt")"
ERRS="$(awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' "$WORK/wrk.txt")"

# ---- 4. summary -----------------------------------------------------------------------------------------------
HWM="$(rss_kb VmHWM)"; RSS_END="$(rss_kb VmRSS)"
completed=0; for ((i = 0; i < BUILDS; i++)); do [ "${STATUS[i]:-}" = COMPLETED ] && completed=$((completed + 1)); done
e2e="$(for ((i = 0; i < BUILDS; i++)); do [ -n "${E2E[i]:-}" ] && echo "${E2E[i]}"; done || true)"
run="$(for ((i = 0; i < BUILDS; i++)); do [ -n "${RUNT[i]:-}" ] && echo "${RUNT[i]}"; done || true)"
seen="$(for ((i = 0; i < BUILDS; i++)); do [ -n "${SEEN[i]:-}" ] && echo "${SEEN[i]}"; done || true)"
posts="$(printf '%s\n' "${POST_MS[@]}")"
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "n/a"; }
{
  echo
  echo "Summary ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '  %-46s %s\n' "builds completed" "$completed of $BUILDS$([ "$completed" = "$BUILDS" ] || echo " (see the table: FAILED with status_info, or TIMEOUT after ${TIMEOUT}s)")"
  printf '  %-46s %s\n' "wall time, first POST -> all builds finished" "$(fmt_ms $((T_LAST - T0)))  (the $BUILDS POSTs took $(fmt_ms $((T_POSTED - T0))))"
  printf '  %-46s %s\n' "POST /api/v1/specification/ p50 / max" "$(pct 50 <<<"$posts") ms / $(pct 100 <<<"$posts") ms"
  printf '  %-46s %s\n' "queued -> completed (server) p50 / max" "$(fmt_ms "$(pct 50 <<<"$e2e")") / $(fmt_ms "$(pct 100 <<<"$e2e")")"
  printf '  %-46s %s\n' "run only (started -> ended) p50 / max" "$(fmt_ms "$(pct 50 <<<"$run")") / $(fmt_ms "$(pct 100 <<<"$run")")"
  printf '  %-46s %s\n' "post -> seen finished (client) p50 / max" "$(fmt_ms "$(pct 50 <<<"$seen")") / $(fmt_ms "$(pct 100 <<<"$seen")")"
  polls="$(cat "$WORK/polls.txt" 2>/dev/null || true)"
  printf '  %-46s %s\n' "  poller: GET /api/v1/build/ p50 / max" "$(pct 50 <<<"$polls") ms / $(pct 100 <<<"$polls") ms ($(wc -l <<<"$polls") polls; bounds the client-side lag)"
  printf '  %-46s %s\n' "GET /api/v1/build/{id}/, $CLIENTS clients: p50 / p99" "${P50:-?} ms / ${P99:-?} ms"
  printf '  %-46s %s\n' "  throughput, requests, non-2xx, socket errors" "${RPS:-?} req/s, ${REQS:-?}, ${NON2XX:-0}, ${ERRS:-none}"
  if [ -n "$CPU0" ] && [ -n "$CPU1" ] && [ -n "${REQS:-}" ] && [ "${REQS:-0}" -gt 0 ]; then
    printf '  %-46s %s\n' "  server CPU per request (user + system)" "$(awk -v c=$((CPU1 - CPU0)) -v n="$REQS" 'BEGIN { printf "%.2f ms (%.1f cores busy)", c / n, c / 1000 / '"$DURATION"' }')"
  fi
  printf '  %-46s %s\n' "server RSS after builds / at end" "$(mb "$RSS_AFTER_BUILDS") / $(mb "$RSS_END")"
  printf '  %-46s %s\n' "server peak RSS (VmHWM, pid ${PID:-?})" "$(mb "$HWM")"
} | tee "$WORK/summary.txt"
cat "$WORK/builds.txt" "$WORK/wrk-shown.txt" "$WORK/summary.txt" > "$OUT/app-bench.txt"
[ "$completed" = "$BUILDS" ] || exit 1
