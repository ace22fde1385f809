#!/usr/bin/env bash
# Worker memory benchmark (issue 9): the resident memory of one Payara Micro worker, idle, during the largest
# offline solve and during the largest offline install, to size workers.
#
#   1. generates (once, shared with bench/solver and bench/install) the conda-forge-shaped channel of 300,000
#      records (bench/out/solver/ch/gen-pinned, ~150 MB of repodata.json) and the channel of 100 real packages
#      (bench/out/install/channel: ~3,300 files, ~96 MiB installed);
#   2. starts one worker on a fresh store (`./terrarium start --reset`), lets it settle and samples it idle;
#   3. posts, one after the other: two solves on the 300k channel (the three-spec case of bench/solver, then its
#      "hard" four-spec case; their fetch step then fails, the channel has no archives: only the solve is measured)
#      and an install of all 100 real packages (solve + fetch + extract + link + artifacts, COMPLETED);
#   4. samples /proc/<pid>/status every 100 ms throughout (VmRSS, and its anonymous and file-mapped parts: the
#      repodata is memory-mapped, so its pages count in VmRSS as RssFile) and prints per phase the peak, with the
#      JVM's VmHWM at the end;
#   5. samples the JVM heap with `jstat -gc` every 200 ms (used: live objects and garbage not yet collected;
#      committed: what the JVM took from the OS, part of the anonymous RSS) and prints its per-phase peaks;
#   6. capacity check: posts concurrency + 1 small installs (3 packages each, ~15 s) at once and prints how many
#      ran at the same time (started_on/ended_on): it must be terrarium.worker.concurrency, never more.
#
# Usage: bench/worker/run.sh [--port N] [--store DIR] [--no-build] [--war FILE] [--timeout S]
# Defaults: --port 19901, --store /tmp/terrarium-workerbench (emptied first), --timeout 600 per build.
# The JVM options are TERRARIUM_JAVA_OPTS (default, as ./terrarium: -Xmx768m); TERRARIUM_RUNTIME_DIR points
# ./terrarium at an existing Payara Micro download. Offline: local channels only. Output also in
# bench/out/worker-bench.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT=19901
STORE=/tmp/terrarium-workerbench
TIMEOUT=600
START_ARGS=()
TBUILD=${TBUILD:-target-solvetests}

