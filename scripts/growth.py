#!/usr/bin/env python3
"""Does any command grow faster than it should? Grow one dimension by 10x twice and time the
commands that touch it, as whole processes.

Each dimension starts from a small database and grows on its own, the rest held still:

- people                 `list people`, and asking someone new (the typo hint looks at names)
- tags on one ask        `ask` with that many tags
- follow-ups on one ask  `show 1`, `followup 1`
- asks to one person     `show @dana`, `list --limit 40`
- title length           `ask` with a title that long
- favors and critiques   `show @dana` (her card) and `list people`, with that many of each
- people (one card)      `show @dana` among that many people
- experts                `ask`, whose words one of that many people with expertise knows
- people with aliases    `ask` someone by an alias, and someone new, among that many
- closed items           every daily command (and the first write after a capture, the day's
                         report), and the dashboard's first frame, with that many
                         asks answered, deadlines done and items dropped long ago beside the
                         same open ones (every command's cost must not depend on them)

A step is flagged when the command's time more than doubles for a 10x bigger dimension (what
the command must print aside: `list people` prints every person and is expected to grow).

    scripts/growth.py [--runs 7] [--nudge PATH] [--steps 1000,10000,100000] [--only people]

Data is made by importing a generated export document, so making 100,000 people takes seconds.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
compare = __import__("compare-taskwarrior")

NOW = "2026-11-28T09:00"
AT = "2026-11-28T09:00:00+00:00"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def person(name):
    return {"uuid": str(uuid.uuid4()), "name": name, "team": None, "expertise": [], "notes": "",
            "prefers": None, "created_at": AT, "updated_at": AT}


def ask(person_uuid, title, tags=()):
    return {"uuid": str(uuid.uuid4()), "kind": "ask", "title": title, "status": "open",
            "person_uuid": person_uuid, "why": None, "channel": "email", "asked_at": AT,
            "need_by": None, "next_check": "2026-12-01T13:00:00+00:00", "due": None,
            "tags": list(tags), "deadline_uuid": None, "piece": None, "notes": "",
            "decline_reason": None, "last_via": "email", "closed_at": None, "created_at": AT,
            "updated_at": AT}


def answered(person_uuid):
    done = ask(person_uuid, "numbers")
    done.update(status="received", closed_at=AT, next_check=None, last_via="call")
    return done


def closed(person_uuid, i):
    """An item closed long ago (1 to 5 years back, before any 90-day window): an answered or
    dropped ask, or a deadline done."""
    year = 2021 + i % 5
    at = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+00:00"
    if i % 4 == 3:
        done = deadline(f"old deadline {i}", at)
        done.update(status="done", closed_at=at)
        return done
    done = ask(person_uuid, f"old ask {i}", ("old",) if i % 7 == 0 else ())
    status = "dropped" if i % 4 == 2 else "received"
    done.update(status=status, asked_at=at, closed_at=at, next_check=None, created_at=at,
                updated_at=at, last_via="call")
    return done


def deadline(title, due):
    return {"uuid": str(uuid.uuid4()), "kind": "deadline", "title": title, "status": "open",
            "person_uuid": None, "why": None, "channel": None, "asked_at": None,
            "need_by": None, "next_check": None, "due": due, "tags": [],
            "deadline_uuid": None, "piece": None, "notes": "", "decline_reason": None,
            "last_via": None, "closed_at": None, "created_at": AT, "updated_at": AT}


def follow_up(item_uuid):
    return {"uuid": str(uuid.uuid4()), "item_uuid": item_uuid, "at": AT, "channel": "call",
            "note": "", "created_at": AT, "updated_at": AT}


def favor(person_uuid, i):
    return {"uuid": str(uuid.uuid4()), "person_uuid": person_uuid,
            "direction": "gave" if i % 2 else "got", "what": f"favor {i}", "at": AT,
            "created_at": AT, "updated_at": AT}


def critique(person_uuid, i):
    return {"uuid": str(uuid.uuid4()), "person_uuid": person_uuid, "said": f"critique {i}",
            "piece": None, "deadline_uuid": None, "response": "invite" if i % 3 else "fixed",
            "proofing_uuid": None, "at": AT, "created_at": AT, "updated_at": AT}


def document(people=(), items=(), follow_ups=(), critiques=(), favors=()):
    return {"format": "nudge", "version": 1, "exported_at": AT, "people": list(people),
            "items": list(items), "follow_ups": list(follow_ups), "critiques": list(critiques),
            "favors": list(favors),
            "checkins": [], "sprints": [], "reflections": []}


def world(dimension, n):
    """The export document for one step of one dimension, and the commands to time on it."""
    dana = person("Dana")
    if dimension == "people":
        # Each person with one answered ask, so each has a channel record to show.
        people = [dana] + [person(f"Person{i:06d}") for i in range(n)]
        items = [ask(dana["uuid"], "quotes")] + [answered(p["uuid"]) for p in people[1:]]
        return document(people, items), [
            ("list people", lambda run: ["list", "people"], True),
            # A new name one typo from a known one, new on every run (a second run would find
            # the person the first one made).
            ("ask someone new (a typo hint)",
             lambda run: ["ask", f"@Persn{run:06d}", "figures"], False),
            # An import of one answered ask (a new record each run): only that person's usual
            # reply time is worked out again, not everyone's.
            ("import one answered ask", IMPORT_ONE, False),
        ]
    if dimension == "experts":
        # Everyone knows words of their own; one of them knows pricing.
        people = [dana] + [dict(person(f"Person{i:06d}"), expertise=[f"topic{i}", f"area{i % 500}"])
                           for i in range(n)]
        people[-1]["expertise"] = ["pricing"]
        return document(people, [ask(dana["uuid"], "quotes")]), [
            ("ask (who knows its words)",
             lambda run: ["ask", "@dana", f"pricing page {run}"], False),
        ]
    if dimension == "people with aliases":
        people = [dana] + [dict(person(f"Person{i:06d}"), aliases=[f"p{i}"]) for i in range(n)]
        return document(people, [ask(dana["uuid"], "quotes")]), [
            ("ask someone by an alias", lambda run: ["ask", f"@p{run}", "figures"], False),
            ("ask someone new (no name, no alias)",
             lambda run: ["ask", f"@Zq{run:06d}", "figures"], False),
        ]
    if dimension == "people (one card)":
        people = [dana] + [person(f"Person{i:06d}") for i in range(n)]
        items = [ask(dana["uuid"], "quotes")] + [answered(p["uuid"]) for p in people[1:]]
        return document(people, items), [
            ("show @dana", lambda run: ["show", "@dana"], False),
        ]
    if dimension == "favors and critiques":
        sam = person("Sam")
        return document([dana, sam], [ask(dana["uuid"], "quotes")],
                        critiques=[critique(dana["uuid"], i) for i in range(n)],
                        favors=[favor(dana["uuid"], i) for i in range(n)]), [
            ("show @dana", lambda run: ["show", "@dana"], False),
            ("list people", lambda run: ["list", "people"], False),
        ]
    if dimension == "tags on one ask":
        tags = " ".join(f"+t{i}" for i in range(n))
        return document([dana], [ask(dana["uuid"], "quotes")]), [
            ("ask with the tags", lambda run: ["ask", "@dana", "figures"] + tags.split(), False),
        ]
    if dimension == "follow-ups on one ask":
        first = ask(dana["uuid"], "quotes")
        return document([dana], [first], [follow_up(first["uuid"]) for _ in range(n)]), [
            ("show 1", lambda run: ["show", "1"], False),
            ("followup 1", lambda run: ["followup", "1"], False),
        ]
    if dimension == "asks to one person":
        asks = [ask(dana["uuid"], f"quotes {i}") for i in range(n)]
        asked = datetime.datetime.fromisoformat(AT)
        for i, item in enumerate(asks):
            # Each asked a minute before the last, so every answer moves her usual reply time.
            item["asked_at"] = (asked - datetime.timedelta(minutes=i + 1)).isoformat()
        return document([dana], asks), [
            ("show @dana", lambda run: ["show", "@dana"], False),
            ("list --limit 40", lambda run: ["list", "--limit", "40"], False),
            ("done (her usual reply time moves)", lambda run: ["done", str(run + 1)], False),
        ]
    if dimension == "closed items":
        people = [dana] + [person(f"Person{i:02d}") for i in range(20)]
        open_items = [ask(p["uuid"], f"open ask {i}") for i, p in enumerate(people)]
        open_items += [deadline(f"deadline {i}", f"2026-12-0{1 + i}T17:00:00+00:00")
                       for i in range(3)]
        old = [closed(people[i % len(people)]["uuid"], i) for i in range(n)]
        return document(people, open_items + old), [
            ("ask", lambda run: ["ask", "@dana", "figures", "by", "fri"], False),
            ("due --limit 40", lambda run: ["due", "--limit", "40"], False),
            ("list --limit 40", lambda run: ["list", "--limit", "40"], False),
            ("list deadlines", lambda run: ["list", "deadlines"], False),
            ("show @dana", lambda run: ["show", "@dana"], False),
            ("meet @dana", lambda run: ["meet", "@dana"], False),
            ("followup 1", lambda run: ["followup", "1", "--via", "call"], False),
            ("snooze 2 mon", lambda run: ["snooze", "2", "mon", "9am"], False),
            ("list people", lambda run: ["list", "people"], False),
            ("report --week", lambda run: ["report", "--week"], False),
            ("report --day", lambda run: ["report", "--day"], False),
            ("undo, the first write after a capture", UNDO_A_CAPTURE, False),
            ("prompt", lambda run: ["prompt"], False),
            ("first frame, 200x60", FIRST_FRAME, False),
        ]
    if dimension == "title length":
        return document([dana], [ask(dana["uuid"], "quotes")]), [
            ("ask with the title", lambda run: ["ask", "@dana", "x" * n], False),
        ]
    raise ValueError(dimension)


def IMPORT_ONE(run):
    """`import` of a file holding one answered ask of Dana's, written fresh (a marker)."""


