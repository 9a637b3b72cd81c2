#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Fuzz/run.sh calls this).

usage: seeds.py REPO GOROOT_SRC OUT_DIR [CONCLINT]

- go:     every .go file of GOROOT/src (testdata included: it holds the
          compiler's syntax-error cases) and of samples/;
- ir:     the `lang: cir` examples of rules/*.yaml (markers removed) and,
          when a conclint binary is given, `conclint ir` of each sample package;
- config: every .conclint.yml in the repository plus a few hand-made ones.
"""
import hashlib
import os
import pathlib
import subprocess
import sys

import yaml


def write(directory, data):
    """Stores one seed under its content hash (duplicates collapse)."""
    if isinstance(data, str):
        data = data.encode()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def go_seeds(repo, goroot_src, out):
    count = 0
    for base in (goroot_src, repo / "samples"):
        for path in base.rglob("*.go"):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if len(data) <= 1 << 20:
                write(out, data)
                count += 1
    return count


def rule_examples(repo):
    """Every example of every rule file, with its language."""
    for path in sorted((repo / "rules").rglob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text())
        except (OSError, yaml.YAMLError):
            continue
        examples = (doc or {}).get("examples") or {}
        for kind in ("bad", "good"):
            for example in examples.get(kind) or []:
                if isinstance(example, dict):
                    yield example.get("lang", "go"), str(example.get("code", ""))
                else:
                    yield "go", str(example)


def ir_seeds(repo, out, conclint):
    count = 0
    for lang, code in rule_examples(repo):
        if lang == "cir":
            write(out, code.replace("\u2193", ""))
            count += 1
    if conclint:
        for go_mod in sorted((repo / "samples").rglob("go.mod")):
            for directory in sorted({p.parent for p in go_mod.parent.rglob("*.go")}):
                run = subprocess.run([conclint, "ir", str(directory)], capture_output=True)
                if run.stdout.strip():
                    write(out, run.stdout)
                    count += 1
    return count


HAND_MADE_CONFIGS = [
    "rules:\n  disable: [TM1003, escape]\n  enable: [TM1001, all]\nlevels:\n  TM1001: error\n  mutex: note\n"
    "exclude:\n  - vendor\n  - \"**/*_test.go\"\nfail-on: error\ngo: 1.22\n",
    "report-unused-ignores: true\nrequire-ignore-reason: false\nrules-dirs: [tools/rules]\n",
    "escape:\n  noalloc:\n    functions: [example.com/m/codec.Encode]\n    paths: [internal/hot/**]\n",
    "{}\n",
    "levels: {channel: error, waitgroup: warning, timer: note}\n",
]


def config_seeds(repo, out):
    count = 0
    for path in repo.rglob(".conclint.yml"):
        if ".build" not in path.parts[-3:]:
            write(out, path.read_bytes())
            count += 1
    for text in HAND_MADE_CONFIGS:
        write(out, text)
        count += 1
    return count


def main():
    repo, goroot_src, out = (pathlib.Path(a) for a in sys.argv[1:4])
    conclint = sys.argv[4] if len(sys.argv) > 4 else None
    counts = {
        "go": go_seeds(repo, goroot_src, out / "go"),
        "ir": ir_seeds(repo, out / "ir", conclint),
        "config": config_seeds(repo, out / "config"),
    }
    for name, count in counts.items():
        print(f"seeds {name}: {count} inputs, {len(os.listdir(out / name))} distinct")


if __name__ == "__main__":
    main()
