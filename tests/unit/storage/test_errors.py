"""Environment failures become KnownErrors with one sentence; anything else stays a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coherence_planner.storage import errors


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite_error("database is locked", 5), errors.FileLocked),
        (sqlite_error("attempt to write a readonly database", 8), errors.ReadOnlyLocation),
        (sqlite_error("interrupted", 9), errors.TooSlow),
        (sqlite_error("disk I/O error", 10), errors.DriveUnavailable),
        (sqlite_error("database disk image is malformed", 11), errors.DamagedFile),
        (sqlite_error("database or disk is full", 13), errors.DiskFull),
        (sqlite_error("unable to open database file", 14), errors.ReadOnlyLocation),
        (sqlite3.DatabaseError("file is not a database"), errors.NotACoherenceFile),
        (OSError(28, "No space left on device"), errors.DiskFull),
        (PermissionError(13, "Permission denied"), errors.ReadOnlyLocation),
        (OSError(30, "Read-only file system"), errors.ReadOnlyLocation),
        (FileNotFoundError(2, "No such file"), errors.FileMissing),
    ],
)
def test_environment_errors(exc: BaseException, expected: type[errors.KnownError]) -> None:
    known = errors.classify(exc, Path("/plans/Riverside.coherence"))
    assert type(known) is expected
    assert known.message.count(".") >= 1 and "Riverside.coherence" in known.message


@pytest.mark.parametrize(
    "exc",
    [
        sqlite3.OperationalError("no such column: nme"),
        sqlite3.ProgrammingError("Cannot operate on a closed database."),
        ValueError("bug"),
        KeyError("P1"),
    ],
)
def test_bugs_stay_bugs(exc: BaseException) -> None:
    assert errors.classify(exc, Path("p.coherence")) is None


def test_known_errors_pass_through() -> None:
    error = errors.FileExists(Path("p.coherence"))
    assert errors.classify(error, Path("q.coherence")) is error
    assert str(error) == error.message
