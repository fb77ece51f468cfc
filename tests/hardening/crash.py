"""The crash harness: kill a child that is writing a plan at random moments, then check.

Each kill runs tests/hardening/crash_driver.py in a fresh Python, waits until it says
"ready", sleeps a seeded random time within the scenario's window, and sends SIGKILL. Then
the plan must open, `PRAGMA integrity_check` must say ok, and every step the child printed
as done must be in the file. `run_scenario()` does this `kills` times and returns what went
wrong (an empty list when nothing did). Used by test_crash.py (a quick subset) and by
run_full.py (at least 300 kills).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate_district import generate
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.storage import schema
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.interchange import write_json
from coherence_planner.storage.leftovers import has_hot_journal
from tests.hardening import crash_driver as driver

ROOT = Path(__file__).resolve().parents[2]

# Seconds after "ready" within which the kill lands: each covers many steps of its scenario
# (measured on the 2-core build machine: an edit ~3 ms, an import of 300 programs ~60 ms,
# a save-as ~20 ms, the test migration of 2,000 programs ~150 ms).
WINDOWS = {"edits": 0.4, "import": 0.6, "save_as": 0.5, "migration": 0.35}
SIZES = {"edits": 50, "import": 300, "save_as": 50, "migration": 1000}


@dataclass
class Outcome:
    kills: int = 0
    reported: int = 0  # steps the children reported done, summed over kills
    leftovers: int = 0  # temporary files a kill left behind (harmless, hidden)
    hot_journals: int = 0  # kills that left a journal to roll back, read through by check
    problems: list[str] = field(default_factory=list)


def base_district(programs: int) -> District:
    district = district_from_dict(generate(programs, seed=7))
    assert driver.STRATEGY in district.items
    return district


def integrity(path: Path) -> str:
    # Read-write, as the app opens it: a kill mid-transaction leaves a hot journal that the
    # next connection rolls back; a read-only connection would refuse to.
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@contextmanager
def test_migration() -> Iterator[None]:
    schema.MIGRATIONS.append(driver._test_migration)
    try:
        yield
    finally:
        schema.MIGRATIONS.pop()


def kill_child(scenario: str, folder: Path, delay: float) -> list[str]:
    """Start the driver, kill it `delay` s after it is ready; the lines it printed."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.hardening.crash_driver", scenario, str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    if first.strip() != "ready":
        proc.kill()
        proc.wait()
        raise AssertionError(f"{scenario}: driver did not start: {first!r} {proc.stderr.read()}")
    early: list[str] = []
    if scenario != "migration":
        # The window is counted from the first finished step: on a loaded machine one
        # import took longer than the whole window, and no kill landed after a commit.
        watchdog = threading.Timer(60, proc.kill)
        watchdog.start()
        try:
            early.append(proc.stdout.readline().rstrip("\n"))
        finally:
            watchdog.cancel()
    time.sleep(delay)
    alive = proc.poll() is None
    if alive:
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # it ended between poll() and kill()
            alive = False
    proc.wait()
    lines = [line for line in early if line] + proc.stdout.read().splitlines()
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if not alive:
        raise AssertionError(f"{scenario}: driver stopped on its own: {errors.strip()[-500:]}")
    return lines


def steps_present(district: District, upto: int) -> list[str]:
    """What is missing of edit steps 1..upto, and any half-done step (an item without its link)."""
    missing = []
    for n in range(1, upto + 1):
        if n % 2:
            if f"E{n}" not in district.items:
                missing.append(f"step {n}: program E{n} missing")
        elif district.items.get(f"E{n - 1}") is None or (
            district.items[f"E{n - 1}"].name != f"Renamed {n}"
        ):
            missing.append(f"step {n}: rename of E{n - 1} missing")
    for item_id in district.items:
        if item_id.startswith("E") and not district.links_of(item_id):
            missing.append(f"{item_id} is in the file without its link (half a step)")
    return missing


def leftover_temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name]


def _check_opens(path: Path) -> tuple[District | None, list[str]]:
    try:
        with Document.open(path) as doc:
            district = doc.district
    except Exception as exc:  # the point of the check: any failure to open is a finding
        return None, [f"{path.name} does not open: {type(exc).__name__}: {exc}"]
    verdict = integrity(path)
    return district, ([] if verdict == "ok" else [f"{path.name} integrity: {verdict}"])


