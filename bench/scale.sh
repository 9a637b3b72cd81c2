#!/usr/bin/env bash
# Scale: lint GOROOT/src, then a generated module holding GOROOT/src copied
# 1..K times under renamed import paths (bench/scale_module.py; K=5 is about
# 10 million lines), printing wall time, the ratio to one copy and to
# GOROOT/src, and peak memory for each. The goal (issue 10): five copies in
# at most 6x the time of GOROOT/src alone. Copy the table, with the machine, into docs/scale.md.
#
#   bench/scale.sh [K]        (default 5; SCALE_DIR=... to generate elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

K="${1:-5}"
for tool in go python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/scale.sh: $tool is missing" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench/scale.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
OUT=bench/out/scale
SCALE_DIR="${SCALE_DIR:-$OUT/module}"
mkdir -p "$OUT"
OUT_ABS="$(cd "$OUT" && pwd)"

# CONCLINT_BIN=path uses that binary instead of building a release one.
if [ -n "${CONCLINT_BIN:-}" ]; then
    BIN="$CONCLINT_BIN"
else
    swift build -c release
    BIN="$(swift build -c release --show-bin-path)/conclint"
fi

python3 bench/scale_module.py "$SRC" "$SCALE_DIR" "$K"

# One measured run: wall seconds and peak RSS (MiB) of `conclint lint` in DIR over PATTERNS.
measure() {
    local label="$1" dir="$2"
    shift 2
    (cd "$dir" && /usr/bin/time -v "$BIN" lint --no-cache --format json --output "$OUT_ABS/$label.json" "$@") \
        >/dev/null 2>"$OUT/$label.time" || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$OUT/$label.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$OUT/$label.time")
    echo "$label $wall $rss"
}

lines_of() {
    local total=0
    for dir in "$@"; do
        total=$((total + $(find "$dir" -name '*.go' -not -path '*/testdata/*' -print0 | xargs -0 cat | wc -l)))
    done
    echo "$total"
}

results="$OUT/results.txt"
: >"$results"
goroot_line=$(measure goroot "$SRC" ./...)
echo "$goroot_line $(lines_of "$SRC")" >>"$results"
for k in $(seq 1 "$K"); do
    patterns=()
    dirs=()
    for i in $(seq 1 "$k"); do
        patterns+=("./std$i/...")
        dirs+=("$SCALE_DIR/std$i")
    done
    line=$(measure "copies-$k" "$SCALE_DIR" "${patterns[@]}")
    echo "$line $(lines_of "${dirs[@]}")" >>"$results"
done

python3 - "$results" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
goroot = float(rows[0][1])
one = float(rows[1][1]) if len(rows) > 1 else goroot
print("| input | lines (no testdata) | wall time | ratio to 1 copy | ratio to GOROOT/src | peak RSS |")
print("|---|---|---|---|---|---|")
for label, wall, rss, lines in rows:
    wall = float(wall)
    name = "GOROOT/src" if label == "goroot" else label.replace("copies-", "") + " cop" + ("y" if label.endswith("-1") else "ies")
    print(f"| {name} | {int(lines):,} | {wall:.1f} s | {wall / one:.2f} | {wall / goroot:.2f} | {int(rss):,} MiB |")
PY
