#!/usr/bin/env bash
# Install benchmark (issue 3): in one run, side by side, on a generated channel of 100 real packages:
#   cold install  = our fetch from a file:// channel + extract + link into a new prefix (empty package cache)
#   warm install  = our link only (package cache hot) into a new prefix
#   cph x         = Debian's conda-package-handling extracting the same archives (one `cph x` per archive, as a
#                   shell loop uses it; and all archives in one python process through its API, its best case)
#   cp -al        = hard-linking the same extracted trees with coreutils (the linking limit)
# Targets: cold <= cph extraction time; warm <= 2x cp -al. Generated data lives in bench/out/install (gitignored).
# Usage: bench/install/run.sh            (REPS=5 for more repetitions; TBUILD=target-xyz for the build directory)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/install"
REPS=${REPS:-3}
TBUILD=${TBUILD:-target-bench}
mkdir -p "$OUT"
cd "$ROOT"

if ! command -v cph >/dev/null 2>&1; then
    echo "installing Debian's conda-package-handling for cph ..." >&2
    apt-get install -y -q conda-package-handling >&2 || { apt-get update -q >&2 && apt-get install -y -q conda-package-handling >&2; }
fi

echo "building the engine and the benchmark (mvn -Dtbuild=$TBUILD) ..." >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt" >&2 2>&1 \
    || mvn -q -Dtbuild="$TBUILD" -pl conda dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2
CP="conda/$TBUILD/classes:conda/$TBUILD/test-classes:$(cat "$OUT/classpath.txt")"

java -cp "$CP" io.terrarium.conda.bench.InstallBench generate "$OUT/channel" >&2
mapfile -t ARCHIVES < <(find "$OUT/channel" -name '*.conda' -o -name '*.tar.bz2' | sort)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "timing our cold and warm installs ($REPS runs each, after one untimed warm-up round) ..." >&2
java -Xmx1g -cp "$CP" io.terrarium.conda.bench.InstallBench run "$OUT/channel" "$OUT/work" "$REPS" > "$OUT/java.txt"
COLD=$(sed -n 's/^cold_ms=\([0-9]*\).*/\1/p' "$OUT/java.txt")
WARM=$(sed -n 's/^warm_ms=\([0-9]*\).*/\1/p' "$OUT/java.txt")
COLD_ALL=$(sed -n 's/^cold_ms=[0-9]* cold_all=//p' "$OUT/java.txt")
WARM_ALL=$(sed -n 's/^warm_ms=[0-9]* warm_all=//p' "$OUT/java.txt")
FIRST_COLD=$(sed -n 's/^first_cold_ms=//p' "$OUT/java.txt")
FIRST_WARM=$(sed -n 's/^first_warm_ms=//p' "$OUT/java.txt")
COLD_FETCH=$(sed -n 's/^cold_fetch_extract_ms=//p' "$OUT/java.txt")
WARM_CHECK=$(sed -n 's/^warm_check_cache_ms=//p' "$OUT/java.txt")
CACHE=$(sed -n 's/^cache_dir=//p' "$OUT/java.txt")
PREFIX=$(sed -n 's/^prefix_dir=//p' "$OUT/java.txt")

echo "timing cph x ..." >&2
CPH_PYTHON=$(head -1 "$(command -v cph)" | sed -e 's/^#![[:space:]]*//' -e 's/[[:space:]].*//')
CPH=()
for r in $(seq "$REPS"); do
    rm -rf "$OUT/cph"; mkdir -p "$OUT/cph"
    t0=$(now_ms)
    for a in "${ARCHIVES[@]}"; do
        stem=$(basename "$a"); stem=${stem%.conda}; stem=${stem%.tar.bz2}
        cph x "$a" --dest "$OUT/cph/$stem" >/dev/null
    done
    CPH+=($(( $(now_ms) - t0 )))
done
CPH_API=()
for r in $(seq "$REPS"); do
    rm -rf "$OUT/cph"; mkdir -p "$OUT/cph"
    CPH_API+=($("$CPH_PYTHON" - "$OUT/cph" "${ARCHIVES[@]}" <<'PY'
import os, sys, time
from conda_package_handling import api
dest, archives = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
for a in archives:
    stem = os.path.basename(a)
    for ext in (".conda", ".tar.bz2"):
        if stem.endswith(ext):
            stem = stem[: -len(ext)]
    api.extract(a, dest_dir=os.path.join(dest, stem))
print(int((time.perf_counter() - t0) * 1000))
PY
))
done

echo "timing cp -al ..." >&2
# extracted trees live in content-keyed entries: <cache>/by-sha256/<sha256>/<dist>/
mapfile -t TREES < <(find "$CACHE" -mindepth 3 -maxdepth 3 -type d -name 'bench-pkg-*' | sort)
CPAL=()
for r in $(seq "$REPS"); do
    rm -rf "$OUT/cpal"; mkdir -p "$OUT/cpal"
    t0=$(now_ms)
    cp -al "${TREES[@]}" "$OUT/cpal/"
    CPAL+=($(( $(now_ms) - t0 )))
done
rm -rf "$OUT/cph" "$OUT/cpal"

CPH_MED=$(median "${CPH[@]}")
CPH_API_MED=$(median "${CPH_API[@]}")
CPAL_MED=$(median "${CPAL[@]}")
NFILES=$(find "$PREFIX" -type f | wc -l)
MIB=$(du -sm "$PREFIX" | cut -f1)
ARCH_MIB=$(du -cm "${ARCHIVES[@]}" | tail -1 | cut -f1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "met" : "NOT met") }'; }

echo
echo "install benchmark: ${#ARCHIVES[@]} packages ($(find "$OUT/channel" -name '*.conda' | wc -l) .conda, $(find "$OUT/channel" -name '*.tar.bz2' | wc -l) .tar.bz2), $NFILES files, $MIB MiB installed, $ARCH_MIB MiB of archives; $(nproc) cores; median of $REPS"
printf '  %-52s %8s ms   %s\n' "cold install: fetch file:// + extract + link (ours)" "$COLD" "runs $COLD_ALL; fetch+extract $COLD_FETCH ms of it; fresh JVM $FIRST_COLD ms"
printf '  %-52s %8s ms   %s\n' "cph x, one process per archive (extract only)" "$CPH_MED" "runs [${CPH[*]}]"
printf '  %-52s %8s ms   %s\n' "cph api, all archives in one python (extract only)" "$CPH_API_MED" "runs [${CPH_API[*]}]"
printf '  %-52s %8s ms   %s\n' "warm install: link only (ours)" "$WARM" "runs $WARM_ALL; cache check $WARM_CHECK ms of it; fresh JVM $FIRST_WARM ms"
printf '  %-52s %8s ms   %s\n' "cp -al of the same extracted trees" "$CPAL_MED" "runs [${CPAL[*]}]"
echo "  target cold <= cph x:      $(verdict "$COLD" "$CPH_MED") (ratio $(ratio "$COLD" "$CPH_MED")); against cph's one-process API: $(verdict "$COLD" "$CPH_API_MED") (ratio $(ratio "$COLD" "$CPH_API_MED"))"
echo "  target warm <= 2x cp -al:  $(verdict "$WARM" "$(( 2 * CPAL_MED ))") (ratio $(ratio "$WARM" "$CPAL_MED"))"
