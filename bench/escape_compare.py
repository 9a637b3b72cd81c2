#!/usr/bin/env python3
"""Compares conclint's escape decisions with the Go compiler's (bench/escape.sh).

agreement SRC GO_OUTPUT CONCLINT_OUTPUT
    Heap decisions ("moved to heap", "escapes to heap", "leaking param"
    variants) as multisets of (file, line, column, kind); precision, recall
    and F1 overall and per kind, and the most frequent misses.
errorcheck CONCLINT GOROOT_TEST
    Runs conclint on each `// errorcheck -0 -m -l` file of GOROOT/test and
    counts the ERROR regexps it satisfies and the lines it prints that no
    regexp on their line expects.
"""
import collections
import os
import re
import subprocess
import sys

LINE = re.compile(r"^(.*?\.go):(\d+):(\d+): (.*)$")


def kind(message):
    if message.startswith("moved to heap: "):
        return "moved"
    if message.endswith(" escapes to heap"):
        return "escapes"
    if message.startswith("leaking param content: "):
        return "content"
    if message.startswith("leaking param: ") and " to result " in message:
        return "result"
    if message.startswith("leaking param: "):
        return "param"
    return None


def decisions(path, src):
    found = collections.Counter()
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            # Symlinks resolved: the compiler names files under GOROOT as
            # given (a distribution's GOROOT/src is often a link), conclint
            # under the directory it read.
            file = os.path.realpath(m.group(1))
            if file.startswith(src + "/"):
                file = file[len(src) + 1:]
            k = kind(m.group(4))
            if k:
                found[(file, int(m.group(2)), int(m.group(3)), k)] += 1
    return found


def score(expected, actual):
    tp = sum((expected & actual).values())
    p = tp / max(1, sum(actual.values()))
    r = tp / max(1, sum(expected.values()))
    f = 2 * p * r / max(1e-9, p + r)
    return tp, p, r, f


def agreement(src, go_path, mine_path):
    src = os.path.realpath(src)
    expected = decisions(go_path, src)
    actual = decisions(mine_path, src)
    tp, p, r, f = score(expected, actual)
    print(f"compiler {sum(expected.values())}, conclint {sum(actual.values())}, matched {tp}: "
          f"precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    for k in ["moved", "escapes", "param", "content", "result"]:
        e = collections.Counter({x: n for x, n in expected.items() if x[3] == k})
        a = collections.Counter({x: n for x, n in actual.items() if x[3] == k})
        tp, p, r, f = score(e, a)
        print(f"  {k:8} compiler {sum(e.values()):5} conclint {sum(a.values()):5}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
    missed = expected - actual
    extra = actual - expected
    by_file = collections.Counter()
    for x, n in missed.items():
        by_file[x[0]] += n
    print("  most missed files:", ", ".join(f"{k} {n}" for k, n in by_file.most_common(5)))
    extra_files = collections.Counter()
    for x, n in extra.items():
        extra_files[x[0]] += n
    print("  most extra files:", ", ".join(f"{k} {n}" for k, n in extra_files.most_common(5)))


ERROR = re.compile(r'// (?:GC_)?ERROR (.*)$')
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`')


def go_regexp(pattern):
    # Go's RE2 syntax is close to Python's for these tests.
    return re.compile(pattern.replace("\\.", "\\."))


def errorcheck(binary, test_dir):
    files = []
    for name in sorted(os.listdir(test_dir)):
        path = os.path.join(test_dir, name)
        if not name.endswith(".go") or not os.path.isfile(path):
            continue
        with open(path, errors="replace") as f:
            first = f.readline()
        if first.startswith("// errorcheck") and "-m" in first.split() and "-l" in first.split() and "-0" in first.split():
            if "-m=2" in first or "-d=" in first and "ssa" in first:
                continue
            files.append(path)
    expected_total = satisfied = printed_total = unexpected = 0
    for path in files:
        with open(path, errors="replace") as f:
            lines = f.read().split("\n")
        wants = {}
        for i, text in enumerate(lines, 1):
            m = ERROR.search(text)
            if not m:
                continue
            patterns = []
            for q in QUOTED.finditer(m.group(1)):
                raw = q.group(1) if q.group(1) is not None else q.group(2)
                if q.group(1) is not None:
                    raw = raw.replace('\\"', '"').replace("\\\\", "\\")
                try:
                    patterns.append(re.compile(raw))
                except re.error:
                    pass
            wants[i] = patterns
        out = subprocess.run([binary, "escape", "-l", path], capture_output=True, text=True, timeout=120).stdout
        got = collections.defaultdict(list)
        for line in out.splitlines():
            m = LINE.match(line)
            if m:
                got[int(m.group(2))].append(m.group(4))
        for line, patterns in wants.items():
            for p in patterns:
                expected_total += 1
                if any(p.search(msg) for msg in got.get(line, [])):
                    satisfied += 1
        for line, messages in got.items():
            for msg in messages:
                printed_total += 1
                if not any(p.search(msg) for p in wants.get(line, [])):
                    unexpected += 1
    print(f"{len(files)} files: {satisfied}/{expected_total} ERROR regexps satisfied "
          f"({satisfied / max(1, expected_total):.1%}); {unexpected} of {printed_total} printed lines unexpected")


if __name__ == "__main__":
    if sys.argv[1] == "agreement":
        agreement(*sys.argv[2:5])
    else:
        errorcheck(*sys.argv[2:4])
