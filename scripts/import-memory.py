#!/usr/bin/env python3
"""Import of a generated 200 MB nudge export stays within its memory bound.

The export is read as it streams (src/exchange/stream.rs), so the peak memory of `nudge import`
must not grow with the file: this builds nudge (debug unless --binary says release), writes a file of about 200 MB
(people, asks with long notes, follow-ups), imports it into a new database and then again (every
record unchanged), and fails if either run's peak resident memory (from wait4, the kernel's own
count) is over 64 MiB or the import fails. It prints the records per second. CI runs it.

    scripts/import-memory.py [--mb 200] [--bound-mib 64] [--once] [--binary target/release/nudge]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

T = "2026-11-20T09:00:00+00:00"


def write_export(path, megabytes):
    """A nudge export of about `megabytes` MB; returns how many records it holds."""
    people = 500
    note = "Long notes on what was asked and why. " * 100  # about 3.8 KB
    item_bytes = len(note) + 520
    items = megabytes * 1_000_000 // (item_bytes + 250)
    records = 0
    with open(path, "w") as f:
        f.write('{"format":"nudge","version":1,"exported_at":"%s","people":[' % T)
        for p in range(people):
            f.write(("," if p else "") + json.dumps({
                "uuid": str(uuid.UUID(int=p + 1)), "name": "Person %d" % p, "team": None,
                "expertise": ["pricing"], "notes": "", "prefers": None,
                "created_at": T, "updated_at": T}))
        records += people
        f.write('],"items":[')
        for i in range(items):
            f.write(("," if i else "") + json.dumps({
                "uuid": str(uuid.UUID(int=10**7 + i)), "kind": "ask", "title": "quotes %d" % i,
                "status": "open", "person_uuid": str(uuid.UUID(int=i % people + 1)),
                "why": None, "channel": "email", "asked_at": T, "need_by": None,
                "next_check": None, "due": None, "tags": ["launch"], "deadline_uuid": None,
                "piece": None, "notes": note, "decline_reason": None, "last_via": "email",
                "closed_at": None, "created_at": T, "updated_at": T}))
        records += items
        f.write('],"follow_ups":[')
        for i in range(items):
            f.write(("," if i else "") + json.dumps({
                "uuid": str(uuid.UUID(int=10**8 + i)), "item_uuid": str(uuid.UUID(int=10**7 + i)),
                "at": T, "channel": "call", "note": "", "created_at": T, "updated_at": T}))
        records += items
        f.write("]}\n")
    return records


def peak_run(argv, env):
    """Run argv; returns (exit code, peak resident KiB, seconds, stderr)."""
    start = time.monotonic()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives the child's own peak; stderr is small (a progress line at most), read after.
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - start
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss, seconds, err


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--bound-mib", type=int, default=64)
    parser.add_argument("--once", action="store_true",
                        help="only the import into a new database, not the second one")
    # The debug build by default: CI has built it for the tests, and memory does not depend on
    # the optimiser (the release build alone would add minutes to CI).
    parser.add_argument("--binary", default="target/debug/nudge")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if args.binary in ("target/debug/nudge", "target/release/nudge"):
        release = ["--release"] if "release" in args.binary else []
        subprocess.run(["cargo", "build", "--locked", "-q", *release], cwd=root, check=True)
        args.binary = os.path.join(root, args.binary)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "export.json")
        records = write_export(path, args.mb)
        size = os.path.getsize(path) / 1e6
        env = dict(os.environ, NUDGE_NOW="2026-11-28T09:00", TZ="UTC",
                   XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
        db = os.path.join(tmp, "nudge.db")
        runs = ["into a new database"] + ([] if args.once else ["again (all unchanged)"])
        for run in runs:
            code, peak_kib, seconds, err = peak_run(
                [args.binary, "--db", db, "import", path], env)
            mib = peak_kib / 1024
            ok = code == 0 and mib <= args.bound_mib
            failed |= not ok
            print(f"import {size:.0f} MB, {records} records, {run}: exit {code}, peak {mib:.1f} MiB "
                  f"(bound {args.bound_mib}), {seconds:.1f} s, {records / seconds:,.0f} records/s"
                  f"{'' if ok else '  <-- FAILED'}")
            if code != 0:
                print(err, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
