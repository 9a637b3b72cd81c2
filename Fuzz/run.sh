#!/usr/bin/env bash
# Runs the libFuzzer targets for a given time and prints the figures README.md quotes.
#
#   Fuzz/run.sh SECONDS [TARGET...]     (targets: go ir config; default all three)
#
# Builds Fuzz/ with the fuzzer and AddressSanitizer (so leaks and memory
# errors count as failures, not only traps), writes the seed corpora
# (GOROOT/src, samples/, rule examples: see seeds.py), then runs the targets
# side by side, each for SECONDS, at low priority (nice). A crash, a hang
# (an input slower than TIMEOUT seconds), a leak or more than RSS_MB of memory
# stops that target and leaves the input in WORK/artifacts/TARGET/; turn it
# into a regression test (Tests/DriverTests/Integration/FuzzRegressionTests.swift).
# Exit 0 only when every target ran its time without a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:?usage: Fuzz/run.sh SECONDS [go|ir|config ...]}"
shift
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(go ir config)
WORK="${FUZZ_WORK:-.build-fuzz}"
TIMEOUT="${TIMEOUT:-10}"
RSS_MB="${RSS_MB:-2048}"
GOROOT="${GOROOT:-$(go env GOROOT 2>/dev/null || true)}"
[ -d "$GOROOT/src" ] || { echo "Fuzz/run.sh: GOROOT/src not found (set GOROOT)" >&2; exit 2; }

binary() {
    case "$1" in
        go) echo FuzzGoParser ;;
        ir) echo FuzzIRParser ;;
        config) echo FuzzConfigLoader ;;
        *) echo "Fuzz/run.sh: unknown target $1 (go, ir or config)" >&2; exit 2 ;;
    esac
}

# CONFIGURATION=debug builds faster and checks more (overflow, bounds,
# exclusivity), at a fraction of release's inputs per second.
CONFIGURATION="${CONFIGURATION:-release}"
nice -n 19 swift build -c "$CONFIGURATION" --package-path Fuzz --scratch-path "$WORK/build" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
BIN="$(swift build -c "$CONFIGURATION" --package-path Fuzz --scratch-path "$WORK/build" --show-bin-path)"

# `conclint ir` output of the samples seeds the IR target, when a release build exists.
CONCLINT=""
if [ -x "${CONCLINT_BIN:-}" ]; then CONCLINT="$CONCLINT_BIN"; fi
rm -rf "$WORK/seeds"
python3 Fuzz/seeds.py "$PWD" "$(readlink -f "$GOROOT/src")" "$WORK/seeds" $CONCLINT

pids=()
for target in "${TARGETS[@]}"; do
    name="$(binary "$target")"
    mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target"
    # Leak checks run at exit and after each input that grew the heap.
    ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" nice -n 19 "$BIN/$name" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
        -max_len=1048576 -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$target/" \
        "$WORK/corpus/$target" "$WORK/seeds/$target" >"$WORK/$target.log" 2>&1 &
    pids+=($!)
done

status=0
for i in "${!TARGETS[@]}"; do
    wait "${pids[$i]}" || status=1
done

for target in "${TARGETS[@]}"; do
    log="$WORK/$target.log"
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    corpus=$(find "$WORK/corpus/$target" -type f | wc -l)
    rss=$(awk '/stat::peak_rss_mb/ {print $2}' "$log" | tail -1)
    failures=$(find "$WORK/artifacts/$target" -type f | wc -l)
    echo "$target: ${runs:-?} inputs in ${SECONDS_PER_TARGET}s, coverage ${cov:-?} edges / ${ft:-?} features, corpus $corpus, peak RSS ${rss:-?} MB, failures $failures"
done
exit "$status"
