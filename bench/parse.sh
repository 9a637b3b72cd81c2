#!/usr/bin/env bash
# Parser speed: `conclint parse` against `gofmt -l` on GOROOT/src, measured in
# the same hyperfine run, with the ratio of mean wall times and conclint's
# peak memory. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

install_if_missing() { # command package
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"
        else
            echo "bench/parse.sh: $1 is missing (install the $2 package)" >&2
            exit 2
        fi
    fi
}
install_if_missing go golang-go
install_if_missing hyperfine hyperfine
install_if_missing /usr/bin/time time

GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
RUNS="${RUNS:-5}"
OUT=bench/out
mkdir -p "$OUT"

swift build -c release
BIN="$(swift build -c release --show-bin-path)/conclint"

echo "== corpus: $SRC"
echo "conclint parses (build constraints for linux/amd64, vendor/ and testdata/ skipped):"
"$BIN" parse --stats "$SRC/..." 2>/dev/null | tail -n 6 | tee "$OUT/stats.txt" | sed 's/^/  /' || true
conclint_bytes=$(awk -F': ' '/^bytes:/ {print $2}' "$OUT/stats.txt")
gofmt_bytes=$(find "$SRC" -name '*.go' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "gofmt -l reads every .go file: $(find "$SRC" -name '*.go' | wc -l) files, $gofmt_bytes bytes"

# Both tools exit non-zero on syntax errors (GOROOT/src/**/testdata holds
# some on purpose), so failures are ignored: only time is measured.
hyperfine --warmup 1 --runs "$RUNS" --ignore-failure --export-json "$OUT/parse.json" \
    -n "conclint parse" "$BIN parse $SRC/..." \
    -n "gofmt -l" "gofmt -l $SRC"

python3 - "$OUT/parse.json" "$conclint_bytes" "$gofmt_bytes" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
c, g = results["conclint parse"], results["gofmt -l"]
cb, gb = int(sys.argv[2]), int(sys.argv[3])
print(f"conclint parse: {c['mean']:.3f} s ± {c['stddev']:.3f}  ({cb / c['mean'] / 1e6:.1f} MB/s)")
print(f"gofmt -l:       {g['mean']:.3f} s ± {g['stddev']:.3f}  ({gb / g['mean'] / 1e6:.1f} MB/s)")
print(f"ratio of wall times conclint/gofmt: {c['mean'] / g['mean']:.2f} (target: at most 0.50)")
print(f"ratio of throughputs gofmt/conclint: {(gb / g['mean']) / (cb / c['mean']):.2f} (same-work view)")
PY

/usr/bin/time -v "$BIN" parse "$SRC/..." >/dev/null 2>"$OUT/time.txt" || true
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$OUT/time.txt")
echo "conclint peak RSS: $((rss_kb / 1024)) MiB (target: under 1024 MiB)"
