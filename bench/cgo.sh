#!/usr/bin/env bash
# The cost of cgo (issue 11): the whole lint of GOROOT's packages that use
# cgo, built with cgo (CGO_ENABLED=1: their cgo files, preambles read with
# libclang, the cgo rules) against the same packages built without it
# (CGO_ENABLED=0: Go's own pure-Go fallbacks, as `go build` picks them),
# in one hyperfine run, with --no-cache. The goal: at most 2x.
# CONCLINT_BIN=path reuses a built binary. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in go hyperfine; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/cgo.sh: $tool is missing (run scripts/test once as root, or install it)" >&2; exit 2; }
done

GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
RUNS="${RUNS:-5}"
OUT=bench/out
mkdir -p "$OUT"

if [ -z "${CONCLINT_BIN:-}" ]; then
    swift build -c release
    CONCLINT_BIN="$(swift build -c release --show-bin-path)/conclint"
fi

# Every package of GOROOT/src with a file that imports "C" for linux/amd64.
PACKAGES=(./net/... ./os/user/... ./runtime/cgo/... ./plugin/... ./runtime/race/...)

cd "$SRC"
hyperfine --warmup 1 --runs "$RUNS" --ignore-failure --export-json "$OLDPWD/$OUT/cgo.json" \
    -n "with cgo" "CGO_ENABLED=1 $CONCLINT_BIN lint --no-cache --format json --output /dev/null ${PACKAGES[*]}" \
    -n "without cgo" "CGO_ENABLED=0 $CONCLINT_BIN lint --no-cache --format json --output /dev/null ${PACKAGES[*]}"
cd "$OLDPWD"

python3 - "$OUT/cgo.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
w, wo = r["with cgo"]["mean"], r["without cgo"]["mean"]
print(f"with cgo:    {w:.3f} s")
print(f"without cgo: {wo:.3f} s   ratio {w / wo:.2f} (issue 11: <= 2.0)")
PY
