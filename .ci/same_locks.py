#!/usr/bin/env python3
"""fuzz/Cargo.lock pins every package it shares with Cargo.lock at a version
Cargo.lock has, so the fuzz smoke run (its own workspace, built into the same
target folder) reuses the release build's dependencies instead of
compiling a second set. Prints each package pinned differently and exits 1
when there is one. To bring fuzz/Cargo.lock in step:

    cp Cargo.lock fuzz/Cargo.lock && cargo update --manifest-path fuzz/Cargo.toml --workspace

(`--workspace` updates only the workspace's own entries; the shared ones keep
the versions copied from Cargo.lock.)
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def versions(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        text = f.read()
    found = {}
    for name, version in re.findall(r'^name = "([^"]+)"\nversion = "([^"]+)"', text, re.M):
        found.setdefault(name, set()).add(version)
    return found


main, fuzz = versions("Cargo.lock"), versions("fuzz/Cargo.lock")
differing = sorted(name for name in main.keys() & fuzz.keys() if fuzz[name] - main[name])
for name in differing:
    print(f"{name}: Cargo.lock {sorted(main[name])}, fuzz/Cargo.lock {sorted(fuzz[name])}")
if differing:
    print("fuzz/Cargo.lock differs from Cargo.lock; see .ci/same_locks.py for how to bring it in step")
    sys.exit(1)
