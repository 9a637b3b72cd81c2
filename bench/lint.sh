#!/usr/bin/env bash
# Lint speed: `conclint lint` (every rule), `conclint ir` (types and lowering
# only) and `conclint parse` on GOROOT/src, measured in one hyperfine run,
# with the ratios the issues set as targets, and the lint's peak memory and
# statistics (functions that hit the runtime model's bound). The lint runs
# with --no-cache: hyperfine's warm-up would otherwise fill the cache and
# time cache hits (bench/cache.sh measures the cache). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in go hyperfine; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/lint.sh: $tool is missing (run scripts/test once as root, or install it)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench/lint.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
RUNS="${RUNS:-3}"
OUT=bench/out
mkdir -p "$OUT"

swift build -c release
BIN="$(swift build -c release --show-bin-path)/conclint"

# `ir` with a filter that matches no function types and lowers everything
# and prints nothing. Exit codes are ignored: findings make lint exit 1.
hyperfine --warmup 1 --runs "$RUNS" --ignore-failure --export-json "$OUT/lint.json" \
    -n "parse" "$BIN parse $SRC/..." \
    -n "types+lowering" "$BIN ir --func no-such-function $SRC/..." \
    -n "lint" "$BIN lint --no-cache --format json --output $OUT/lint-goroot.json $SRC/..."

python3 - "$OUT/lint.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
p, l, t = r["parse"]["mean"], r["lint"]["mean"], r["types+lowering"]["mean"]
print(f"parse:          {p:.2f} s")
print(f"types+lowering: {t:.2f} s   ratio to parse {t / p:.2f} (issue 3: lowering adds at most the parse time again, i.e. <= 2.0)")
print(f"lint:           {l:.2f} s   ratio to parse {l / p:.2f} (issues 4: <= 2, 5/7/9: <= 3)")
PY

/usr/bin/time -v "$BIN" lint --no-cache --stats --format json --output "$OUT/lint-goroot.json" "$SRC/..." >/dev/null 2>"$OUT/lint-time.txt" || true
grep '^stats:' "$OUT/lint-time.txt" || true
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$OUT/lint-time.txt")
echo "lint peak RSS: $((rss_kb / 1024)) MiB"
python3 - "$OUT/lint-goroot.json" <<'PY'
import json, sys, collections
doc = json.load(open(sys.argv[1]))
counts = collections.Counter(f["ruleId"] for f in doc.get("findings", []))
print("findings on GOROOT/src by rule:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")
PY