def UNDO_A_CAPTURE(run):
    """`ask`, untimed, then `undo` timed: the first write after a capture (a marker)."""


def dana_of(doc):
    return next(p for p in doc["people"] if p["name"] == "Dana")


def FIRST_FRAME(run):
    """The dashboard to its first frame in a pseudo-terminal (a marker, not an argv)."""
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--nudge", default=os.path.join(ROOT, "target", "release", "nudge"))
    parser.add_argument("--steps", default="")
    parser.add_argument("--only", default="", help="one dimension, by the start of its name")
    args = parser.parse_args()
    if not os.path.exists(args.nudge):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    steps = {
        "people": [1_000, 10_000, 100_000],
        "tags on one ask": [50, 500, 5_000],
        "follow-ups on one ask": [100, 1_000, 10_000],
        "asks to one person": [100, 1_000, 10_000],
        "title length": [100, 1_000, 10_000],
        "favors and critiques": [100, 1_000, 10_000],
        "people (one card)": [1_000, 10_000, 100_000],
        "experts": [1_000, 10_000, 100_000],
        "people with aliases": [1_000, 10_000, 100_000],
        "closed items": [1_000, 10_000, 100_000],
    }
    if args.steps:
        chosen = [int(s) for s in args.steps.split(",")]
        steps = {d: chosen for d in steps}
    print(f"median of {args.runs} runs, ms; ratio = this step / the one before (flagged above 2x)\n")
    print("| dimension | command | " + " | ".join("n" for _ in range(3)) + " | step ratios |")
    print("|---|---|---:|---:|---:|---|")
    flagged = 0
    for dimension, sizes in steps.items():
        if not dimension.startswith(args.only):
            continue
        results = {}
        for n in sizes:
            doc, commands = world(dimension, n)
            with tempfile.TemporaryDirectory() as tmp:
                db = os.path.join(tmp, "nudge.db")
                env = dict(os.environ, NUDGE_NOW=NOW, TZ="Europe/London", NUDGE_DB=db,
                           XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                           XDG_STATE_HOME=os.path.join(tmp, "state"))
                with open(os.path.join(tmp, "in.json"), "w") as f:
                    json.dump(doc, f)
                subprocess.run([args.nudge, "import", os.path.join(tmp, "in.json")], env=env,
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                # A write first, so the log is kept as in daily use.
                subprocess.run([args.nudge, "ask", "@lee", "warm up"], env=env, check=True,
                               stdout=subprocess.DEVNULL)
                for label, argv, prints_all in commands:
                    times = []
                    for run in range(args.runs):
                        if argv is FIRST_FRAME:
                            elapsed, code = compare.pty_run(
                                [args.nudge], dict(env, NUDGE_FIRST_FRAME="1"))
                        elif argv is IMPORT_ONE:
                            one = os.path.join(tmp, "one.json")
                            with open(one, "w") as f:
                                json.dump(document([dana_of(doc)], [answered(dana_of(doc)["uuid"])]),
                                          f)
                            elapsed, code = compare.run_once([args.nudge, "import", one], env)
                        elif argv is UNDO_A_CAPTURE:
                            subprocess.run([args.nudge, "ask", "@dana", "numbers"], env=env,
                                           check=True, stdout=subprocess.DEVNULL)
                            elapsed, code = compare.run_once([args.nudge, "undo"], env)
                        else:
                            elapsed, code = compare.run_once([args.nudge] + argv(run), env)
                        if code != 0:
                            raise SystemExit(f"nudge {' '.join(argv(run)[:4])} … exited {code}")
                        times.append(elapsed * 1000.0)
                    results.setdefault(label, (prints_all, []))[1].append(
                        (n, statistics.median(times)))
        for label, (prints_all, row) in results.items():
            ratios = []
            for (_, before), (_, after) in zip(row, row[1:]):
                ratio = after / before
                flag = ratio > 2 and not prints_all
                flagged += flag
                ratios.append(f"{ratio:.2f}×" + (" ⚠" if flag else ""))
            cells = " | ".join(f"{n:,}: {ms:.1f}" for n, ms in row)
            note = " (prints every row)" if prints_all else ""
            print(f"| {dimension} | {label}{note} | {cells} | {', '.join(ratios)} |", flush=True)
    print(f"\n{flagged} step(s) grew more than 2x")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
