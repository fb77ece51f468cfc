"""`read_plan` (check, export, diff) gives reading the rows a budget of its own, as
Document.open does: checking the file first must not use up the time for reading it (a
20,000-program plan on a busy machine was refused as too slow to read)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.storage import document
from coherence_planner.storage.document import Document, read_plan

BUDGET = 0.5


def test_reading_the_rows_starts_a_budget_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, codec.district_from_dict(generate(2000, 1))).close()
    real = document._check_identity

    def slow_checks(conn: Any, where: Path) -> int:
        version = real(conn, where)
        time.sleep(BUDGET * 1.2)  # the checks of a big file on a busy machine
        return version

    monkeypatch.setattr(document, "_check_identity", slow_checks)
    district = read_plan(path, budget=BUDGET)
    assert len(district.items_of("program")) == 2000
