#!/usr/bin/env bash
# Repodata benchmark (issue 11): a generated 300,000-record channel (GeneratedChannels.pinned, shaped like
# conda-forge: 3,000 names x 100 builds, ~150 MB of repodata.json) served on loopback by a real HTTP server
# (ChannelServer: static files, ETag, 304) in three forms: full JSON, repodata.json.zst, and CEP 16 sharded repodata
# (repodata_shards.msgpack.zst + one shard per name). For python-numpy-pandas-shaped requests on the generated names,
# reports the time from request to solution (RepoIndex.load through the repodata cache + Solver.solve) and the body
# bytes the server sent, cold (empty cache) and warm (cache valid: every revalidation answered 304), medians of $REPS
# after an untimed round. Warm is measured twice: in the same JVM (a long-lived worker: scans and parsed shards are
# reused) and on a copy of the cache this JVM never read ("disk-warm": a fresh worker after its JIT warm-up).
# Two passes: plain loopback (transfer costs almost nothing, so it measures our CPU), and loopback paced as a link
# of $LINK (Mbit/s,ms per answer; default 100 Mbit/s and 20 ms, a good office line to a CDN). Server and client
# share one JVM (-Xmx1g).
# Usage: bench/repodata/run.sh     (REPS=3, LINK=100,20, TBUILD=target-repodatabench, GEN_NAMES=3000, GEN_BUILDS=100)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/repodata"
REPS=${REPS:-3}
LINK=${LINK:-100,20}
TBUILD=${TBUILD:-target-repodatabench}
GEN_NAMES=${GEN_NAMES:-3000}
GEN_BUILDS=${GEN_BUILDS:-100}
mkdir -p "$OUT/ch"
cd "$ROOT"

echo "building the engine and the benchmark (mvn -Dtbuild=$TBUILD) ..." >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
[ -s "$OUT/classpath.txt" ] || mvn -q -o -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2
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
for link in loopback "$LINK"; do
    echo "timing on $link: 3 forms x ${#REQUESTS[@]} requests x (1 + $REPS) rounds of cold + warm + disk-warm ..." >&2
    "${JAVA[@]}" run "$CH" "$REPS" "$link" "${REQUESTS[@]}" > "$OUT/results-${link/,/-}.tsv"
done

python3 - "$OUT/results-loopback.tsv" "$OUT/results-${LINK/,/-}.tsv" "$LINK" <<'PY'
import os, sys
def mb(b): return "%.2f MB" % (int(b) / 1e6) if int(b) >= 10000 else "%d B" % int(b)
mbit, ms = sys.argv[3].split(",")
for path, title in ((sys.argv[1], "loopback"), (sys.argv[2], "loopback paced as %s Mbit/s, %s ms per answer" % (mbit, ms))):
    rows = [l.rstrip("\n").split("\t") for l in open(path)][1:]
    print("== " + title)
    table = [("form", "request", "cold ms", "cold bytes", "cold reqs", "warm ms", "warm bytes", "warm reqs",
              "disk-warm ms", "solve-only ms", "pkgs")]
    for r in rows:
        table.append((r[0], r[1], r[2], mb(r[3]), r[4], r[5], mb(r[6]), r[7], r[8], r[9], r[10]))
    w = [max(len(x[i]) for x in table) for i in range(len(table[0]))]
    for t in table:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(t)))
    print()
    for req in dict.fromkeys(r[1] for r in rows):
        f = {r[0]: r for r in rows if r[1] == req}
        ratio = int(f["json"][2]) / max(1, int(f["sharded"][2]))
        print("target: sharded cold >= 5x faster than JSON cold  [%s]  %s ms vs %s ms = %.1fx: %s" % (
            req, f["sharded"][2], f["json"][2], ratio, "met" if ratio >= 5 else "NOT met"))
        for form, r in f.items():
            over, disk = int(r[5]) - int(r[9]), int(r[8]) - int(r[9])
            print("target: warm < 100 ms + solve  [%s, %s]  warm %s = solve %s + %d ms: %s; disk-warm: solve + %d ms" % (
                req, form, r[5], r[9], over, "met" if over < 100 else "NOT met", disk))
    print()
print("bytes = response bodies sent by the server; solve-only = a second solve on the loaded index")
print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))
PY
