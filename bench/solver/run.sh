#!/usr/bin/env bash
# Solver benchmark (issue 2): our solver against rattler 0.3.5 (resolvo, the npm WASM build, simpleSolve) in one
# invocation, on the same channels and specs:
#   conda's index4.json as one channel (5,643 records), channel-2 + channel-4 (9,761), rattler's pytorch channel
#   (real repodata, 2,181 records; without conda-forge only dependency-free packages solve there, so that row
#   measures load + parse), two generated channels of 300,000 records each (same names: "pinned", shaped like
#   conda-forge, every build pinning its dependencies as run_exports do; "windows", random version windows per
#   build, an adversarial case where conda's preferences leave ties that each solver's search order settles),
#   a case on the pinned channel that rattler does not finish, and mamba's sudoku channel.
# rattler: `node rattler-solve.cjs -n N` (one node process, median; each call loads + parses + solves), N = $REPS
# plus twice as many runs as fit in 2 s, so that its median, like ours, falls on warm runs.
# ours: a warm JVM per case (-Xmx512m), median of $REPS after warm-up runs, timing (a) load + parse + solve, the
# like-for-like figure, and (b) solve only on an index loaded once (a server's case). Cases alternate between the
# two sides so both run under the same load of the shared machine. Package sets are compared
# wherever both solve. Also prints our load time and heap after load for the pinned 300k channel.
# Usage: bench/solver/run.sh     (REPS=5, TBUILD=target-solvetests, SUDOKU_LIMIT=60, HARD_LIMIT=60, PEERS=/tmp/peers)
# The spec names come from the generators with seed 42 and GEN_NAMES=3000; other sizes make other names.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/solver"
REPS=${REPS:-5}
TBUILD=${TBUILD:-target-solvetests}
SUDOKU_LIMIT=${SUDOKU_LIMIT:-60}
HARD_LIMIT=${HARD_LIMIT:-60}
PEERS=${PEERS:-/tmp/peers}
TESTDATA=${TESTDATA:-$ROOT/../shared/conda-testdata}
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers}
GEN_NAMES=${GEN_NAMES:-3000}
GEN_BUILDS=${GEN_BUILDS:-100}
mkdir -p "$OUT/ch"
cd "$ROOT"

if [ ! -d "$PEERS/node_modules/@conda-org/rattler" ]; then
    echo "installing @conda-org/rattler@0.3.5 into $PEERS ..." >&2
    mkdir -p "$PEERS" && (cd "$PEERS" && npm install --no-audit --no-fund @conda-org/rattler@0.3.5 >&2)
fi
export NODE_PATH="$PEERS/node_modules"

echo "building the engine and the benchmark (mvn -Dtbuild=$TBUILD) ..." >&2
mvn -q -o -Dtbuild="$TBUILD" -pl conda test-compile >&2 2>&1 || mvn -q -Dtbuild="$TBUILD" -pl conda test-compile >&2
[ -s "$OUT/classpath.txt" ] || mvn -q -o -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2 2>/dev/null \
  || mvn -q -Dtbuild="$TBUILD" -pl conda dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2
CP="conda/$TBUILD/classes:conda/$TBUILD/test-classes:$(cat "$OUT/classpath.txt")"
JAVA=(java -Xmx512m -Dterrarium.testdata="$TESTDATA" -cp "$CP" io.terrarium.conda.bench.SolverBench)

echo "preparing channels in $OUT/ch ..." >&2
[ -f "$OUT/ch/index4/linux-64/repodata.json" ] || "${JAVA[@]}" conda-channel index4.json index4 "$OUT/ch" >/dev/null
[ -f "$OUT/ch/channel-2/linux-64/repodata.json" ] || "${JAVA[@]}" conda-channel index2.json channel-2 "$OUT/ch" >/dev/null
[ -f "$OUT/ch/channel-4/linux-64/repodata.json" ] || "${JAVA[@]}" conda-channel index4.json channel-4 "$OUT/ch" >/dev/null
empty() { mkdir -p "$1" && echo "{\"info\":{\"subdir\":\"$2\"},\"packages\":{},\"packages.conda\":{}}" > "$1/repodata.json"; }
if [ ! -f "$OUT/ch/pytorch/linux-64/repodata.json" ]; then
    mkdir -p "$OUT/ch/pytorch/linux-64"
    cp "$TESTDATA/rattler/test-data/channels/pytorch/linux-64/repodata.json" "$OUT/ch/pytorch/linux-64/"
    empty "$OUT/ch/pytorch/noarch" noarch
