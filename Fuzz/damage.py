#!/usr/bin/env python3
"""Runs conclint on copies of GOROOT packages damaged the ways files are
damaged mid-edit or on disk, and reports every run that crashed, hung, or
left a malformed report.

The libFuzzer targets (run.sh) fuzz each parser on its own; this drives
the whole pipeline (loading, type checking, lowering, every analysis,
escape analysis, the IR printer) on real packages that no longer
compile. Each iteration copies one package, damages one to three of its
files (lines cut, repeated or moved, a file truncated, a token or stray
bytes inserted, two identifiers swapped), and runs `lint`, `escape -l`
and `ir` on the copy. The damage is drawn from a seeded generator, so a
seed and an iteration number reproduce a failure; the damaged copy is
kept under the output directory with the command that failed.

    Fuzz/damage.py --conclint .build/release/conclint --iterations 2000 --seed 1 OUTDIR
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

TOKENS = ["go ", "defer ", "select {", "chan ", "<-", "}", "{", ")", "(", "func() {", "for {", "[", "]", "range ",
          "mu.Lock()", "wg.Add(1)", "make(map[string]int)", "type T[P any] ", "interface{", "struct{", ",", ";",
          "\n", "`", "\"", "'", "/*", "0x", "...", ":=", "case ", "default:", "import \"C\"\n",
          "//go:noinline\n", "goto L\n", "L:\n"]


def goroot_source():
    out = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    return os.path.realpath(os.path.join(out, "src"))


def packages(src, max_files):
    """Directories of GOROOT/src with at most max_files .go files, testdata left out."""
    found = []
    for directory, subdirs, files in os.walk(src):
        subdirs[:] = sorted(d for d in subdirs if d != "testdata")
        count = sum(1 for f in files if f.endswith(".go"))
        if 0 < count <= max_files:
            found.append(os.path.relpath(directory, src))
    return sorted(found)


def damage(data, rng):
    """One edit that breaks a Go file, and what it was."""
    if not data:
        return data, "empty, left as is"
    lines = data.split(b"\n")
    kind = rng.randrange(8)
    if kind == 0:
        i = rng.randrange(len(lines))
        j = min(len(lines), i + rng.randrange(1, 15))
        return b"\n".join(lines[:i] + lines[j:]), f"lines {i + 1}-{j} deleted"
    if kind == 1:
        k = rng.randrange(len(data))
        return data[:k], f"truncated at byte {k}"
    if kind == 2:
        k = rng.randrange(len(data))
        token = rng.choice(TOKENS)
        return data[:k] + token.encode() + data[k:], f"{token!r} inserted at byte {k}"
    if kind == 3:
        k = rng.randrange(len(data))
        n = rng.randrange(1, 8)
        return data[:k] + data[k + n:], f"{n} bytes deleted at byte {k}"
    if kind == 4:
        names = sorted(set(re.findall(rb"\b[A-Za-z_][A-Za-z0-9_]*\b", data)))
        if len(names) < 2:
            return data, "too few identifiers, left as is"
        a, b = rng.sample(names, 2)
        spots = [m.start() for m in re.finditer(rb"\b" + re.escape(a) + rb"\b", data)]
        k = rng.choice(spots)
        return data[:k] + b + data[k + len(a):], f"{a.decode()} -> {b.decode()} at byte {k}"
    if kind == 5:
        i = rng.randrange(len(lines))
        j = min(len(lines), i + rng.randrange(1, 10))
        k = rng.randrange(len(lines))
        return b"\n".join(lines[:k] + lines[i:j] + lines[k:]), f"lines {i + 1}-{j} repeated before line {k + 1}"
    if kind == 6:
        k = rng.randrange(len(data))
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 6)))
        return data[:k] + junk + data[k:], f"bytes {junk!r} inserted at byte {k}"
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randrange(1, 30))
    chunk, rest = lines[i:j], lines[:i] + lines[j:]
    k = rng.randrange(len(rest) + 1)
    return b"\n".join(rest[:k] + chunk + rest[k:]), f"lines {i + 1}-{j} moved to line {k + 1}"


def check(conclint, arguments, directory, timeout, report):
    """The problem with one run, or None: a signal, an exit status other
    than 0-1 (findings) or 2 only for `ir`/`escape` usage, a hang, or a
    report that is not JSON."""
    started = time.monotonic()
    try:
        run = subprocess.run([conclint] + arguments, cwd=directory, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"no result after {timeout} s", ""
    elapsed = time.monotonic() - started
    stderr = run.stderr.decode(errors="replace")
    if run.returncode < 0:
        return f"killed by signal {-run.returncode}", stderr
    if run.returncode not in (0, 1):
        return f"exit status {run.returncode}", stderr
    if report:
        try:
            with open(report) as f:
                json.load(f)
        except (OSError, ValueError) as error:
            return f"report unreadable: {error}", stderr
    return None, f"{elapsed:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conclint", required=True, help="the conclint binary")
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=120, help="seconds one command may take")
    parser.add_argument("--max-files", type=int, default=25, help="skip packages with more .go files")
    parser.add_argument("outdir", help="work directory; damaged copies that failed are kept here")
    options = parser.parse_args()

    conclint = os.path.realpath(options.conclint)
    src = goroot_source()
    candidates = packages(src, options.max_files)
    rng = random.Random(options.seed)
    work = os.path.join(options.outdir, "work")
    failures = 0
    for iteration in range(options.iterations):
        package = rng.choice(candidates)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        names = sorted(f for f in os.listdir(os.path.join(src, package)) if f.endswith(".go"))
        for name in names:
            shutil.copy(os.path.join(src, package, name), work)
        edits = []
        for _ in range(rng.randrange(1, 4)):
            name = rng.choice(names)
            path = os.path.join(work, name)
            with open(path, "rb") as f:
                data, how = damage(f.read(), rng)
            with open(path, "wb") as f:
                f.write(data)
            edits.append(f"{name}: {how}")
        report = os.path.join(work, "report.json")
        for arguments, output in ((["lint", "--no-cache", "--format", "json", "--output", report, "."], report),
                                  (["escape", "-l", "."], None), (["ir", "."], None)):
            problem, detail = check(conclint, arguments, work, options.timeout, output)
            if problem:
                failures += 1
                kept = os.path.join(options.outdir, f"failure-{options.seed}-{iteration}-{arguments[0]}")
                shutil.copytree(work, kept, dirs_exist_ok=True)
                print(f"[{iteration}] conclint {arguments[0]} on {package}: {problem}; {'; '.join(edits)}; kept in {kept}")
                if detail:
                    print("    " + detail.strip().splitlines()[-1][:300] if detail.strip() else "")
        if (iteration + 1) % 100 == 0:
            print(f"{iteration + 1} iterations, {failures} failures", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{options.iterations} iterations (seed {options.seed}), {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
