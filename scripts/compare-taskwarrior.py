#!/usr/bin/env python3
"""Time nudge against its floor and Taskwarrior on the same data, as whole processes.

For each size, `nudge demo --scale N` makes a database; the same items are written as Taskwarrior
data (open ones pending, closed ones completed; asks tagged +ask with the person in the
description). Each piece of work is then run by every contender once per round, for --runs
rounds, the order shuffled each round so no contender always goes first or always follows the
same one (a warm cache or a busy neighbour falls on each in turn). The table shows the median with p25–p75 and the ratios.

The floor (`examples/floor.rs`) is the same SQLite work in a minimal program linking the same
rusqlite, with nudge's durability (WAL, synchronous=FULL, checkpoint on close): one insert for a
capture, 50 rows through an index for a first page, that read plus ratatui's empty frame at
200x60 for the dashboard's first frame, and an export's queries with every value written out as
stored for the export. docs/PERFORMANCE.md states every target as a ratio to it.
A second capture row measures nudge against the SQL a capture runs on nudge's own tables
(`floor capture`), which tells the cost of the schema from the cost of nudge's code.

    scripts/compare-taskwarrior.py [--sizes 10000,100000,1000000] [--runs 21] [--nudge PATH]

Above --taskwarrior-up-to (100,000 by default) Taskwarrior is left out. `due --limit 40` is
compared with `task next limit:40`, page for page.

Needs python3 and Taskwarrior (`apt-get install taskwarrior`); builds nudge and the floor in
release mode when they are missing.
"""

import argparse
import atexit
import json
import os
import platform
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

