"""Problems with files and places that a person can act on, kept apart from bugs.

A `KnownError` carries one plain sentence (`message`) that names the file and says what to
do; the ui shows it in a dialog and the CLI prints it, and neither shows a traceback. Any
other exception escaping storage is a bug and goes to the crash dialog. `classify()` turns
the sqlite3 and OS errors that come from the environment (a full disk, a locked file, a
read-only folder) into the matching KnownError, and returns None for everything else.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Not at import: the window's start page needs KnownError, not the codec (issue 29).
    from coherence_planner.domain.model.codec import InvalidDistrict, Problem


class KnownError(Exception):
    """An environment problem with one clear sentence for the person who hit it."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(message)


def _name(path: str | Path) -> str:
    return Path(path).name or str(path)


class NotACoherenceFile(KnownError):
    def __init__(self, path: str | Path, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(
            path,
            f"“{_name(path)}” is not a Coherence Planner plan{detail}; choose a .coherence "
            "file or a district .json file.",
        )


class NotAFile(KnownError):
    """A path that is not an ordinary file: a pipe, a device, a link that loops."""

    def __init__(self, path: str | Path, what: str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is {what}, not a file Coherence Planner can read or write; "
            "choose an ordinary file.",
        )


class NewerVersion(KnownError):
    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"“{_name(path)}” was saved by a newer version of Coherence Planner (file "
            f"format {found}; this version reads up to {supported}). Update the app to open it.",
        )


class DamagedFile(KnownError):
    def __init__(self, path: str | Path, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(
            path,
            f"“{_name(path)}” is damaged and cannot be opened{detail}; open a backup copy "
            "(files named …backup.coherence next to it) instead.",
        )


class FileLocked(KnownError):
    def __init__(self, path: str | Path) -> None:
        from coherence_planner.storage.holders import holder_of

        holder = holder_of(Path(path))
        where = f"open in {holder}" if holder else "open in another window or by another person"
        super().__init__(
            path,
            f"“{_name(path)}” is {where}; close it there, or use a copy. "
            "Reading it (check, export, diff) still works.",
        )


class ReadOnlyLocation(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            f"Coherence Planner cannot write to “{_name(path)}” or its folder; save to a "
            "folder you can write to, such as Documents.",
        )


_SAVE_AS = "Use File ▸ Save As… to keep your work."


class ReadOnlyFolder(ReadOnlyLocation):
    """The plan's folder cannot be written to, though the file can: SQLite writes its
    journal beside the plan, so no edit can be saved there (a shared drive, a synced
    folder, a folder IT made read-only)."""

    def __init__(self, path: str | Path) -> None:
        KnownError.__init__(
            self,
            path,
            f"Coherence Planner cannot save in “{_name(Path(path).parent)}” (the folder is "
            f"read-only). {_SAVE_AS}",
        )


class ReadOnlyFile(ReadOnlyLocation):
    def __init__(self, path: str | Path) -> None:
        KnownError.__init__(
            self,
            path,
            f"Coherence Planner cannot save “{_name(path)}” (the file is read-only). {_SAVE_AS}",
        )


def read_only_place(path: str | Path) -> ReadOnlyLocation:
    """Which of the plan's file or its folder refuses writes, said as precisely as we can."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.exists() and not os.access(target, os.W_OK):
        return ReadOnlyFile(target)
    if folder.exists() and not os.access(folder, os.W_OK):
        return ReadOnlyFolder(target)
    return ReadOnlyLocation(target)


class FileReplaced(KnownError):
    """The open plan's file is not the one we opened any more: renamed, moved, deleted,
    or replaced by another program (a sync client, a copy over it)."""

    def __init__(self, path: str | Path, what: str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” was {what} while it was open, so Coherence Planner stopped "
            f"saving to it. {_SAVE_AS}",
        )


class NotSaved(KnownError):
    """A change that did not reach the file: a write SQLite took without an error but that
    did not change what it had to, or (`why`) one refused for a reason of the place while
    the app keeps the change in memory (`unsaved`)."""

    def __init__(self, path: str | Path, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(
            path,
            f"Coherence Planner could not save the change to “{_name(path)}”{detail}. {_SAVE_AS}",
        )


class WriteIgnored(Exception):
    """Raised by storage's writers when a statement changed fewer rows than it must;
    `classify` makes it NotSaved, naming the file."""


class ReadOnlyDestination(ReadOnlyLocation):
    """The folder a new file goes in cannot be written to (a shared drive, a folder set
    read-only); `path` is the file that could not be written. A ReadOnlyLocation, said
    with the folder's name."""

    def __init__(self, path: str | Path) -> None:
        folder = Path(path).parent
        where = folder.name or str(folder.resolve())
        KnownError.__init__(
            self,
            path,
            f"Coherence Planner cannot write “{_name(path)}” in the folder “{where}” (the "
            "folder is read-only); save it in a folder you can write to, such as Documents.",
        )


class DiskFull(KnownError):
    """`whole_file`: the disk filled while a whole file was written (an export, Save As): the
    file is not there, or an earlier one of that name is as it was; there is no plan change
    to speak of."""

    def __init__(self, path: str | Path, *, whole_file: bool = False) -> None:
        outcome = (
            f"Nothing was written; any earlier “{_name(path)}” is as it was."
            if whole_file
            else "Nothing was lost: the last change was not applied."
        )
        super().__init__(
            path,
            f"The disk holding “{_name(path)}” is full; free some space and try again. {outcome}",
        )


class DriveUnavailable(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            f"The drive holding “{_name(path)}” stopped answering (a disk I/O error); "
            "check that it is still connected, then try again.",
        )


class FileMissing(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path, f"“{_name(path)}” does not exist; it may have been moved or renamed."
        )


class FileExists(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path, f"“{_name(path)}” already exists; choose another name or agree to replace it."
        )


class SameAsOpenFile(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is the plan that is open now; choose a different name for the copy.",
        )


class TooSlow(KnownError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            f"Reading “{_name(path)}” took too long and was stopped; the file may be "
            "damaged or not made by Coherence Planner.",
        )


class FileTooLarge(KnownError):
    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        from coherence_planner.domain.model.codec import size_limits

        super().__init__(
            path,
            f"“{_name(path)}” is {size / 1e6:,.0f} MB, too large for Coherence Planner: a "
            f"district file may be at most {limit / 1e6:,.0f} MB, and a plan hold at most "
            f"{size_limits()}. Nothing was imported.",
        )


class NotJson(KnownError):
    """The text is not JSON; `line` and `column` (1-based) say where reading stopped."""

    def __init__(self, path: str | Path, line: int, column: int, why: str) -> None:
        self.line = line
        self.column = column
        super().__init__(
            path, f"“{_name(path)}” is not valid JSON: {why} at line {line}, column {column}."
        )


class InvalidInterchange(KnownError):
    """The JSON is readable but breaks the district format; `problems` lists every one."""

    def __init__(self, path: str | Path, invalid: InvalidDistrict) -> None:
        self.problems: list[Problem] = list(invalid.problems)
        count = len(self.problems)
        super().__init__(
            path,
            f"“{_name(path)}” is not a valid district file ({count} problem"
            f"{'s' if count != 1 else ''}; the first: {self.problems[0] if count else '?'}). "
            "Nothing was imported.",
        )


def unsaved(known: KnownError) -> KnownError:
    """The sentence for a change kept in memory because the file refused it. The usual
    sentences say "try again" or "nothing was changed", which is not true of a change the
    app keeps; these say what happened and that Save As keeps it."""
    if isinstance(known, (ReadOnlyFolder, ReadOnlyFile, FileReplaced, NotSaved)):
        return known  # these already say so
    reasons: list[tuple[type[KnownError], str]] = [
        (DiskFull, "the disk is full"),
        (DriveUnavailable, "the drive stopped answering"),
        (ReadOnlyLocation, "the file or its folder is read-only"),
        (FileLocked, "another program holds the file"),
        (TooSlow, "writing took too long"),
        (DamagedFile, "the file is damaged"),
    ]
    why = next((text for kind, text in reasons if isinstance(known, kind)), "")
    return NotSaved(known.path, why)


# sqlite3 primary result codes (sqlite3.h); Python 3.11 exposes them on the exception.
_BUSY, _LOCKED, _READONLY, _INTERRUPT, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    5,
    6,
    8,
    9,
    10,
    11,
    13,
    14,
    26,
)
_SHARING_VIOLATION = 32  # Windows: another process has the file open


