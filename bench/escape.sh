#!/usr/bin/env bash
# Escape analysis against the Go compiler (issue 8), in one run:
#   1. agreement with `go build -a -gcflags='-m -l'` (and with `-m`, the
#      inlining mode) over 55 standard-library packages: precision, recall
#      and F1 of heap decisions matched by file, line, column and kind;
#   2. the compiler's own `// errorcheck -0 -m -l` tests of GOROOT/test:
#      ERROR annotations satisfied, and decisions no annotation expects;
#   3. speed: `conclint escape` over GOROOT/src against `conclint parse` of
#      the same tree, and against `go build -a -gcflags=-m` of the packages.
# Usage: bench/escape.sh [--skip-build]. Output in bench/out/escape-*.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "bench/escape.sh: needs Go 1.19 (apt-get install golang-go)" >&2; exit 2; }
GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
OUT=bench/out
mkdir -p "$OUT"

if [ "${1:-}" != "--skip-build" ]; then swift build -c release >&2; fi
BIN="${CONCLINT:-$(swift build -c release --show-bin-path)/conclint}"

PACKAGES="archive/tar archive/zip bufio bytes compress/flate compress/gzip container/heap container/list container/ring
context crypto/md5 crypto/sha256 encoding/base64 encoding/binary encoding/csv encoding/gob encoding/hex encoding/json
encoding/pem encoding/xml errors flag fmt go/ast go/format go/parser go/printer go/scanner go/token hash/adler32
hash/crc32 hash/fnv html html/template image image/color image/png index/suffixarray io io/fs log math/big math/bits
math/rand mime mime/quotedprintable net/mail net/textproto net/url os path path/filepath regexp regexp/syntax sort
strconv strings sync sync/atomic text/scanner text/tabwriter text/template/parse time unicode/utf16 unicode/utf8"
DIRS=""
for p in $PACKAGES; do DIRS="$DIRS $SRC/$p"; done
COUNT=$(echo $PACKAGES | wc -w)

# 1. Agreement, both modes.
TMP_CACHE="$(mktemp -d)"
trap 'rm -rf "$TMP_CACHE"' EXIT
for mode in l inline; do
    flags='-m -l'; mine='-l'
    if [ $mode = inline ]; then flags='-m'; mine=''; fi
    GOCACHE="$TMP_CACHE" GOFLAGS= go build -a -gcflags="$flags" $PACKAGES 2> "$OUT/escape-go-$mode.txt" || true
    "$BIN" escape $mine $DIRS > "$OUT/escape-conclint-$mode.txt" 2> "$OUT/escape-conclint-$mode.err" || true
    echo "== agreement, mode -$mode, $COUNT packages"
    python3 bench/escape_compare.py agreement "$SRC" "$OUT/escape-go-$mode.txt" "$OUT/escape-conclint-$mode.txt"
done

# 2. The compiler's errorcheck tests.
echo "== GOROOT/test errorcheck files (-0 -m -l)"
python3 bench/escape_compare.py errorcheck "$BIN" "$GOROOT/test"

# 3. Speed.
echo "== speed"
t0=$(date +%s.%N); "$BIN" parse "$SRC/..." > /dev/null 2>&1 || true; t1=$(date +%s.%N)
"$BIN" escape -l "$SRC/..." > "$OUT/escape-goroot.txt" 2> "$OUT/escape-goroot.err" || true; t2=$(date +%s.%N)
GOCACHE="$TMP_CACHE" go build -a -gcflags=-m $PACKAGES 2> /dev/null || true; t3=$(date +%s.%N)
"$BIN" escape $DIRS > /dev/null 2>&1 || true; t4=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import sys
t0, t1, t2, t3, t4 = map(float, sys.argv[1:])
parse, escape, gobuild, mine = t1 - t0, t2 - t1, t3 - t2, t4 - t3
print(f"GOROOT/src: parse {parse:.2f}s, escape -l {escape:.2f}s, ratio {escape / parse:.2f}")
print(f"packages: go build -a -gcflags=-m {gobuild:.2f}s, conclint escape {mine:.2f}s, ratio {mine / gobuild:.2f}")
PY
