#!/usr/bin/env python3
"""Time nudge against Taskwarrior on the same data, as whole processes.

For each size, `nudge demo --scale N` makes a database; the same items are written as Taskwarrior
data (open ones pending, closed ones completed; asks tagged +ask with the person in the
description). Then each piece of work runs RUNS times in each tool and the table shows the
median time, the peak memory and the ratio (Taskwarrior / nudge).

    scripts/compare-taskwarrior.py [--sizes 10000,100000,1000000] [--runs 20] [--nudge PATH]

Above --taskwarrior-up-to (100,000 by default) only nudge is measured. The rows marked "first
page" are DESIGN.md's targets (a screenful, as a terminal shows it).

Needs python3 and Taskwarrior (`apt-get install taskwarrior`); builds nudge in release mode when
the binary is missing. docs/PERFORMANCE.md holds the latest table.
"""

import argparse
import json
import os
import platform
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


def peak_memory(argv, env, stdin=None, stdout=None):
    """Peak resident memory in MB, from GNU time (a child of this Python would report this
    Python's own memory: Linux carries the peak across exec)."""
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    with tempfile.NamedTemporaryFile("r") as out:
        run_once(["/usr/bin/time", "-f", "%M", "-o", out.name] + argv, env, stdin, stdout)
        try:
            return int(out.read().strip().splitlines()[-1]) / 1024.0
        except (ValueError, IndexError):
            return float("nan")


def measure(argv, env, runs):
    times = []
    for _ in range(runs):
        elapsed, code = run_once(argv, env)
        if code != 0:
            raise SystemExit(f"{' '.join(argv)} exited {code}")
        times.append(elapsed)
    return statistics.median(times) * 1000.0, peak_memory(argv, env)


def first_frame(nudge, env, runs, cols=200, rows=60):
    """nudge's start to first full frame, in a pseudo-terminal of cols x rows."""
    import fcntl
    import termios

    times, peak = [], 0.0
    for i in range(runs + 1):
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
        if i == runs:
            # One more run, through GNU time, for the peak memory.
            peak = peak_memory([nudge], dict(env, NUDGE_FIRST_FRAME="1"), stdin=slave, stdout=slave)
            code = 0
        else:
            elapsed, code = run_once([nudge], dict(env, NUDGE_FIRST_FRAME="1"), stdin=slave, stdout=slave)
            times.append(elapsed)
        os.close(slave)
        os.close(master)
        if code != 0:
            raise SystemExit(f"NUDGE_FIRST_FRAME=1 nudge exited {code}")
    return statistics.median(times) * 1000.0, peak


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--nudge", default=os.path.join(ROOT, "target", "release", "nudge"))
    parser.add_argument("--taskwarrior-up-to", type=int, default=100_000)
    args = parser.parse_args()
    if not shutil.which("task"):
        print("Taskwarrior is not installed (apt-get install taskwarrior): nothing to compare.")
        return 2
    if not os.path.exists(args.nudge):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    task_version = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    nudge_version = subprocess.run([args.nudge, "--version"], capture_output=True, text=True).stdout.strip()
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"{nudge_version} vs Taskwarrior {task_version} · {cpu} · {os.cpu_count()} cores · "
          f"{platform.system()} {platform.release()} · median of {args.runs} runs\n")
    notes = []
    print("| items | work | nudge | Taskwarrior | ratio |")
    print("|---:|---|---:|---:|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, NUDGE_NOW=NOW, TZ="Europe/London",
                       NUDGE_DB=os.path.join(tmp, "nudge.db"),
                       XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                       XDG_STATE_HOME=os.path.join(tmp, "state"),
                       TASKDATA=os.path.join(tmp, "task"), TASKRC=os.path.join(tmp, "taskrc"))
            subprocess.run([args.nudge, "demo", "--scale", str(size)], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with_tw = size <= args.taskwarrior_up_to
            if with_tw:
                export = json.loads(subprocess.run([args.nudge, "export"], env=env, check=True,
                                                   capture_output=True).stdout)
                pending, completed = taskwarrior_data(export, env["TASKDATA"])
                del export
            with open(env["TASKRC"], "w") as f:
                f.write("confirmation=no\nverbose=nothing\nhooks=off\nrecurrence=off\n")
            work = [
                ("capture one item",
                 [args.nudge, "ask", "@dana", "bench", "quotes", "by", "fri"],
                 ["task", "add", "@dana bench quotes", "due:friday", "+ask"]),
                ("next actions, all (`due` / `next`)", [args.nudge, "due"], ["task", "next"]),
                ("next actions, first page (`due --limit 40`)",
                 [args.nudge, "due", "--limit", "40"], None),
                ("open asks, first page (`list --limit 40`)",
                 [args.nudge, "list", "--limit", "40"], None),
                ("export everything as JSON", [args.nudge, "export"], ["task", "export"]),
            ]
            for label, ours, theirs in work:
                n_ms, n_mb = measure(ours, env, args.runs)
                if theirs and with_tw:
                    t_ms, t_mb = measure(theirs, env, args.runs)
                    print(f"| {size:,} | {label} | {n_ms:.1f} ms, {n_mb:.0f} MB | "
                          f"{t_ms:.1f} ms, {t_mb:.0f} MB | {t_ms / n_ms:.0f}x |")
                else:
                    print(f"| {size:,} | {label} | {n_ms:.1f} ms, {n_mb:.0f} MB | | |")
            f_ms, f_mb = first_frame(args.nudge, env, args.runs)
            print(f"| {size:,} | dashboard: start to first frame (200x60) | {f_ms:.1f} ms, "
                  f"{f_mb:.0f} MB | (taskwarrior-tui: not measured) | |")
            if with_tw:
                notes.append(f"{size:,} items: {pending:,} open (pending) and {completed:,} closed "
                             f"(completed or deleted), the same in both")
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
