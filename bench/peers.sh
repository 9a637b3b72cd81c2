#!/usr/bin/env bash
# conclint against its peers on GOROOT/src: go vet's lostcancel and copylocks,
# and staticcheck's SA1015 (time.Tick leaks), SA2000 (wg.Add in the
# goroutine), SA2001 (empty critical section), SA2003 (deferred Lock). Every
# peer finding is matched to a conclint finding of the corresponding rules in
# the same file within two lines; the unmatched ones are listed, so that
# docs/triage/goroot.md can explain each. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in go go-staticcheck python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/peers.sh: $tool is missing (apt-get install golang-go go-staticcheck python3)" >&2; exit 2; }
done

GOROOT="${GOROOT:-$(go env GOROOT)}"
SRC="$(readlink -f "$GOROOT/src")"
OUT=bench/out
mkdir -p "$OUT"

swift build -c release
BIN="$(swift build -c release --show-bin-path)/conclint"

# Exit codes are ignored: every tool exits non-zero when it finds something.
(cd "$SRC" && go vet -lostcancel -copylocks std) >"$OUT/peers-vet.txt" 2>&1 || true
(cd "$SRC" && go-staticcheck -checks SA1015,SA2000,SA2001,SA2003 std) >"$OUT/peers-staticcheck.txt" 2>&1 || true
"$BIN" lint --format json --output "$OUT/peers-conclint.json" "$SRC/..." >/dev/null 2>&1 || true

python3 - "$SRC" "$OUT" <<'PY'
import json, os, re, sys

src, out = sys.argv[1], sys.argv[2]
# Which conclint rules answer each peer check.
corresponding = {
    "lostcancel": {"CX1001", "CX1002", "CX1050"},
    "copylocks": {"MU1005", "SY1008", "WG1054"},
    "SA1015": {"TM1002"},
    "SA2000": {"WG1050"},
    "SA2001": {"MU1004"},
    "SA2003": {"MU1003"},
}
line = re.compile(r"^(?P<file>[^:\s]+\.go):(?P<line>\d+):(?P<col>\d+): (?P<msg>.*)$")

def classify_vet(msg):
    if "cancel" in msg:
        return "lostcancel"
    if "lock" in msg.lower() or "copies" in msg or "passes" in msg:
        return "copylocks"
    return None

def peer_findings():
    for name in ("peers-vet.txt", "peers-staticcheck.txt"):
        for text in open(os.path.join(out, name), encoding="utf-8", errors="replace"):
            m = line.match(text.strip())
            if not m:
                continue
            path = os.path.normpath(os.path.join(src, m["file"]))
            check = None
            tag = re.search(r"\((SA\d{4})\)$", m["msg"])
            if tag:
                check = tag.group(1)
            elif name == "peers-vet.txt":
                check = classify_vet(m["msg"])
            if check in corresponding:
                yield check, path, int(m["line"]), m["msg"]

conclint = {}
doc = json.load(open(os.path.join(out, "peers-conclint.json")))
for f in doc["findings"]:
    path = os.path.normpath(os.path.join(doc["root"], f["location"]["file"]))
    conclint.setdefault((path, f["location"]["line"]), set()).add(f["ruleId"])

matched, missed = 0, []
seen = set()
for check, path, line_no, msg in peer_findings():
    if (check, path, line_no) in seen:
        continue
    seen.add((check, path, line_no))
    # The same defect may be anchored on a neighbouring line: staticcheck
    # puts an empty critical section at the Unlock, conclint at the Lock.
    rules = set().union(*(conclint.get((path, n), set()) for n in range(line_no - 2, line_no + 3)))
    if rules & corresponding[check]:
        matched += 1
    else:
        missed.append((check, os.path.relpath(path, src), line_no, msg))

print(f"peer findings in these categories: {matched + len(missed)}; conclint reports {matched} of them")
for check, rel, line_no, msg in sorted(missed):
    print(f"  not reported: {check} {rel}:{line_no}: {msg}")
PY