fi
if [ ! -f "$OUT/ch/sudoku/noarch/repodata.json" ]; then
    mkdir -p "$OUT/ch/sudoku/noarch"
    cp "$TESTDATA/mamba/libmamba/tests/data/repodata/sudoku.json" "$OUT/ch/sudoku/noarch/repodata.json"
    empty "$OUT/ch/sudoku/linux-64" linux-64
fi
# two generated channels of GEN_NAMES x GEN_BUILDS records (same names, same seed): "pinned" builds pin their
# dependencies like conda-forge's run_exports; "windows" gives each build random version windows (adversarial)
for kind in pinned windows; do
    if [ ! -f "$OUT/ch/gen-$kind/gen.txt" ]; then
        echo "generating $GEN_NAMES x $GEN_BUILDS records ($kind) ..." >&2
        rm -rf "$OUT/ch/gen-$kind"
        verb=generate; [ "$kind" = pinned ] && verb=generate-pinned
        "${JAVA[@]}" "$verb" "$OUT/ch/gen-$kind" "$GEN_NAMES" "$GEN_BUILDS" 42 > "$OUT/ch/gen-$kind.txt"
        mv "$OUT/ch/gen-$kind.txt" "$OUT/ch/gen-$kind/gen.txt"
    fi
done
IFS=, read -r -a LAST <<< "$(sed -n 's/.*last_names=//p' "$OUT/ch/gen-pinned/gen.txt")"
C="$OUT/ch"

# label|channels|specs (;-separated)|time limit in seconds
cat > "$OUT/cases.txt" <<CASES
index4: numpy|$C/index4|numpy|120
index4: python=3.6 numpy pandas scipy matplotlib|$C/index4|python=3.6;numpy;pandas;scipy;matplotlib|120
index4: jupyter dask sqlalchemy|$C/index4|jupyter;dask;sqlalchemy|120
ch2+ch4: conda conda-build|$C/channel-2,$C/channel-4|conda;conda-build|120
pytorch: magma-cuda92 magma-cuda100 nccl2|$C/pytorch|magma-cuda92;magma-cuda100;nccl2|120
pinned300k: ${LAST[4]}|$C/gen-pinned|${LAST[4]}|120
pinned300k: ${LAST[1]} ${LAST[2]} ${LAST[3]}|$C/gen-pinned|${LAST[1]};${LAST[2]};${LAST[3]}|120
pinned300k: python=3.11 ${LAST[0]}|$C/gen-pinned|python=3.11;${LAST[0]}|120
pinned300k: libkiwi-toolsw5 py-kiwiqw|$C/gen-pinned|libkiwi-toolsw5;py-kiwiqw|120
pinned300k (hard): py-pyyaml-devel9n zstd-base1cs perl-requests-base1jg py-idna1j5|$C/gen-pinned|py-pyyaml-devel9n;zstd-base1cs;perl-requests-base1jg;py-idna1j5|$HARD_LIMIT
windows300k: ${LAST[4]}|$C/gen-windows|${LAST[4]}|120
windows300k: ${LAST[1]} ${LAST[2]} ${LAST[3]}|$C/gen-windows|${LAST[1]};${LAST[2]};${LAST[3]}|120
windows300k: python=3.11 ${LAST[0]}|$C/gen-windows|python=3.11;${LAST[0]}|120
sudoku: sudoku_0_0|$C/sudoku|sudoku_0_0|$SUDOKU_LIMIT
CASES

