"""Loading, validating and creating a plan, each against its floor, in the same run.

    python benchmarks/bench_load.py [--programs 10000] [--runs 5]

For a synthetic district (benchmarks/generate_district.py) the script times, in rounds that
run every measurement once (so a busy machine slows ours and its floor alike):

| ours | its floor (what no reader of the same file can avoid) |
|---|---|
| `read_json`: parse and validate the interchange file, as `check` does | `json.load` of the same file |
| `Document.open` (checks, lock, every row validated) | `sqlite3`: fetch every row of the plan and `json.loads` each row's data |
| | `sqlite-utils` (the project's database library): every row as a dict, `json.loads` of its data; the floor issue 16 measured against (the code before issue 16 is 3.3x it in one run, as the issue's 3.2x says; it is 4.7x the `sqlite3` floor) |
| `Document.create` (atomic: temp file, fsync, rename) | `sqlite3`: the same tables, the same rows (JSON made with `json.dumps` from the interchange dicts) in one transaction with `synchronous=FULL`, written beside, fsynced and renamed the same way |
| `coherence-planner check FILE --json`, whole process | `python -c "json.load(...)"`, whole process |

Each figure is the median of --runs rounds, CPU time (this process: `time.process_time`;
child processes: `resource.getrusage(RUSAGE_CHILDREN)`) and wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_district import generate  # noqa: E402
from coherence_planner.domain.model.codec import SECTIONS, district_from_dict  # noqa: E402
from coherence_planner.storage import schema  # noqa: E402
from coherence_planner.storage.document import Document  # noqa: E402
from coherence_planner.storage.interchange import read_json, write_json  # noqa: E402

Timing = tuple[float, float]  # (cpu seconds, wall seconds)


def in_process(action: Callable[[], object]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def child(command: list[str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def json_floor(path: Path) -> None:
    with open(path, encoding="utf-8") as handle:
        json.load(handle)


def rows_floor(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        for (data,) in conn.execute("SELECT data FROM items ORDER BY seq").fetchall():
            json.loads(data)
        for (data,) in conn.execute("SELECT data FROM links ORDER BY seq").fetchall():
            json.loads(data)
    finally:
        conn.close()


def rows_floor_sqlite_utils(path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        for row in db.query("SELECT * FROM items ORDER BY seq"):
            json.loads(row["data"])
        for row in db.query("SELECT * FROM links ORDER BY seq"):
            json.loads(row["data"])
    finally:
        db.close()


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def insert_floor(data: dict[str, Any], target: Path) -> None:
    """The same rows, written the plainest way with the same durability as Document.create."""
    temp = target.with_name(f".{target.name}.floor-tmp")
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN")
        conn.execute(
            "CREATE TABLE items (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, "
            "seq INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL)"
        )
        conn.execute(
            "CREATE TABLE links (kind TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, "
            "seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, src, dst))"
        )
        seq = 0
        item_rows = []
        for section, kind in SECTIONS:
            for raw in data[section]:
                body = {k: v for k, v in raw.items() if k != "id"}
                item_rows.append(
                    (
                        raw["id"],
                        kind,
                        seq,
                        raw["name"],
                        raw.get("status", "active"),
                        json.dumps(body),
                    )
                )
                seq += 1
        conn.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)", item_rows)
        link_rows = []
        for n, raw in enumerate(data["links"]):
            src, dst = raw["from"], raw["to"]
            kind = raw.get("kind", "supports")
            if kind == "conflicts" and dst < src:
                src, dst = dst, src
            link_rows.append((kind, src, dst, n, json.dumps(raw)))
        conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?)", link_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    _fsync(temp, os.O_RDWR)
    os.replace(temp, target)
    _fsync(target.parent)


def median(timings: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    data = generate(args.programs, seed=1)
    district = district_from_dict(data)
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    source = folder / "district.json"
    write_json(district, source)
    plan = folder / f"plan{schema.SUFFIX}"
    Document.create(plan, district).close()
    python = sys.executable
    check = [python, "-m", "coherence_planner", "check"]
    floor_command = [python, "-c", "import json, sys; json.load(open(sys.argv[1]))"]

    measures: dict[str, Callable[[], Timing]] = {
        "read_json": lambda: in_process(lambda: read_json(source)),
        "json.load": lambda: in_process(lambda: json_floor(source)),
        "Document.open": lambda: in_process(lambda: Document.open(plan).close()),
        "rows + json.loads": lambda: in_process(lambda: rows_floor(plan)),
        "sqlite-utils rows + json.loads": lambda: in_process(lambda: rows_floor_sqlite_utils(plan)),
        "Document.create": lambda: in_process(
            lambda: Document.create(folder / "new.coherence", district, replace=True).close()
        ),
        "bulk insert": lambda: in_process(lambda: insert_floor(data, folder / "floor.sqlite")),
        "check --json (.json)": lambda: child([*check, str(source), "--json"]),
        "check --json (plan)": lambda: child([*check, str(plan), "--json"]),
        "python + json.load": lambda: child([*floor_command, str(source)]),
    }
    results: dict[str, list[Timing]] = {name: [] for name in measures}
    for _ in range(args.runs):
        for name, measure in measures.items():
            results[name].append(measure())
    got = {name: median(timings) for name, timings in results.items()}

    print(
        f"{args.programs:,} programs, {len(district.links):,} links; "
        f"medians of {args.runs} rounds (CPU / wall)"
    )
    print("| what | ours | floor, same run | ratio (CPU) |")
    print("|---|---:|---:|---:|")
    for ours, floor in (
        ("read_json", "json.load"),
        ("Document.open", "rows + json.loads"),
        ("Document.open", "sqlite-utils rows + json.loads"),
        ("Document.create", "bulk insert"),
        ("check --json (.json)", "python + json.load"),
        ("check --json (plan)", "python + json.load"),
    ):
        (oc, ow), (fc, fw) = got[ours], got[floor]
        print(
            f"| {ours} | {oc:.2f} s / {ow:.2f} s | {floor}: {fc:.2f} s / {fw:.2f} s "
            f"| {oc / fc:.1f}x |"
        )


if __name__ == "__main__":
    main()
