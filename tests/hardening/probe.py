"""Feed one hostile file to the command line in this process and judge how it coped.

`probe(path)` runs `check FILE` (and, for a spreadsheet, the spreadsheet import into a new
plan) and returns the problems seen: an exception escaping (a crash), more than TIME_LIMIT
seconds, an exit status other than 0 or 2, an error that is not exactly one line naming the
file, or any change to the input or its folder.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from coherence_planner.cli import main
from coherence_planner.storage.errors import KnownError

TIME_LIMIT = 2.0
_ALARM = 5.0  # a hang is stopped here, so that one bad file cannot stall the whole run
_WALL_ALARM = 60.0  # the stop in wall time when commands are judged on CPU time


class Hang(Exception):
    pass


@contextlib.contextmanager
def alarm(seconds: float, cpu: bool = False) -> Iterator[None]:
    """Raise Hang after `seconds` of wall time, or of the process's CPU time when `cpu`."""
    timer, signum = (
        (signal.ITIMER_VIRTUAL, signal.SIGVTALRM) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)
    )
    word = "of CPU time" if cpu else ""

    def ring(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:.0f} s {word}".rstrip())

    if not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signum, ring)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


def _state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    found = {}
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if path.is_file():
            stat = path.stat()
            found[name] = (stat.st_size, stat.st_mtime_ns, path.read_bytes())
    return found


def _timed(
    run: Callable[[], None], clock: Callable[[], float] = time.perf_counter
) -> tuple[float, list[str]]:
    """Run, and judge: a crash, a hang (_ALARM seconds of wall time), or more than
    TIME_LIMIT seconds on `clock`. The elapsed time returned is always wall time."""
    cpu = clock is time.process_time
    start, ticks = time.perf_counter(), clock()
    try:
        # On CPU time, a stall that burns none (a lock, a network wait) still meets a
        # wall-clock alarm, set where no neighbour's load could reach it.
        with alarm(_ALARM, cpu), alarm(_WALL_ALARM if cpu else _ALARM):
            run()
    except Hang as exc:
        return time.perf_counter() - start, [f"hangs: {exc}"]
    except Exception as exc:  # the point: anything escaping is a crash
        return time.perf_counter() - start, [f"crashes: {type(exc).__name__}: {str(exc)[:200]}"]
    elapsed, used = time.perf_counter() - start, clock() - ticks
    return elapsed, ([f"takes {used:.1f} s"] if used > TIME_LIMIT else [])


def _check_cli(path: Path) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    status: list[int] = []

    def run() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status.append(main(["check", str(path)]))

    _, problems = _timed(run)
    if problems:
        return problems
    lines = err.getvalue().splitlines()
    if status[0] == 0:
        return [] if out.getvalue() and not lines else ["exit 0 without findings, or with errors"]
    if status[0] != 2:
        return [f"exit status {status[0]}"]
    if len(lines) != 1 or "Traceback" in err.getvalue():
        return [f"error is {len(lines)} lines: {err.getvalue()[:300]!r}"]
    bug = re.search(r"stopped by a bug \((.+?)\); ", lines[0])
    if bug:  # the command line's one sentence for an exception that escaped: a crash
        return [f"crashes: {bug.group(1)[:200]}"]
    if not lines[0].startswith("coherence-planner: ") or path.name not in lines[0]:
        return [f"error does not name the file: {lines[0][:200]!r}"]
    return []


def _import_sheet(path: Path) -> list[str]:
    from coherence_planner.cli.spreadsheets import import_spreadsheet

    target = path.parent / "imported" / "plan.coherence"
    target.parent.mkdir(exist_ok=True)
    messages: list[str] = []

    def run() -> None:
        try:
            import_spreadsheet(path, target)
        except KnownError as exc:
            messages.append(exc.message)

    _, problems = _timed(run)
    for message in messages:
        if not message.strip() or "Traceback" in message:
            problems.append(f"import says nothing useful: {message[:200]!r}")
    for leftover in target.parent.iterdir():
        leftover.unlink()
    target.parent.rmdir()
    return problems


def probe(path: Path) -> list[str]:
    """Every way in which the app's readers mishandled `path` (empty when none)."""
    before = _state(path.parent)
    problems = _check_cli(path)
    if path.suffix in (".xlsx", ".csv"):
        problems += _import_sheet(path)
    if _state(path.parent) != before:
        problems.append("the input or its folder was changed")
    return problems


# ----------------------------------------------------------------- issue 24: hostile names

EXPORTS = ("map.svg", "plan.xlsx", "plan.csv", "plan.json", "report.pdf")


def _command(args: list[str], times: list[float]) -> tuple[int | None, list[str]]:
    """Run one command line; its status (None when it crashed or hung) and its problems."""
    out, err = io.StringIO(), io.StringIO()
    status: list[int] = []

    def run() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status.append(main(args))

    # Judged on the process's own CPU time: this corpus runs the report for hundreds of
    # plans on machines shared at load 6-10, where wall time measures the neighbours.
    elapsed, problems = _timed(run, time.process_time)
    times.append(elapsed)
    where = f"{args[0]} {Path(args[-1]).name}"
    problems = [f"{where} {p}" for p in problems]
    if not status:
        return None, problems
    lines = err.getvalue().splitlines()
    if status[0] not in (0, 2):
        problems.append(f"{where}: exit status {status[0]}")
    elif status[0] == 2 and (len(lines) != 1 or "Traceback" in err.getvalue()):
        problems.append(f"{where}: error is {len(lines)} lines: {err.getvalue()[:300]!r}")
    return status[0], problems


@functools.cache
def warm_up() -> None:
    """Export one small report, untimed: the first report imports matplotlib and reportlab
    (seconds on a loaded machine, once per process, not per file), and an alarm ringing
    inside that import would leave matplotlib half-initialised for every later file."""
    from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
    from coherence_planner.storage.sample import sample_district

    with tempfile.TemporaryDirectory() as folder:
        export_pdf(sample_district(), Path(folder) / "warm.pdf", PdfOptions())


def probe_named(path: Path, times: list[float]) -> list[str]:
    """`check` the file, `import` it into a plan in a folder beside it, and when that works,
    `check` the plan and export it every way (the report PDF too). Every command: exit 0 or
    2, one line when 2, within TIME_LIMIT; the input and its folder unchanged."""
    warm_up()
    before = _state(path.parent)
    problems: list[str] = []
    if path.suffix == ".json":
        problems += _command(["check", str(path)], times)[1]
    work = path.parent.parent / (path.parent.name + "-out")
    work.mkdir()
    plan = work / "plan.coherence"
    status, found = _command(["import", str(path), "--into", str(plan)], times)
    problems += found
    if status == 0:
        problems += _command(["check", str(plan)], times)[1]
        for name in EXPORTS:
            problems += _command(["export", str(plan), str(work / name)], times)[1]
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    if _state(path.parent) != before:
        problems.append("the input or its folder was changed")
    return problems
