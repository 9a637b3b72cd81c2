#!/usr/bin/env python3
"""Generates the large module of bench/scale.sh: GOROOT/src copied K times.

usage: scale_module.py GOROOT_SRC OUT_DIR K

OUT_DIR/go.mod declares `module scale`; copy k lives in OUT_DIR/stdk/ and
every import of a standard-library path P (no dot in its first element)
becomes `scale/stdk/P`, so that the copies are distinct packages that import
each other exactly as the standard library does. Vendored golang.org/x
packages are imported through their vendor/ directories
(`scale/stdk/vendor/golang.org/x/...`, `scale/stdk/cmd/vendor/...`).
go.mod and go.sum files inside the copies are dropped (one module), and so
is every `testdata` directory's content that is not Go. Prints the number of
files and lines written.
"""
import os
import re
import shutil
import sys

IMPORT_SPEC = re.compile(r'^(\s*(?:[A-Za-z_][A-Za-z0-9_]*\s+|\.\s+|_\s+)?)"([^"]+)"')
SINGLE_IMPORT = re.compile(r'^(import\s+(?:[A-Za-z_][A-Za-z0-9_]*\s+|\.\s+|_\s+)?)"([^"]+)"')


def rename(path, copy, in_cmd):
    if path in ("C", "unsafe"):
        return path
    if path.startswith("golang.org/x/"):
        vendor = "cmd/vendor" if in_cmd else "vendor"
        return f"scale/std{copy}/{vendor}/{path}"
    first = path.split("/", 1)[0]
    if "." in first:
        return path
    return f"scale/std{copy}/{path}"


def rewrite(text, copy, in_cmd):
    """Renames the import paths of one Go file's import declarations."""
    out = []
    in_block = False
    done = False
    for line in text.split("\n"):
        if not done:
            stripped = line.strip()
            if in_block:
                if stripped.startswith(")"):
                    in_block = False
                else:
                    line = IMPORT_SPEC.sub(lambda m: m.group(1) + '"' + rename(m.group(2), copy, in_cmd) + '"', line, count=1)
            elif stripped.startswith("import ("):
                in_block = True
            elif stripped.startswith("import "):
                line = SINGLE_IMPORT.sub(lambda m: m.group(1) + '"' + rename(m.group(2), copy, in_cmd) + '"', line, count=1)
            elif stripped.startswith(("func ", "type ", "var ", "const ")):
                done = True
        out.append(line)
    return "\n".join(out)


def main():
    src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with open(os.path.join(out, "go.mod"), "w") as f:
        f.write("module scale\n\ngo 1.19\n")
    files = lines = 0
    for copy in range(1, copies + 1):
        base = os.path.join(out, f"std{copy}")
        for directory, subdirectories, names in os.walk(src):
            relative = os.path.relpath(directory, src)
            in_cmd = relative == "cmd" or relative.startswith("cmd/")
            target = os.path.join(base, relative)
            os.makedirs(target, exist_ok=True)
            for name in names:
                if not name.endswith(".go"):
                    continue
                path = os.path.join(directory, name)
                if not os.path.isfile(path):
                    continue
                with open(path, encoding="utf-8", errors="surrogateescape") as f:
                    text = f.read()
                with open(os.path.join(target, name), "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(rewrite(text, copy, in_cmd))
                files += 1
                lines += text.count("\n")
    print(f"{out}: {copies} copies, {files} files, {lines} lines")


if __name__ == "__main__":
    main()