die() { echo "bench/worker: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --store) STORE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --no-build) START_ARGS+=(--no-build); shift ;;
    --war) START_ARGS+=(--war "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ && "$TIMEOUT" =~ ^[0-9]+$ ]] || die "--port and --timeout take whole numbers"
command -v python3 >/dev/null || die "python3 is needed to read the API's JSON"

OUT="$ROOT/bench/out"
GEN="$OUT/solver/ch/gen-pinned"
INSTALL_CHANNEL="$OUT/install/channel"
mkdir -p "$OUT/solver/ch" "$OUT/install"
cd "$ROOT"

# ---- test data (the generators live in the conda module's test sources) -------------------------------------
if [ ! -f "$GEN/gen.txt" ] || [ ! -f "$INSTALL_CHANNEL/.complete" ]; then
  echo "building the generators (mvn -Dtbuild=$TBUILD) ..." >&2
  mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
  [ -s "$OUT/worker-classpath.txt" ] || mvn -q -o -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/worker-classpath.txt" >&2 2>/dev/null \
    || mvn -q -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/worker-classpath.txt" >&2
  CP="conda/$TBUILD/classes:conda/$TBUILD/test-classes:$(cat "$OUT/worker-classpath.txt")"
  if [ ! -f "$GEN/gen.txt" ]; then
    echo "generating the 300,000-record channel (as bench/solver: 3000 names x 100 builds, seed 42) ..." >&2
    rm -rf "$GEN"
    java -Xmx512m -cp "$CP" io.terrarium.conda.bench.SolverBench generate-pinned "$GEN" 3000 100 42 > "$GEN.txt"
    mv "$GEN.txt" "$GEN/gen.txt"
  fi
  if [ ! -f "$INSTALL_CHANNEL/.complete" ]; then
    echo "generating the channel of 100 real packages (as bench/install) ..." >&2
    java -cp "$CP" io.terrarium.conda.bench.InstallBench generate "$INSTALL_CHANNEL" >&2
  fi
fi
IFS=, read -r -a LAST <<< "$(sed -n 's/.*last_names=//p' "$GEN/gen.txt")"
[ "${#LAST[@]}" -ge 4 ] || die "$GEN/gen.txt names no last_names: delete $GEN and rerun"

# ---- the worker ---------------------------------------------------------------------------------------------
URL="http://127.0.0.1:$PORT/api/v1"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/terrarium-workerbench.XXXXXX")"
SAMPLER=""
HEAP_SAMPLER=""
cleanup() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  if [ -n "$HEAP_SAMPLER" ]; then kill "$HEAP_SAMPLER" 2>/dev/null || true; fi
  "$ROOT/terrarium" stop --store "$STORE" >&2 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "starting a worker on port $PORT, store $STORE (${TERRARIUM_JAVA_OPTS:--Xmx768m}) ..." >&2
"$ROOT/terrarium" start --reset --port "$PORT" --store "$STORE" "${START_ARGS[@]}" >&2
PID="$(cat "$STORE/server/payara.pid")"
[ -r "/proc/$PID/status" ] || die "no process $PID"

now_ms() { date +%s%3N; }
# one line per 100 ms: epoch ms, VmRSS, RssAnon, RssFile (kB)
( while [ -r "/proc/$PID/status" ]; do
    awk -v t="$(now_ms)" '/^VmRSS:/{r=$2} /^RssAnon:/{a=$2} /^RssFile:/{f=$2} END{print t, r, a, f}' \
        "/proc/$PID/status" 2>/dev/null || true
    sleep 0.1
  done ) > "$WORK/rss.txt" &
SAMPLER=$!
# one line per 200 ms: epoch ms, then jstat -gc's columns (S0C S1C S0U S1U EC EU OC OU ..., kB)
if command -v jstat >/dev/null; then
  ( jstat -gc "$PID" 200 2>/dev/null | while read -r line; do echo "$(now_ms) $line"; done ) > "$WORK/heap.txt" &
  HEAP_SAMPLER=$!
else
  : > "$WORK/heap.txt"
fi
PHASES="$WORK/phases.txt"
: > "$PHASES"

json() {  # json EXPR < body: prints data-relative EXPR evaluated on the parsed body (python syntax, j = body)
  python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}
post_spec() {  # post_spec NAME CHANNEL SPECS... -> build id
  local name="$1" channel="$2"; shift 2
  local deps; deps="$(printf '"%s",' "$@")"; deps="[${deps%,}]"
  local yaml="name: $name\nchannels: [\"$channel\"]\ndependencies: $deps"
  curl -sf -X POST "$URL/specification/" -H 'Content-Type: application/json' \
      -d "{\"namespace\": \"bench\", \"specification\": \"${yaml//\"/\\\"}\"}" | json 'j["data"]["build_id"]'
}
wait_build() {  # wait_build ID -> final status
  local deadline=$(( $(date +%s) + TIMEOUT )) status
  while :; do
    status="$(curl -sf "$URL/build/$1/" | json 'j["data"]["status"]')"
    case "$status" in COMPLETED|FAILED|CANCELED) echo "$status"; return ;; esac
    [ "$(date +%s)" -lt "$deadline" ] || { echo "TIMEOUT($status)"; return; }
    sleep 0.5
  done
}
solve_line() {  # the build log's "solved in" / "loaded" lines, or the solve's failure
  curl -sfL "$URL/build/$1/logs/" | grep -E "loaded [0-9]+ records|solved in|solve needed|cannot be solved|gave up" \
      | sed -e 's/^[0-9-]* [0-9:]* //' | tr '\n' ';' | cut -c1-160
}
phase() {  # phase LABEL ID EXPECT: runs while build ID runs
  local label="$1" id="$2" expect="$3" t0 t1 status
  t0="$(now_ms)"
  status="$(wait_build "$id")"
  t1="$(now_ms)"
  echo "$label|$t0|$t1|$status|$expect|$(solve_line "$id")" >> "$PHASES"
  echo "  $label: build $id $status in $(( (t1 - t0) / 1000 )) s" >&2
}

echo "idle (15 s after startup, sampled for 5 s) ..." >&2
sleep 15
t0="$(now_ms)"; sleep 5; t1="$(now_ms)"
echo "idle|$t0|$t1|-|-|" >> "$PHASES"

echo "solves on the 300k channel, then the install of 100 packages ..." >&2
phase "solve 300k: ${LAST[1]} ${LAST[2]} ${LAST[3]}" \
    "$(post_spec solve3 "$GEN" "${LAST[1]}" "${LAST[2]}" "${LAST[3]}")" "FAILED at fetch (no archives)"