NOW = "2026-11-28T09:00"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(argv, env, stdin=None, stdout=None):
    """(seconds, exit code) of one whole process, started with posix_spawn."""
    null = os.open(os.devnull, os.O_RDWR)
    actions = [
        (os.POSIX_SPAWN_DUP2, stdin if stdin is not None else null, 0),
        (os.POSIX_SPAWN_DUP2, stdout if stdout is not None else null, 1),
        (os.POSIX_SPAWN_DUP2, null, 2),
    ]
    program = shutil.which(argv[0], path=env.get("PATH")) or argv[0]
    start = time.perf_counter()
    pid = os.posix_spawn(program, argv, env, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(null)
    return elapsed, os.waitstatus_to_exitcode(status)


def epoch(text):
    if not text:
        return None
    from datetime import datetime

    return str(int(datetime.fromisoformat(text).timestamp()))


def ff4(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("[", "&open;").replace("]", "&close;")


def taskwarrior_data(export, data_dir):
    """Write nudge's items as Taskwarrior 2.6 data files (FF4 lines, attributes sorted)."""
    people = {p["uuid"]: p["name"] for p in export["people"]}
    pending, completed = [], []
    for item in export["items"]:
        open_ = item["status"] in ("open", "to_send", "sent", "accepted")
        title = item["title"]
        tags = list(item["tags"])
        if item["kind"] == "ask":
            title = f"@{people.get(item['person_uuid'], 'someone')} {title}"
            tags.append("ask")
        attrs = {
            "description": title,
            "entry": epoch(item["created_at"]),
            "modified": epoch(item["updated_at"]),
            "status": "pending" if open_ else ("deleted" if item["status"] == "dropped" else "completed"),
            "uuid": item["uuid"],
        }
        due = item["due"] or item["need_by"]
        if due:
            attrs["due"] = epoch(due)
        if not open_:
            attrs["end"] = epoch(item["closed_at"] or item["updated_at"])
        if tags:
            attrs["tags"] = ",".join(tags)
            for tag in tags:
                attrs[f"tags_{tag}"] = "x"
        line = "[" + " ".join(f'{k}:"{ff4(v)}"' for k, v in sorted(attrs.items()) if v) + "]\n"
        (pending if open_ else completed).append(line)
    os.makedirs(data_dir, exist_ok=True)
    with open(os.path.join(data_dir, "pending.data"), "w") as f:
        f.writelines(pending)
    with open(os.path.join(data_dir, "completed.data"), "w") as f:
        f.writelines(completed)
    return len(pending), len(completed)


def spread(times):
    """(median, p25, p75) in ms."""
    ms = sorted(t * 1000.0 for t in times)
    q = statistics.quantiles(ms, n=4, method="inclusive") if len(ms) > 1 else [ms[0]] * 3
    return statistics.median(ms), q[0], q[2]


def pty_run(argv, env, cols=200, rows=60):
    """(seconds, exit code) of one run in a pseudo-terminal of cols x rows."""
    import fcntl
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def drain():
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    result = run_once(argv, env, stdin=slave, stdout=slave)
    os.close(slave)
    os.close(master)
    return result


def rounds(contenders, env, runs, envs=None):
    """Each contender once per round, in an order shuffled each round: {name: [seconds]}. A
    contender named in `envs` runs with that environment instead of `env`.

    Rotating the order was not enough: it keeps each contender right behind the same one. With
    "before" always behind Taskwarrior (which keeps a core busy for 50-500 ms), an old binary's
    `list` came out 0.4 ms faster than the new one's at 10,000 items, and 0.3 ms slower in a run
    of the two alone. The seed is fixed so runs repeat."""
    envs = envs or {}
    times = {name: [] for name, _, _ in contenders}
    order = random.Random(21)
    for _ in range(runs):
        shuffled = list(contenders)
        order.shuffle(shuffled)
        for name, argv, in_pty in shuffled:
            elapsed, code = (pty_run if in_pty else run_once)(argv, envs.get(name, env))
            if code != 0:
                raise SystemExit(f"{' '.join(argv)} exited {code}")
            times[name].append(elapsed)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--nudge", default=os.path.join(ROOT, "target", "release", "nudge"))
    parser.add_argument("--floor", default=os.path.join(ROOT, "target", "release", "examples", "floor"))
    parser.add_argument("--taskwarrior-up-to", type=int, default=100_000)
    parser.add_argument("--before", help="an earlier nudge binary, run interleaved on its own copy "
                        "of the same demo data, for a before/after column")
    parser.add_argument("--no-export", action="store_true", help="leave out the export row")
    args = parser.parse_args()
    has_tw = shutil.which("task") is not None
    if not has_tw:
        print("Taskwarrior is not installed (apt-get install taskwarrior): nudge and its floor only.\n")
    if not os.path.exists(args.nudge):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.path.exists(args.floor):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "floor"], cwd=ROOT, check=True)
    # Each binary runs from a fresh copy in one folder: the same binary run from the linker's
    # output and from a copy differed by 0.3 ms a run here (4.39 against 4.03 ms, 61 rounds),
    # more than most changes measured, so where a file lies must not differ between contenders.
    binaries = tempfile.mkdtemp(prefix="nudge-bench-")
    atexit.register(shutil.rmtree, binaries, True)
    for name in ["nudge", "floor", "before"]:
        path = getattr(args, name)
        if path:
            copy = os.path.join(binaries, name)
            shutil.copy2(path, copy)
            setattr(args, name, copy)
    task_version = (subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
                    if has_tw else "-")
    nudge_version = subprocess.run([args.nudge, "--version"], capture_output=True, text=True).stdout.strip()
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"{nudge_version} · floor · Taskwarrior {task_version} · {cpu} · {os.cpu_count()} cores · "
          f"{platform.system()} {platform.release()} · {args.runs} interleaved rounds, "
          f"median (p25–p75) in ms\n")
    notes = []
    before_cols = " before | before / floor |" if args.before else ""
    print("| items | work | nudge | floor | nudge / floor |" + before_cols
          + " Taskwarrior | Taskwarrior / nudge |")
    print("|---:|---|---:|---:|---:|" + ("---:|---:|" if args.before else "") + "---:|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "nudge.db")
            env = dict(os.environ, NUDGE_NOW=NOW, TZ="Europe/London", NUDGE_DB=db,
                       XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                       XDG_STATE_HOME=os.path.join(tmp, "state"),
                       TASKDATA=os.path.join(tmp, "task"), TASKRC=os.path.join(tmp, "taskrc"))
            subprocess.run([args.nudge, "demo", "--scale", str(size)], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # The earlier binary makes its own copy (its schema may be older): the demo data is
            # the same for the same clock and size.
            before_env = None
            if args.before:
                before_env = dict(env, NUDGE_DB=os.path.join(tmp, "before.db"),
                                  XDG_STATE_HOME=os.path.join(tmp, "state-before"))
                subprocess.run([args.before, "demo", "--scale", str(size)], env=before_env,
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with_tw = has_tw and size <= args.taskwarrior_up_to
            if with_tw:
                export = json.loads(subprocess.run([args.nudge, "export"], env=env, check=True,
                                                   capture_output=True).stdout)
                pending, completed = taskwarrior_data(export, env["TASKDATA"])
                del export
            with open(env["TASKRC"], "w") as f:
                f.write("confirmation=no\nverbose=nothing\nhooks=off\nrecurrence=off\n")
            page = ["limit:40"]
            work = [
                ("capture one item",
                 [args.nudge, "ask", "@dana", "bench", "quotes", "by", "fri"],
                 [args.floor, "insert", db],
                 ["task", "add", "@dana bench quotes", "due:friday", "+ask"], False),
                # The same capture against the SQL it runs on nudge's own tables: how much of
                # the ratio above is nudge's schema (indexes, triggers, undo journal) and how
                # much its own code.
                ("capture one item, against its own SQL",
                 [args.nudge, "ask", "@dana", "bench", "quotes", "by", "fri"],
                 [args.floor, "capture", db], None, False),
                ("next actions, first page (`due --limit 40` / `task next limit:40`)",
                 [args.nudge, "due", "--limit", "40"], [args.floor, "read", db],
                 ["task", "next"] + page, False),
                ("open asks, first page (`list --limit 40` / `task list limit:40`)",
                 [args.nudge, "list", "--limit", "40"], [args.floor, "read", db],
                 ["task", "+ask", "list"] + page, False),
                ("dashboard: start to first frame (200x60)",
                 [args.nudge], [args.floor, "frame", db], None, True),
            ]
            if not args.no_export:
                work.append(("export everything as JSON", [args.nudge, "export"],
                             [args.floor, "export", db], ["task", "export"], False))
            for label, ours, floor, theirs, in_pty in work:
                run_env = dict(env, NUDGE_FIRST_FRAME="1") if in_pty else env
                contenders = [("nudge", ours, in_pty)]
                envs = {}
                if args.before:
                    contenders.append(("before", [args.before] + ours[1:], in_pty))
                    envs["before"] = (dict(before_env, NUDGE_FIRST_FRAME="1") if in_pty
                                      else before_env)
                if floor:
                    contenders.append(("floor", floor, in_pty))
                if theirs and with_tw:
                    contenders.append(("task", theirs, False))
                times = rounds(contenders, run_env, args.runs, envs)
                n = spread(times["nudge"])
                cells = [f"{n[0]:.2f} ({n[1]:.2f}–{n[2]:.2f})"]
                f = spread(times["floor"]) if "floor" in times else None
                if f:
                    cells += [f"{f[0]:.2f} ({f[1]:.2f}–{f[2]:.2f})", f"{n[0] / f[0]:.2f}×"]
                else:
                    cells += ["", ""]
                if args.before:
                    b = spread(times["before"])
                    cells += [f"{b[0]:.2f} ({b[1]:.2f}–{b[2]:.2f})",
                              f"{b[0] / f[0]:.2f}×" if f else ""]
                if "task" in times:
                    t = spread(times["task"])
                    cells += [f"{t[0]:.2f} ({t[1]:.2f}–{t[2]:.2f})", f"{t[0] / n[0]:.1f}×"]
                else:
                    cells += ["", ""]
                print(f"| {size:,} | {label} | " + " | ".join(cells) + " |", flush=True)
            if with_tw:
                notes.append(f"{size:,} items: {pending:,} open (pending) and {completed:,} closed "
                             f"(completed or deleted), the same in both")
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