# one case at a time, ours then rattler's, so both sides run under the same machine load (the machine is shared)
echo "timing each case: ours (a JVM per case, -Xmx512m, $REPS runs after warm-up), then rattler (-n $REPS, more for quick cases: see below) ..." >&2
: > "$OUT/ours.tsv"
: > "$OUT/rattler.jsonl"
while IFS='|' read -r label chans specs limit; do
    [ -z "$label" ] && continue
    echo "  $label" >&2
    printf '%s|%s|%s|%s\n' "$label" "$chans" "$specs" "$limit" > "$OUT/case.txt"
    "${JAVA[@]}" run "$OUT/case.txt" "$REPS" >> "$OUT/ours.tsv" < /dev/null
    args=()
    IFS=, read -r -a cs <<< "$chans"; for c in "${cs[@]}"; do args+=(-c "$c"); done
    IFS=';' read -r -a ss <<< "$specs"
    n=$REPS; budget=$(( limit * (REPS + 1) ))
    # a case rattler is known not to finish runs once, within its limit: repeating a timeout says nothing new
    case "$label" in sudoku*|*"(hard)"*) n=1; budget=$limit;; esac
    if [ "$n" -gt 1 ]; then
        # rattler gets the same warm-up as ours (about 2 s of runs): a quick case runs more often, so the median of
        # its runs falls on warm ones (the runner has no separate warm-up)
        probe=$(timeout 5 node "$PEER_DIR/rattler-solve.cjs" "${args[@]}" -n 1 --json "${ss[@]}" 2>/dev/null < /dev/null \
            | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["median_ms"]))' 2>/dev/null || echo 99999)
        probe=${probe%%$'\n'*} # node killed by the timeout after printing: its figure, not the fallback too
        if [ "$probe" -lt 1000 ]; then
            n=$(( REPS + 2 * (2000 / (probe + 1)) )); [ "$n" -gt 99 ] && n=99
        fi
    fi
    start=$(date +%s%N)
    if line=$(timeout --kill-after=5 "$budget" node "$PEER_DIR/rattler-solve.cjs" "${args[@]}" -n "$n" --json "${ss[@]}" \
            2>"$OUT/rattler.err" < /dev/null); then :; else
        rc=$?
        if [ "$rc" -ge 124 ]; then
            line="{\"timeout\": true, \"elapsed_ms\": $(( ($(date +%s%N) - start) / 1000000 ))}"
        elif [ -z "$line" ]; then
            line="{\"error\": $(tail -c 300 "$OUT/rattler.err" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')}"
        fi
    fi
    printf '%s\t%s\n' "$label" "$line" >> "$OUT/rattler.jsonl"
done < "$OUT/cases.txt"

echo "loading the generated channel alone (load time, heap after load) ..." >&2
LOAD=$("${JAVA[@]}" load "$C/gen-pinned" 3)

python3 - "$OUT/ours.tsv" "$OUT/rattler.jsonl" "$LOAD" <<'PY'
import json, os, sys
def vkey(v):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in v.replace("_", ".").split(".")]
ours = {}
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    ours[f[0]] = f
rows = []
for line in open(sys.argv[2]):
    label, js = line.rstrip("\n").split("\t", 1)
    r = json.loads(js)
    o = ours.get(label, [label, "missing", "-", "-", ""])
    if r.get("timeout"):
        rt, rset, rstat = "timeout>%.0fs" % (r["elapsed_ms"] / 1000), None, "timeout"
    elif r.get("result") is not None:
        rt, rstat = "%.1f" % r["median_ms"], "ok"
        rset = sorted("%s-%s-%s" % (p["name"], p["version"], p["build"]) for p in r["result"])
    else:
        rt = "unsat in %.0f" % r["median_ms"] if r.get("median_ms") is not None else "unsat/err"
        rset, rstat = None, "unsat"
    status = o[1]
    if status == "ok":
        oset = sorted(o[4].split())
        same = ("yes" if rset == oset else "NO") if rset is not None else "-"
        ratio = "%.2f" % (float(o[2]) / r["median_ms"]) if rstat == "ok" else "-"
        rows.append((label, rt, o[2], o[3], ratio, same, "%d pkgs" % len(oset)))
    else:
        rows.append((label, rt, "%s after %s ms" % (status, o[3]), "-", "-", "-", o[4][:70]))
    if rset is not None and status == "ok" and rset != oset:
        rv, ov = ({d.rsplit("-", 2)[0]: d.rsplit("-", 2)[1] for d in s} for s in (rset, oset))
        differ = sorted(n for n in set(rv) | set(ov) if rv.get(n) != ov.get(n))
        newer = [vkey(ov[n]) > vkey(rv[n]) for n in differ if n in rv and n in ov and vkey(ov[n]) != vkey(rv[n])]
        print("# %s: %d of %d packages differ; version newer in ours: %d, in rattler's: %d" % (
            label, len(differ), len(oset), sum(newer), len(newer) - sum(newer)))
        print("#   only rattler: %s | only ours: %s" % (sorted(set(rset) - set(oset)), sorted(set(oset) - set(rset))))
    if rstat == "unsat" and r.get("error"):
        print("# %s: rattler said: %s" % (label, str(r["error"])[:200].replace("\n", " ")))
hdr = ("spec", "rattler ms", "ours load+solve ms", "ours solve-only ms", "ratio", "same set", "")
w = [max(len(str(x[i])) for x in rows + [hdr]) for i in range(len(hdr))]
for row in [hdr] + rows:
    print("  ".join(str(c).ljust(w[i]) for i, c in enumerate(row)))
print()
print("ours, generated channel alone: " + sys.argv[3])
print("ratio = ours load+solve / rattler (<= 1 means ours is as fast or faster); medians of warm repeats")
print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))
PY
