"""Two instances and a stale lock: the second is told who holds the plan; after the first is
killed with SIGKILL, its lock is recovered and the plan opens whole."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtCore")

from coherence_planner.cli import main
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import FileLocked
from coherence_planner.storage.interchange import write_json
from coherence_planner.ui.documents import locks
from tests.hardening.crash import ROOT, base_district, integrity

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_second_instance_is_told_who_holds_the_plan_and_a_killed_holder_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # lock files live in the temp folder
    plan = tmp_path / "plan.coherence"
    Document.create(plan, base_district(20)).close()
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.hardening.lock_holder", str(plan)],
        cwd=ROOT,
        env=dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        with pytest.raises(locks.HeldByAnotherWindow) as held:
            locks.acquire(plan)
        message = held.value.message
        assert f"process {holder.pid}" in message and socket.gethostname() in message
        assert "plan.coherence" in message
        with pytest.raises(FileLocked):
            Document.open(plan)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]

    lock = locks.acquire(plan)  # the dead holder's lock is stale and recovered
    try:
        with Document.open(plan) as doc:
            assert len(doc.district.items) == len(base_district(20).items)
        assert integrity(plan) == "ok"
    finally:
        lock.unlock()


def test_the_command_line_names_the_holder_and_still_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18, case 11: `import --into` said only "open in another window or by another
    person", and `check` and `export` were refused while the app held the plan."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    plan = tmp_path / "plan.coherence"
    Document.create(plan, base_district(20)).close()
    source = tmp_path / "new.json"
    write_json(base_district(5), source)
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.hardening.lock_holder", str(plan)],
        cwd=ROOT,
        env=dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        assert main(["import", str(source), "--into", str(plan), "--replace"]) == 2
        err = capsys.readouterr().err
        assert f"process {holder.pid}" in err and socket.gethostname() in err, err
        assert main(["check", str(plan)]) == 0
        assert main(["export", str(plan), str(tmp_path / "out.json")]) == 0
        assert capsys.readouterr().err == ""
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
