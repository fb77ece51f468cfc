"""Audit case 6 (and the read-only half of 11): what a kill leaves beside a plan.

A hot journal made `check`, `export` and `diff` say "cannot write to ... or its folder";
a cold `-journal` and hidden `.plan.coherence-XXXX.tmp` files stayed forever; and while the
app held a plan, even `check` was refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.district import District
from coherence_planner.storage.document import Document
from coherence_planner.storage.leftovers import JOURNAL_MAGIC, journal_of
from tests.hardening.crash import ROOT, integrity

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX kills and locks")

# A writer killed after SQLite spilled changed pages into the plan (a tiny page cache).
KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN")
conn.execute("UPDATE items SET data = json_set(data, '$.notes', 'half-written ' || id)")
os._exit(0)
"""


def killed_mid_write(tmp_path: Path, district: District) -> Path:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=True, cwd=ROOT)
    assert journal_of(path).read_bytes()[:8] == JOURNAL_MAGIC  # hot
    return path


def test_hot_journal_is_read_through_quietly(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    path = killed_mid_write(tmp_path, district)
    other = tmp_path / "other.coherence"
    Document.create(other, district).close()
    before = (path.read_bytes(), journal_of(path).read_bytes())
    out = tmp_path / "out.json"
    assert main(["check", str(path)]) == 0
    assert main(["export", str(path), str(out)]) == 0
    assert main(["diff", str(path), str(other)]) == 0
    assert capsys.readouterr().err == ""
    exported = json.loads(out.read_text())
    assert exported == codec.district_to_dict(district)  # the last commit, not half a write
    assert (path.read_bytes(), journal_of(path).read_bytes()) == before  # read, never written


def test_next_open_rolls_back_and_removes_what_kills_left(
    tmp_path: Path, district: District
) -> None:
    path = killed_mid_write(tmp_path, district)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    stale = tmp_path / f".plan.coherence-{dead.stdout.strip()}-abc123.tmp"
    stale.write_bytes(b"SQLite format 3\x00half")
    live = tmp_path / f".plan.coherence-{os.getpid()}-def456.tmp"  # a write in progress
    live.write_bytes(b"")
    with Document.open(path) as doc:
        assert codec.district_to_dict(doc.district) == codec.district_to_dict(district)
        item = next(iter(doc.district.items))
        doc.apply(SetItemFields(doc.district, item, {"notes": "after"}))
    assert integrity(path) == "ok"
    assert not stale.exists() and live.exists()
    # The cold journal a kill of the app leaves (exclusive locking keeps it between
    # transactions) goes at the next open.
    journal_of(path).write_bytes(bytes(512))
    Document.open(path).close()
    assert not journal_of(path).exists()


def test_read_only_commands_work_while_the_app_holds_the_plan(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    with Document.open(path) as held:
        item = next(iter(held.district.items))
        held.apply(SetItemFields(held.district, item, {"notes": "while held"}))
        out = tmp_path / "out.json"
        assert main(["check", str(path)]) == 0
        assert main(["export", str(path), str(out)]) == 0
        assert capsys.readouterr().err == ""
        notes = {
            i["id"]: i["notes"]
            for s in ("goals", "strategies", "programs", "policies")
            for i in json.loads(out.read_text())[s]
        }
        assert notes[item] == "while held"
        # Writing is still refused: two writers would overwrite each other's edits.
        status = main(["import", str(out), "--into", str(path), "--replace"])
        assert status == 2 and "open" in capsys.readouterr().err
