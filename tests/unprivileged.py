"""Run code as a user the file permissions bind, even when the tests run as root.

Root ignores file modes, so a chmod 0555 folder proves nothing in a root process (the audit
of issue 24 found the read-only-folder tests passing as root while the app lost edits for
every ordinary user). `run_unprivileged` runs a Python snippet in a subprocess as nobody
(uid 65534) with every capability dropped (setpriv), against real SQLite in a real folder;
as an ordinary user it simply runs it as that user. `read_only_folder` makes a folder that
user can read but not write: a plan in it is writable, the folder is 0555.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import coherence_planner

NOBODY = 65534
_ROOT = Path(coherence_planner.__file__).resolve().parent.parent


def unprivileged_prefix() -> list[str]:
    """The words that run a command as nobody with every capability dropped, when these
    tests run as root ([] as any other user, who is bound by file modes already); the test
    is skipped where that cannot be done."""
    if os.name != "posix":
        pytest.skip("file permissions are tested on POSIX systems")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root needs setpriv to drop to an unprivileged user")
    return [
        setpriv,
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
    ]


def run_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `code` (with sys.argv[1:] = args) as an unprivileged user; check it succeeds."""
    env = dict(os.environ, PYTHONPATH=str(_ROOT), HOME="/tmp", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [*unprivileged_prefix(), sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@contextlib.contextmanager
def read_only_folder(name: str = "Plans") -> Iterator[Path]:
    """A fresh folder `name` (in /tmp, which every user can reach) for files the caller
    puts in it before `seal(folder)`; removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="coherence-ro-", dir="/tmp"))
    base.chmod(0o755)
    folder = base / name
    folder.mkdir()
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def seal(folder: Path) -> None:
    """Make every file in `folder` writable by anyone, and the folder itself 0555."""
    for entry in folder.iterdir():
        entry.chmod(0o666)
    folder.chmod(0o555)
