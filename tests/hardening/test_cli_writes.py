"""Issue 24: the command line never shows a traceback, and never says it wrote what it did
not. Every write site (export to JSON, Excel, CSV, PDF, SVG, PNG; import into a new or an
existing plan) is tried in a really read-only folder (as an unprivileged user: root ignores
permissions), on a really full disk where the system allows mounting one, and with a
failure injected at the write (ENOSPC, EACCES, EIO): each time the command exits non-zero
with one sentence, and the file on disk is as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.cli import spreadsheets as spreadsheet_cli
from coherence_planner.storage import atomic, rows
from tests.unprivileged import unprivileged_prefix

FORMATS = ("json", "xlsx", "csv", "pdf", "svg", "png")
INVENTORY = "Program Name,Annual Cost\n" + "".join(f"Program {i},{i * 100}\n" for i in range(40))


def one_sentence(err: str) -> str:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("coherence-planner: "), err
    return lines[0]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder under /tmp that an unprivileged user can read (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="coherence-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line as a user whom file permissions bind (root bypasses them)."""
    command = [*unprivileged_prefix(), sys.executable, "-m", "coherence_planner", *args]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": "/nonexistent"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def make_plan(folder: Path) -> Path:
    plan = folder / "plan.coherence"
    assert main(["demo", "--out", str(plan)]) == 0
    plan.chmod(0o666)  # the file itself is writable: only its folder is not
    return plan


@pytest.mark.parametrize("suffix", FORMATS)
def test_export_to_a_read_only_folder_says_which_folder(shared_dir: Path, suffix: str) -> None:
    plan = make_plan(shared_dir)
    out = shared_dir / "Board packet"
    out.mkdir(mode=0o555)
    out.chmod(0o555)
    done = run_unprivileged("export", str(plan), str(out / f"map.{suffix}"))
    assert done.returncode != 0
    sentence = one_sentence(done.stderr)
    assert f"map.{suffix}" in sentence and "“Board packet” (the folder is read-only)" in sentence
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("existing", [True, False])
def test_import_into_a_read_only_folder_never_says_imported(
    shared_dir: Path, existing: bool
) -> None:
    folder = shared_dir / "Plans"
    folder.mkdir()
    plan = make_plan(folder) if existing else folder / "plan.coherence"
    before = plan.read_bytes() if existing else None
    inventory = shared_dir / "inventory.csv"
    inventory.write_text(INVENTORY)
    inventory.chmod(0o644)
    folder.chmod(0o555)
    done = run_unprivileged("import", str(inventory), "--into", str(plan))
    assert done.returncode != 0
    assert "Imported" not in done.stdout and "Created" not in done.stdout
    assert "“Plans” (the folder is read-only)" in one_sentence(done.stderr)
    assert (plan.read_bytes() if existing else plan.exists()) == (before if existing else False)
    assert sorted(p.name for p in folder.iterdir()) == (["plan.coherence"] if existing else [])


# ------------------------------------------------------------------------ injected failures


def fail_with(code: int) -> object:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return failing


# Where each failure is injected: ENOSPC when the data is flushed to the disk (fsync_path),
# EACCES when the temporary file is made (mkstemp: a folder the user may not write), EIO
# when the finished file is moved over the old one (os.replace).
INJECTED = {
    errno.ENOSPC: ((atomic, "fsync_path"), "is full"),
    errno.EACCES: ((atomic.tempfile, "mkstemp"), "(the folder is read-only)"),
    errno.EIO: ((atomic.os, "replace"), "stopped answering"),
}


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("code", list(INJECTED))
def test_a_failed_export_write_leaves_the_old_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
    code: int,
) -> None:
    plan = make_plan(tmp_path)
    out = tmp_path / f"out.{suffix}"
    out.write_bytes(b"the export of last week")
    capsys.readouterr()
    (owner, name), expected = INJECTED[code]
    monkeypatch.setattr(owner, name, fail_with(code))
    assert main(["export", str(plan), str(out)]) != 0
    captured = capsys.readouterr()
    assert "Wrote" not in captured.out
    assert expected in one_sentence(captured.err)
    assert out.read_bytes() == b"the export of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out." + suffix, "plan.coherence"]


def disk_full(*args: object, **kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


@pytest.mark.parametrize("existing", [True, False])
def test_a_full_disk_during_import_says_so_and_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    existing: bool,
) -> None:
    plan = make_plan(tmp_path) if existing else tmp_path / "plan.coherence"
    before = plan.read_bytes() if existing else b""
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(INVENTORY)
    capsys.readouterr()
    monkeypatch.setattr(rows, "write_changes" if existing else "write_all", disk_full)
    assert main(["import", str(inventory), "--into", str(plan)]) != 0
    captured = capsys.readouterr()
    assert "Imported" not in captured.out and "Created" not in captured.out
    assert "The disk holding “plan.coherence” is full" in one_sentence(captured.err)
    assert (plan.read_bytes() if existing else b"") == before
    assert plan.exists() == existing


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A real 256 KB file system, mounted for the test (needs root and a kernel that lets
    this process mount; skipped elsewhere)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    folder = Path(tempfile.mkdtemp(prefix="coherence-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("this system does not allow mounting a file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


def test_a_really_full_disk_during_import_and_export(
    tiny_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = make_plan(tmp_path)
    shutil.copy(plan, tiny_disk / "plan.coherence")
    plan = tiny_disk / "plan.coherence"
    free = shutil.disk_usage(tiny_disk).free
    (tiny_disk / "filler").write_bytes(b"\0" * (free - 16 * 1024))  # 16 KB left
    before = plan.read_bytes()
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "Program Name,Description\n" + "".join(f"Program {i},{'x' * 300}\n" for i in range(500))
    )
    capsys.readouterr()
    assert main(["import", str(inventory), "--into", str(plan)]) != 0
    captured = capsys.readouterr()
    assert "Imported" not in captured.out
    assert "is full" in one_sentence(captured.err)
    assert plan.read_bytes() == before
    for suffix in ("json", "xlsx", "pdf"):
        assert main(["export", str(plan), str(tiny_disk / f"out.{suffix}")]) != 0
        assert "is full" in one_sentence(capsys.readouterr().err)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "plan.coherence"]


def test_a_bug_is_one_sentence_with_the_details_in_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(INVENTORY)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in planning the import")

    monkeypatch.setattr(spreadsheet_cli, "plan_import", broken)
    assert main(["import", str(inventory), "--into", str(tmp_path / "plan.coherence")]) == 2
    sentence = one_sentence(capsys.readouterr().err)
    assert "stopped by a bug (RuntimeError: a bug in planning the import)" in sentence
    details = Path(sentence.split("the details are in ")[1].split(": send")[0])
    assert "Traceback" in details.read_text(encoding="utf-8")
    details.unlink()
