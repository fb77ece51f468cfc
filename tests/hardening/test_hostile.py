"""Hostile files never crash or hang the readers, always get one clear line, and stay as they
were (quick subset: 120 plans, 100 JSON files, 45 spreadsheets, 24 district files full of
hostile names taken through import, check, every export and the report; the full run has
1,000 of each and 1,200 named files: `python -m tests.hardening.run_full`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import DamagedFile, NotACoherenceFile, NotJson
from coherence_planner.storage.interchange import read_json
from tests.hardening.corpus import run_corpus
from tests.hardening.hostile import base_plan
from tests.hardening.probe import probe

QUICK = {"plans": 120, "json": 100, "sheets": 45, "names": 24}


@pytest.mark.parametrize("family", sorted(QUICK))
def test_hostile_corpus(family: str, tmp_path: Path) -> None:
    outcome = run_corpus(family, tmp_path, QUICK[family], seed=1)
    assert outcome.failures == {}
    assert outcome.files == QUICK[family]


def _plan(tmp_path: Path, *sql: str) -> Path:
    path = tmp_path / "plan.coherence"
    path.write_bytes(base_plan())
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in sql:
        conn.execute(statement)
    conn.close()
    return path


def test_a_plan_switched_to_wal_is_refused_before_sqlite_touches_it(tmp_path: Path) -> None:
    path = _plan(tmp_path, "PRAGMA journal_mode = WAL")
    before = path.read_bytes()
    with pytest.raises(NotACoherenceFile, match="write-ahead log"):
        Document.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.coherence"]


def test_deeply_nested_stored_data_is_damage_not_a_crash(tmp_path: Path) -> None:
    path = _plan(tmp_path, "UPDATE items SET data = '" + "[" * 100_000 + "' WHERE rowid = 1")
    with pytest.raises(DamagedFile, match="nested too deeply"):
        Document.open(path)


def test_text_that_is_not_utf8_is_damage_not_a_crash(tmp_path: Path) -> None:
    path = _plan(tmp_path, "UPDATE items SET data = CAST(X'7BFF95' AS TEXT) WHERE rowid = 1")
    with pytest.raises(DamagedFile, match="UTF-8"):
        Document.open(path)


def test_deeply_nested_json_names_where(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"goals":\n' + "[" * 50_000)
    with pytest.raises(NotJson, match="nested too deeply") as caught:
        read_json(path)
    assert (caught.value.line, caught.value.column) == (2, 50_000)


def test_probe_notices_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge itself: an exception escaping the command line is reported, not missed."""
    path = tmp_path / "district.json"
    path.write_text("{}")

    def explode(_path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("coherence_planner.storage.interchange.read_json", explode)
    assert probe(path) == ["crashes: RuntimeError: boom"]
