#!/usr/bin/env python3
"""Differential test of the incremental cache: random edits, each followed
by a lint that uses the cache and one that does not; their outputs must be
byte for byte the same.

    scripts/cache-differential.py --bin CONCLINT [--edits N] [--seed S] DIR...
    scripts/cache-differential.py --bin CONCLINT --goroot [--patterns P...] -- GOROOT_COPY

Each DIR is copied to a scratch directory (symlinks such as a vendor/ link
are kept as links) and linted there with `./...`. An edit picks a copy and
one of its .go files (not under vendor/ or testdata/) and, at a random
line, inserts a blank line (every position below it moves), deletes the
line, or duplicates it; lines that take part in concurrency (go, channel
operations, Add/Done/Wait, Lock/Unlock, defer, select) are picked half the
time, so that findings appear and disappear. Edits accumulate. Prints one
line per edit and exits 1 at the first difference, leaving the scratch
directory and both outputs for a look.

With --goroot, the one DIR is a Go installation (a copy with src/ and
VERSION): it is copied, and the standard library is linted in its src/
with GOROOT pointing at the copy, over --patterns (default ./...); edits
go to the files those patterns name.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

CONCURRENT = re.compile(r"\bgo\b|<-|\.(Add|Done|Wait|Lock|Unlock|RLock|RUnlock|Stop)\(|\bdefer\b|\bselect\b|close\(")


def go_files(root):
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in ("vendor", "testdata", ".cache") and not d.startswith(".")]
        found += [os.path.join(directory, f) for f in files if f.endswith(".go")]
    return sorted(found)


def lint(binary, directory, cache, patterns=("./...",), env=None):
    command = [binary, "lint", "--format", "json", "--stats"]
    command += ["--cache-dir", cache] if cache else ["--no-cache"]
    result = subprocess.run(command + list(patterns), cwd=directory, capture_output=True, env=env)
    if result.returncode not in (0, 1):
        sys.exit(f"conclint failed ({result.returncode}) in {directory}: {result.stderr.decode(errors='replace')[-2000:]}")
    reused = {"leak-roots": 0, "lifecycle-components": 0, "maprace-components": 0, "structural-functions": 0,
              "cgo-functions": 0}
    for line in result.stderr.decode(errors="replace").splitlines():
        for unit in reused:
            if line.startswith(f"stats: cache.{unit}-reused "):
                reused[unit] = int(line.split()[-1])
    return result.stdout, reused


def edit(rng, path):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if len(lines) < 3:
        return "skipped (short file)"
    interesting = [i for i, l in enumerate(lines) if CONCURRENT.search(l.decode(errors="replace"))]
    i = rng.choice(interesting) if interesting and rng.random() < 0.5 else rng.randrange(1, len(lines) - 1)
    kind = rng.choice(["insert", "delete", "duplicate"])
    if kind == "insert":
        lines.insert(i, b"")
    elif kind == "delete":
        del lines[i]
    else:
        lines.insert(i, lines[i])
    with open(path, "wb") as f:
        f.write(b"\n".join(lines))
    return f"{kind} line {i + 1}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--goroot", action="store_true", help="DIR is a copy of a Go installation")
    parser.add_argument("--patterns", nargs="+", default=["./..."], help="with --goroot: what to lint in src/")
    parser.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    if args.goroot and len(args.dirs) != 1:
        sys.exit("--goroot takes one directory")
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.bin)
    scratch = tempfile.mkdtemp(prefix="conclint-differential-")
    cache = os.path.join(scratch, ".cache")
    copies = []
    env = None
    patterns = ["./..."]
    for d in args.dirs:
        target = os.path.join(scratch, f"{len(copies)}-{os.path.basename(os.path.abspath(d))}")
        shutil.copytree(d, target, symlinks=True)
        if args.goroot:
            env = dict(os.environ, GOROOT=target)
            target = os.path.join(target, "src")
            patterns = args.patterns
        copies.append(target)
        lint(binary, target, cache, patterns, env)  # fills the cache

    def candidates(copy):
        if not args.goroot:
            return go_files(copy)
        found = []
        for p in patterns:
            base = p[:-len("/...")] if p.endswith("/...") else p
            found += go_files(os.path.join(copy, base))
        return sorted(set(found))

    for n in range(1, args.edits + 1):
        copy = rng.choice(copies)
        files = candidates(copy)
        if not files:
            continue
        path = rng.choice(files)
        what = edit(rng, path)
        cached, reused = lint(binary, copy, cache, patterns, env)
        fresh, _ = lint(binary, copy, None, patterns, env)
        name = os.path.relpath(path, scratch)
        if cached != fresh:
            for label, data in (("cached", cached), ("fresh", fresh)):
                with open(os.path.join(scratch, f"{label}.json"), "wb") as f:
                    f.write(data)
            print(f"edit {n}: {name}: {what}: OUTPUTS DIFFER (scratch kept: {scratch})")
            return 1
        print(f"edit {n}: {name}: {what}: same ({reused['leak-roots']} leak roots, "
              f"{reused['lifecycle-components']} lifecycle and {reused['maprace-components']} map-race components, "
              f"{reused['structural-functions']} structural and {reused['cgo-functions']} cgo functions reused)",
              flush=True)
    shutil.rmtree(scratch)
    print(f"{args.edits} edits, every cached output the same as a fresh one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