def is_read_only_error(exc: BaseException) -> bool:
    """An OS error saying the place cannot be written to (permissions, a read-only disk)."""
    return isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def classify(exc: BaseException, path: str | Path) -> KnownError | None:
    """The KnownError an environment failure stands for, or None when it is a bug."""
    if isinstance(exc, KnownError):
        return exc
    if isinstance(exc, WriteIgnored):
        return NotSaved(path)
    if isinstance(exc, UnicodeDecodeError):  # a text value in the file is not UTF-8
        return DamagedFile(path, "it holds text that is not UTF-8")
    # An sqlite3 error can only come from sqlite3 once loaded: reading a JSON district
    # (`check`, the SVG export) need not load it to classify its OS errors.
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        text = str(exc).lower()
        if code in (_BUSY, _LOCKED) or "locked" in text:
            return FileLocked(path)
        if code == _READONLY or "readonly" in text:
            return read_only_place(path)
        if code == _FULL or "disk is full" in text:
            return DiskFull(path)
        if code == _INTERRUPT or "interrupted" in text:
            return TooSlow(path)
        if code == _NOTADB or "not a database" in text:
            return NotACoherenceFile(path)
        if code == _CORRUPT or "malformed" in text or "unsupported file format" in text:
            return DamagedFile(path, str(exc))
        if code == _IOERR or "disk i/o" in text:
            return DriveUnavailable(path)
        if code == _CANTOPEN or "unable to open" in text:
            return read_only_place(path)
        return None
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
            return DiskFull(path)
        if getattr(exc, "winerror", None) == _SHARING_VIOLATION or exc.errno == errno.EBUSY:
            return FileLocked(path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return read_only_place(path)
        if exc.errno == errno.ENOENT:
            return FileMissing(path)
        if exc.errno == errno.EIO:
            return DriveUnavailable(path)
    return None
