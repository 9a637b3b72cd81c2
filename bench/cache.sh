#!/usr/bin/env bash
# The cache on GOROOT/src: a first run into an empty cache directory, then
# a second run on the unchanged tree, one run each, with their ratio (the
# goal of issue 10: at most 0.1) and the two outputs compared byte for byte.
#
# Then an edit, on a copy of GOROOT (the real one is not touched): a first
# run on the copy fills the cache, one line is added to a function of
# net/http/server.go, and the run after it (the run as a whole misses; the
# analyses reuse what the edit did not reach) is compared, time and bytes,
# with a run without cache; --stats gives the leak roots, lifecycle and
# map-race components and structural and cgo functions reused, and each
# analysis's time in both runs.
#
#   bench/cache.sh [PATTERN...]     (default: all of GOROOT/src, "$SRC/...";
#                                    the edit part runs only by default)
#
# CONCLINT_BIN=path uses that binary instead of building a release one
# (a debug build is far slower, so give it a smaller PATTERN).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null 2>&1 || { echo "bench/cache.sh: go is missing (for GOROOT)" >&2; exit 2; }
GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
OUT=bench/out/cache
rm -rf "$OUT"
mkdir -p "$OUT"

if [ -n "${CONCLINT_BIN:-}" ]; then
    BIN="$CONCLINT_BIN"
else
    swift build -c release
    BIN="$(swift build -c release --show-bin-path)/conclint"
fi
PATTERNS=("$@")
[ "${#PATTERNS[@]}" -gt 0 ] || PATTERNS=("$SRC/...")

# run LABEL [lint options...]: seconds; the SARIF in $OUT/LABEL.sarif, stderr in $OUT/LABEL.err.
run() {
    local label="$1"
    shift
    local start end
    start=$EPOCHREALTIME
    "$BIN" lint "$@" --format sarif --output "$OUT/$label.sarif" "${PATTERNS[@]}" 2>"$OUT/$label.err" || true
    end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

first=$(run first --cache-dir "$OUT/cache")
second=$(run second --cache-dir "$OUT/cache")
cmp -s "$OUT/first.sarif" "$OUT/second.sarif" && same=identical || same=DIFFERENT
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: ${PATTERNS[*]}"
echo "first run (empty cache):  ${first} s"
echo "second run (unchanged):   ${second} s"
echo "ratio: $(awk -v a="$first" -v b="$second" 'BEGIN { printf "%.3f", b / a }') (goal: <= 0.1); outputs $same"
echo "cache size: $(du -sh "$OUT/cache" | cut -f1)"

[ "$#" -eq 0 ] || exit 0
COPY="$(mktemp -d)"
trap 'rm -rf "$COPY"' EXIT
cp -rL "$GOROOT/src" "$GOROOT/VERSION" "$COPY/"
[ -d "$GOROOT/pkg/include" ] && mkdir -p "$COPY/pkg" && cp -rL "$GOROOT/pkg/include" "$COPY/pkg/"
FILE="$COPY/src/net/http/server.go"
LINE=$(grep -n '^func (c \*conn) hijackLocked' "$FILE" | cut -d: -f1 || true)
if [ -z "$LINE" ]; then
    echo "edit: skipped (no hijackLocked in net/http/server.go of this Go)"
    exit 0
fi
export GOROOT="$COPY"
PATTERNS=("$COPY/src/...")
run copy --cache-dir "$OUT/copy-cache" >/dev/null
sed -i "${LINE}a\\	runtime.Gosched()" "$FILE"
edited=$(run edited --cache-dir "$OUT/copy-cache" --stats)
fresh=$(run fresh --no-cache --stats)
cmp -s "$OUT/edited.sarif" "$OUT/fresh.sarif" && same=identical || same=DIFFERENT
count() { awk -v n="stats: $1 " 'index($0, n) == 1 { print $NF }' "$2"; }
echo "edit: one line added to a function of net/http/server.go (line $((LINE + 1)))"
echo "run after the edit (cache): ${edited} s; without cache: ${fresh} s; ratio $(awk -v a="$fresh" -v b="$edited" 'BEGIN { printf "%.3f", b / a }'); outputs $same"
echo "leak roots reused: $(count cache.leak-roots-reused "$OUT/edited.err") of $(count leak.functions-explored "$OUT/edited.err")"
echo "lifecycle components reused: $(count cache.lifecycle-components-reused "$OUT/edited.err") of $(count lifecycle.components "$OUT/edited.err")"
echo "map-race components reused: $(count cache.maprace-components-reused "$OUT/edited.err") of $(count maprace.components "$OUT/edited.err")"
echo "structural functions reused: $(count cache.structural-functions-reused "$OUT/edited.err") of $(( $(count cache.structural-functions-reused "$OUT/edited.err") + $(count structural.functions-walked "$OUT/edited.err") ))"
echo "cgo functions reused: $(count cache.cgo-functions-reused "$OUT/edited.err") of $(( $(count cache.cgo-functions-reused "$OUT/edited.err") + $(count cgo.functions-looked-at "$OUT/edited.err") ))"
for analysis in leak lifecycle maprace structural cgo; do
    echo "analysis $analysis: $(count "time: analysis $analysis (ms)" "$OUT/edited.err") ms after the edit, $(count "time: analysis $analysis (ms)" "$OUT/fresh.err") ms without cache"
done