def _read_only(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        read_plan(path)
    except Exception as exc:  # the point of the check: any failure to read is a finding
        return [f"{path.name} cannot be read read-only: {type(exc).__name__}: {exc}"]
    return []


def _prepare(scenario: str, folder: Path) -> None:
    district = base_district(SIZES[scenario])
    Document.create(folder / driver.PLAN, district).close()
    if scenario == "import":
        write_json(district, folder / driver.SOURCE)
    if scenario == "migration":
        shutil.copyfile(folder / driver.PLAN, folder / "pristine.coherence")


def _done_numbers(lines: list[str]) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith("done ")]


def run_scenario(scenario: str, folder: Path, kills: int, seed: int) -> Outcome:
    """Kill the `scenario` driver `kills` times in `folder`; every problem found is listed."""
    rng = random.Random(f"{scenario}-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    _prepare(scenario, folder)
    outcome = Outcome()
    confirmed: dict[str, int] = {}
    source_items = len(base_district(SIZES[scenario]).items)
    for kill in range(kills):
        if scenario == "migration":
            for old in folder.glob("*.backup.coherence"):
                old.unlink()
            shutil.copyfile(folder / "pristine.coherence", folder / driver.PLAN)
        lines = kill_child(scenario, folder, rng.uniform(0.0, WINDOWS[scenario]))
        outcome.kills += 1
        done = _done_numbers(lines)
        outcome.reported += len(done)
        # First as `check` and `export` read it (read-only, through any hot journal), then
        # as the app opens it (read-write, which rolls the journal back).
        outcome.hot_journals += has_hot_journal(folder / driver.PLAN)
        with test_migration() if scenario == "migration" else contextlib.nullcontext():
            found = [f"kill {kill}: {p}" for p in _read_only(folder / driver.PLAN)]
        found += [f"kill {kill}: {p}" for p in _verify(scenario, folder, lines, confirmed)]
        if scenario == "import":
            found += _verify_import(folder, done, source_items, kill)
        outcome.problems += found
        temps = leftover_temps(folder)
        outcome.leftovers += len(temps)
        for temp in temps:
            temp.unlink()
    return outcome


def _verify(scenario: str, folder: Path, lines: list[str], confirmed: dict[str, int]) -> list[str]:
    done = _done_numbers(lines)
    if scenario == "edits":
        confirmed["plan"] = max([confirmed.get("plan", 0), *done])
        district, problems = _check_opens(folder / driver.PLAN)
        if district is not None:
            problems += steps_present(district, confirmed["plan"])
        return problems
    if scenario == "save_as":
        for line in lines:
            if line.startswith("done "):
                _, n, name = line.split()
                confirmed[name] = int(n)
        problems = []
        for name in (driver.PLAN, driver.OTHER):
            if not (folder / name).exists():
                continue
            district, found = _check_opens(folder / name)
            problems += found
            if district is not None:
                problems += [
                    f"{name}: {p}" for p in steps_present(district, confirmed.get(name, 0))
                ]
        return problems
    if scenario == "migration":
        return _verify_migration(folder, bool(done))
    return []


def _verify_import(folder: Path, done: list[int], source_items: int, kill: int) -> list[str]:
    district, problems = _check_opens(folder / driver.PLAN)
    if district is None:
        return [f"kill {kill}: {p}" for p in problems]
    if len(district.items) != source_items:
        problems.append(f"{len(district.items)} items, the source has {source_items}")
    if done and district.name not in (f"Import {done[-1]}", f"Import {done[-1] + 1}"):
        problems.append(f"reported import {done[-1]} done, the plan is {district.name!r}")
    return [f"kill {kill}: {p}" for p in problems]


def _verify_migration(folder: Path, reported: bool) -> list[str]:
    plan = folder / driver.PLAN
    problems = []
    verdict = integrity(plan)
    if verdict != "ok":
        return [f"integrity after a kill in the migration: {verdict}"]
    version = user_version(plan)
    if reported and version != 2:
        problems.append(f"migration reported done, the file is at version {version}")
    conn = sqlite3.connect(plan.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        migrated = conn.execute(
            "SELECT count(*) FROM items WHERE json_extract(data, '$.notes') = 'migrated'"
        ).fetchone()[0]
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        conn.close()
    expect_new = version == 2
    if ("harness_marks" in tables) != expect_new or migrated != (items if expect_new else 0):
        problems.append(f"half a migration: version {version}, {migrated}/{items} rows migrated")
    for backup in folder.glob("*.backup.coherence"):
        if integrity(backup) != "ok" or user_version(backup) != 1:
            problems.append(f"backup {backup.name} is not a whole version-1 file")
    with test_migration():
        _, found = _check_opens(plan)
    problems += found
    if not found and user_version(plan) != 2:
        problems.append("the plan opened but was not migrated")
    return problems
