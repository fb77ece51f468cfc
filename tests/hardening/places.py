"""Hostile places for a plan: a small disk that fills up, and a folder nobody may write to.

Both are real file systems when the tests run as root on Linux (a size-limited tmpfs, and a
read-only bind mount: chmod does not bind root). As an ordinary user the read-only folder is
a chmod 0555 folder, and the small disk is skipped; `PRAGMA max_page_count` gives SQLite's
own "database or disk is full" everywhere (see test_environment.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


def _unmount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


@contextlib.contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted at `folder`, or skip the test."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder)):
        pytest.skip("mounting a small tmpfs needs root on Linux")
    try:
        yield folder
    finally:
        _unmount(folder)


@contextlib.contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """`source`'s contents seen through a folder that cannot be written to.

    As root: a read-only bind mount at `view`. Otherwise: `source` itself with mode 0555.
    """
    if os.name == "posix" and os.geteuid() != 0:
        mode = source.stat().st_mode
        source.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
        try:
            yield source
        finally:
            source.chmod(mode)
        return
    view.mkdir(parents=True, exist_ok=True)
    if not _mount("--bind", str(source), str(view)):
        pytest.skip("a read-only folder needs a bind mount (root) or an ordinary user")
    if not _mount("-o", "remount,bind,ro", str(view)):
        _unmount(view)
        pytest.skip("this system cannot remount a bind mount read-only")
    try:
        yield view
    finally:
        _unmount(view)
