#!/usr/bin/env bash
# Repodata benchmark (issue 11): a generated 300,000-record channel (GeneratedChannels.pinned, shaped like
# conda-forge: 3,000 names x 100 builds, ~150 MB of repodata.json) served on loopback by a real HTTP server
# (ChannelServer: static files, ETag, 304) in three forms: full JSON, repodata.json.zst, and CEP 16 sharded repodata
# (repodata_shards.msgpack.zst + one shard per name). For python-numpy-pandas-shaped requests on the generated names,
# reports the time from request to solution (RepoIndex.load through the repodata cache + Solver.solve) and the body
# bytes the server sent, cold (empty cache) and warm (cache valid: every revalidation answered 304), medians of $REPS
# after $WARMUP untimed rounds. Fairness: every form x request runs in a JVM of its own (server and client share it,
# -Xmx1g), so each form is JIT-compiled by its own warm-up rounds and none inherits another's compiled code or heap.
# Warm is measured twice: in the same JVM (a long-lived worker: scans and parsed shards are reused) and on a copy of
# the cache this JVM never read ("disk-warm": a fresh worker after its JIT warm-up); "new-JVM cold" is the first cold
# round of the JVM (nothing compiled yet). Passes ($LINKS): plain loopback (transfer costs almost nothing, so it
# measures our CPU), and loopback paced as a link of MBIT,MS (Mbit/s, ms per answer; 100,20 is a good office line).
# Usage: bench/repodata/run.sh  (REPS=5, WARMUP=5, LINKS="loopback 100,20", TBUILD=target-repodatabench,
#                                GEN_NAMES=3000, GEN_BUILDS=100; BUILD=0 times the classes already in $TBUILD)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/repodata"
REPS=${REPS:-5}
WARMUP=${WARMUP:-5}
LINKS=${LINKS:-loopback 100,20}
TBUILD=${TBUILD:-target-repodatabench}
GEN_NAMES=${GEN_NAMES:-3000}
GEN_BUILDS=${GEN_BUILDS:-100}
mkdir -p "$OUT/ch"
cd "$ROOT"

if [ "${BUILD:-1}" != 0 ]; then
    echo "building the engine and the benchmark (mvn -Dtbuild=$TBUILD) ..." >&2
    mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
fi
classpath() { mvn -q "$@" -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2; }
[ -s "$OUT/classpath.txt" ] || classpath -o 2>/dev/null || classpath
CP="conda/$TBUILD/classes:conda/$TBUILD/test-classes:$(cat "$OUT/classpath.txt")"
JAVA=(java -Xmx1g -Dsun.net.httpserver.nodelay=true -cp "$CP" io.terrarium.conda.bench.RepodataBench)

CH="$OUT/ch/gen-pinned"
if [ ! -f "$CH/gen.txt" ]; then
    echo "generating $GEN_NAMES x $GEN_BUILDS records with their .zst and shards ..." >&2
    rm -rf "$CH"
    "${JAVA[@]}" generate "$CH" "$GEN_NAMES" "$GEN_BUILDS" 42 > "$OUT/gen.txt"
    mv "$OUT/gen.txt" "$CH/gen.txt"
fi
IFS=, read -r -a LAST <<< "$(sed -n 's/.*last_names=//p' "$CH/gen.txt")"
echo "channel: $(sed -n 's/ file=.*//p' "$CH/gen.txt"); repodata.json $(du -h "$CH/linux-64/repodata.json" | cut -f1)," \
    ".zst $(du -h "$CH/linux-64/repodata.json.zst" | cut -f1), $(ls "$CH/linux-64/shards" | wc -l) shards" \
    "$(du -sh "$CH/linux-64/shards" | cut -f1)" >&2

# python-numpy-pandas-shaped: an interpreter pin plus a top-level library, and three libraries with deep stacks
REQUESTS=("python=3.11;${LAST[0]}" "${LAST[1]};${LAST[2]};${LAST[3]}")
RESULTS=()
for link in $LINKS; do
    tsv="$OUT/results-${link/,/-}.tsv"
    echo "timing on $link: ${#REQUESTS[@]} requests x 3 forms, a JVM each: (${WARMUP} + ${REPS}) rounds of" \
        "cold + warm + disk-warm ..." >&2
    printf 'form\trequest\tcold ms\tcold bytes\tcold requests\twarm ms\twarm bytes\twarm requests\tdisk-warm ms' > "$tsv"
    printf '\tsolve-only ms\tpackages\tnew-JVM cold ms\twarm - solve ms\tcold CPU ms\n' >> "$tsv"
    for request in "${REQUESTS[@]}"; do
        for form in json zstd sharded; do
            "${JAVA[@]}" run "$CH" "$form" "$WARMUP" "$REPS" "$link" "$request" >> "$tsv"
        done
    done
    RESULTS+=("$link=$tsv")
done

python3 - "${RESULTS[@]}" <<'PY'
import os, sys
def mb(b): return "%.2f MB" % (int(b) / 1e6) if int(b) >= 10000 else "%d B" % int(b)
for arg in sys.argv[1:]:
    link, path = arg.split("=", 1)
    title = "plain loopback" if link == "loopback" else "loopback paced as %s Mbit/s, %s ms per answer" % tuple(
        link.split(","))
    rows = [l.rstrip("\n").split("\t") for l in open(path)][1:]
    print("== " + title)
    table = [("form", "request", "cold ms", "warm ms", "bytes cold", "bytes warm", "vs JSON cold", "cold CPU ms",
              "CPU vs JSON", "reqs cold/warm", "solve-only ms", "warm - solve", "disk-warm ms", "new-JVM cold ms",
              "pkgs")]
    json_cold = {r[1]: int(r[2]) for r in rows if r[0] == "json"}
    json_cpu = {r[1]: int(r[13]) for r in rows if r[0] == "json"}
    for r in rows:
        ratio = json_cold[r[1]] / max(1, int(r[2]))
        cpu_ratio = json_cpu[r[1]] / max(1, int(r[13]))
        table.append((r[0], r[1], r[2], r[5], mb(r[3]), mb(r[6]), "%.1fx" % ratio, r[13], "%.1fx" % cpu_ratio,
                      r[4] + "/" + r[7], r[9], r[12], r[8], r[11], r[10]))
    w = [max(len(x[i]) for x in table) for i in range(len(table[0]))]
    for i, t in enumerate(table):
        print("  ".join(c.rjust(w[k]) if k >= 2 and i > 0 else c.ljust(w[k]) for k, c in enumerate(t)))
    print()
    for req in dict.fromkeys(r[1] for r in rows):
        f = {r[0]: r for r in rows if r[1] == req}
        ratio = int(f["json"][2]) / max(1, int(f["sharded"][2]))
        print("target: sharded cold >= 5x faster than JSON cold  [%s]  %s ms vs %s ms = %.1fx: %s" % (
            req, f["sharded"][2], f["json"][2], ratio, "met" if ratio >= 5 else "NOT met"))
        for form, r in f.items():
            over = int(r[12])
            print("target: warm < 100 ms + solve  [%s, %s]  warm %s, solve %s, warm - solve %d ms: %s" % (
                req, form, r[5], r[9], over, "met" if over < 100 else "NOT met"))
    print()
print("bytes = response bodies sent by the server; solve-only = a second solve on the loaded index;")
print("warm - solve = median over rounds of (warm ms - that round's solve-only ms): the repodata overhead of warm;")
print("vs JSON cold = JSON's cold ms / this form's cold ms (medians, each form in its own JVM); cold CPU = CPU time")
print("of the JVM (client, server, JIT, GC) in a cold round, median: the work without the wait for busy cores")
print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))
PY