phase "solve 300k (hard): py-pyyaml-devel9n zstd-base1cs perl-requests-base1jg py-idna1j5" \
    "$(post_spec solvehard "$GEN" py-pyyaml-devel9n zstd-base1cs perl-requests-base1jg py-idna1j5)" \
    "FAILED at fetch (no archives)"
mapfile -t PKGS < <(for i in $(seq 0 99); do printf 'bench-pkg-%03d\n' "$i"; done)
phase "install 100 packages (~96 MiB, 3,300 files)" "$(post_spec install100 "$INSTALL_CHANNEL" "${PKGS[@]}")" COMPLETED
HWM="$(awk '/^VmHWM:/{print $2}' "/proc/$PID/status")"

CONCURRENCY="$(grep -o 'up to [0-9]* builds at once' "$STORE/server/server.log" | head -1 | grep -o '[0-9]*' || echo 1)"
echo "capacity: $(( CONCURRENCY + 1 )) small installs posted at once ..." >&2
IDS=()
for i in $(seq 1 $(( CONCURRENCY + 1 ))); do
  IDS+=("$(post_spec "cap$i" "$INSTALL_CHANNEL" "${PKGS[$(( 99 - i ))]}" "${PKGS[$(( 89 - i ))]}" "${PKGS[$(( 79 - i ))]}")")
done
for id in "${IDS[@]}"; do wait_build "$id" > /dev/null; done
for id in "${IDS[@]}"; do curl -sf "$URL/build/$id/" | json '"%s %s %s" % (j["data"]["started_on"], j["data"]["ended_on"], j["data"]["status"])'; done > "$WORK/cap.txt"

python3 - "$WORK/rss.txt" "$PHASES" "$HWM" "$WORK/cap.txt" "$CONCURRENCY" "${TERRARIUM_JAVA_OPTS:--Xmx768m}" "$WORK/heap.txt" \
    <<'PY' | tee "$OUT/worker-bench.txt"
import sys
from datetime import datetime
samples = []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 4 and all(x.isdigit() for x in f):
        samples.append(tuple(int(x) for x in f))
heap = []  # (epoch ms, used kB, committed kB)
for line in open(sys.argv[7]):
    f = line.split()
    try:
        v = [float(x) for x in f[1:9]]
        heap.append((int(f[0]), v[2] + v[3] + v[5] + v[7], v[0] + v[1] + v[4] + v[6]))
    except (ValueError, IndexError):
        pass  # jstat's header lines
def mb(kb): return "%d MB" % round(kb / 1024)
print("one Payara Micro worker (%s), VmRSS sampled every 100 ms, heap (jstat -gc) every 200 ms" % sys.argv[6])
print("%-66s %9s %9s %9s %10s %10s  %s" % ("phase", "peak RSS", "anon", "file", "heap used", "committed", "build"))
for line in open(sys.argv[2]):
    label, t0, t1, status, expect, log = line.rstrip("\n").split("|")
    window = [s for s in samples if int(t0) <= s[0] <= int(t1)]
    if not window:
        print("%-78s (no samples)" % label); continue
    peak = max(window, key=lambda s: s[1])
    hw = [h for h in heap if int(t0) <= h[0] <= int(t1)]
    used = mb(max(h[1] for h in hw)) if hw else "-"
    committed = mb(max(h[2] for h in hw)) if hw else "-"
    note = status if status == "-" else "%s (expected %s)" % (status, expect)
    print("%-66s %9s %9s %9s %10s %10s  %s" % (label[:66], mb(peak[1]), mb(peak[2]), mb(peak[3]), used, committed,
                                              note))
    if log:
        print("%-66s %s" % ("", log))
print("%-66s %9s" % ("peak over the whole run (VmHWM)", mb(int(sys.argv[3]))))
# capacity: the most builds whose [started_on, ended_on] overlap
spans = []
for line in open(sys.argv[4]):
    s, e, status = line.split()
    if s != "None" and e != "None":
        spans.append((datetime.fromisoformat(s), datetime.fromisoformat(e)))
events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1]))
running = most = 0
for _, d in events:
    running += d
    most = max(most, running)
print("capacity: %d builds posted at once, at most %d ran at the same time (terrarium.worker.concurrency = %s)%s"
      % (len(spans), most, sys.argv[5], "" if most <= int(sys.argv[5]) else "  <-- MORE THAN THE CONCURRENCY"))
PY
