"""Feed one hostile file to the command line in this process and judge how it coped.

`probe(path)` runs `check FILE` (and, for a spreadsheet, the spreadsheet import into a new
plan) and returns the problems seen: an exception escaping (a crash), more than TIME_LIMIT
seconds, an exit status other than 0 or 2, an error that is not exactly one line naming the
file, or any change to the input or its folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from coherence_planner.cli import main
from coherence_planner.storage.errors import KnownError

TIME_LIMIT = 2.0
_ALARM = 5.0  # a hang is stopped here, so that one bad file cannot stall the whole run


class Hang(Exception):
    pass


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:.0f} s")

    if not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    found = {}
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if path.is_file():
            stat = path.stat()
            found[name] = (stat.st_size, stat.st_mtime_ns, path.read_bytes())
    return found


def _timed(run: Callable[[], None]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    try:
        with alarm(_ALARM):
            run()
    except Hang as exc:
        return time.perf_counter() - start, [f"hangs: {exc}"]
    except Exception as exc:  # the point: anything escaping is a crash
        return time.perf_counter() - start, [f"crashes: {type(exc).__name__}: {str(exc)[:200]}"]
    elapsed = time.perf_counter() - start
    return elapsed, ([f"takes {elapsed:.1f} s"] if elapsed > TIME_LIMIT else [])


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
    from coherence_planner.spreadsheet_cli import import_spreadsheet

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
