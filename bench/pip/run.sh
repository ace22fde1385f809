#!/usr/bin/env bash
# Pip benchmark (issue 12): in one run, side by side, on a local PEP 503 index of 50 generated wheels (3 versions
# each, each depending on the next lower one and on random lower ones; 10 top-level requirements pull in all 50),
# served by python's http.server:
#   ours cold = resolve + fetch + install into a new prefix with empty page and wheel caches
#   ours warm = the same into another new prefix with both caches hot (pages revalidated, 304)
#   pip cold  = Debian's pip: pip install --index-url ... --target DIR --no-compile --no-cache-dir
#   pip warm  = the same with a hot --cache-dir
# Neither side byte-compiles (our prefix has no python; pip gets --no-compile). Data lives in bench/out/pip.
# pip runs --isolated, so no pip.conf or PIP_* variable of the machine adds other indexes.
# Usage: bench/pip/run.sh            (REPS=5 for more repetitions; TBUILD=target-xyz for the build directory)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/pip"
REPS=${REPS:-3}
TBUILD=${TBUILD:-target-bench}
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
cd "$ROOT"

if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
    echo "installing Debian's python3-pip ..." >&2
    apt-get install -y -q python3-pip >&2 || { apt-get update -q >&2 && apt-get install -y -q python3-pip >&2; }
fi

echo "building the engine and the benchmark (mvn -Dtbuild=$TBUILD) ..." >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt" >&2 2>&1 \
    || mvn -q -Dtbuild="$TBUILD" -pl conda dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2
CP="conda/$TBUILD/classes:conda/$TBUILD/test-classes:$(cat "$OUT/classpath.txt")"

java -cp "$CP" io.terrarium.conda.bench.PipBench generate "$OUT/index" >&2

PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PYTHON" -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT/index" >"$OUT/http.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
INDEX="http://127.0.0.1:$PORT/simple"
for i in $(seq 100); do
    curl -sf "$INDEX/" >/dev/null && break
    sleep 0.1
done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "timing ours ($REPS rounds after one untimed round) ..." >&2
java -Xmx512m -cp "$CP" io.terrarium.conda.bench.PipBench run "$INDEX" "$OUT/work" "$REPS" > "$OUT/java.txt"
val() { sed -n "s/^$1=\\([0-9]*\\).*/\\1/p" "$OUT/java.txt"; }
all() { sed -n "s/^$1=[0-9]* $2=//p" "$OUT/java.txt"; }
PREFIX=$(sed -n 's/^prefix_dir=//p' "$OUT/java.txt")

echo "timing pip ..." >&2
PIP_COLD=(); PIP_WARM=()
PIPARGS=(--isolated --disable-pip-version-check --no-input -q --index-url "$INDEX" --no-compile -r "$OUT/index/requirements.txt")
for r in $(seq "$REPS"); do
    rm -rf "$OUT/pip-cold" "$OUT/pip-warm" "$OUT/pip-cache"
    t0=$(now_ms)
    "$PYTHON" -m pip install "${PIPARGS[@]}" --no-cache-dir --target "$OUT/pip-cold" >&2
    PIP_COLD+=($(( $(now_ms) - t0 )))
    "$PYTHON" -m pip install "${PIPARGS[@]}" --cache-dir "$OUT/pip-cache" --target "$OUT/pip-prime" >/dev/null 2>&1
    t0=$(now_ms)
    "$PYTHON" -m pip install "${PIPARGS[@]}" --cache-dir "$OUT/pip-cache" --target "$OUT/pip-warm" >&2
    PIP_WARM+=($(( $(now_ms) - t0 )))
    rm -rf "$OUT/pip-prime"
done

OURS_FILES=$(find "$PREFIX" -type f | wc -l)
PIP_FILES=$(find "$OUT/pip-warm" -type f | wc -l)
OURS_DISTS=$(find "$PREFIX" -type d -name '*.dist-info' | wc -l)
PIP_DISTS=$(find "$OUT/pip-warm" -maxdepth 1 -type d -name '*.dist-info' | wc -l)
echo
echo "pip benchmark: $(val wheels) wheels installed from a local PEP 503 index; $(nproc) cores; median of $REPS"
printf '  %-40s %8s ms   %s\n' "ours cold (resolve+fetch+install)" "$(val cold_ms)" "runs $(all cold_ms cold_all); resolve $(val cold_resolve_ms) ms of it; fresh JVM $(val first_cold_ms) ms"
printf '  %-40s %8s ms   %s\n' "pip cold (--no-cache-dir --target)" "$(median "${PIP_COLD[@]}")" "runs [${PIP_COLD[*]}]"
printf '  %-40s %8s ms   %s\n' "ours warm (caches hot)" "$(val warm_ms)" "runs $(all warm_ms warm_all); fresh JVM $(val first_warm_ms) ms"
printf '  %-40s %8s ms   %s\n' "pip warm (hot --cache-dir --target)" "$(median "${PIP_WARM[@]}")" "runs [${PIP_WARM[*]}]"
echo "  wheels installed: ours $OURS_DISTS, pip $PIP_DISTS (dist-info directories)"
echo "  files installed: ours $OURS_FILES, pip $PIP_FILES (both: packages, dist-info, console-script launchers)"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
