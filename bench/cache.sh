#!/usr/bin/env bash
# The cache on GOROOT/src: a first run into an empty cache directory, then
# a second run on the unchanged tree, one run each, with their ratio (the
# goal of issue 10: at most 0.1) and the two outputs compared byte for byte.
#
#   bench/cache.sh [PATTERN...]     (default: all of GOROOT/src, "$SRC/...")
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

run() {
    local label="$1"
    local start end
    start=$EPOCHREALTIME
    "$BIN" lint --cache-dir "$OUT/cache" --format sarif --output "$OUT/$label.sarif" "${PATTERNS[@]}" 2>/dev/null || true
    end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

first=$(run first)
second=$(run second)
cmp -s "$OUT/first.sarif" "$OUT/second.sarif" && same=identical || same=DIFFERENT
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: ${PATTERNS[*]}"
echo "first run (empty cache):  ${first} s"
echo "second run (unchanged):   ${second} s"
echo "ratio: $(awk -v a="$first" -v b="$second" 'BEGIN { printf "%.3f", b / a }') (goal: <= 0.1); outputs $same"
echo "cache size: $(du -sh "$OUT/cache" | cut -f1)"
