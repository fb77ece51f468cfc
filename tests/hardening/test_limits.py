"""Audit case 10: a district too big for the app is refused before anything is written,
and the message gives the limits. The audit's valid 168 MB JSON ran 100 s, then failed
with "may be damaged" and left a 491 MB plan in place of the target (also with --replace).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.district import District
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import MAX_JSON_BYTES


def target_plan(tmp_path: Path, district: District) -> tuple[Path, bytes]:
    plan = tmp_path / "plan.coherence"
    Document.create(plan, district).close()
    return plan, plan.read_bytes()


def test_a_file_over_the_size_limit_leaves_the_target_as_it_was(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, before = target_plan(tmp_path, district)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # sparse: the size is what matters, not the bytes
        handle.write(b'{"format": "coherence-planner/district", "goals": [')
        handle.truncate(MAX_JSON_BYTES + 1)
    for extra in ([], ["--replace"]):
        assert main(["import", str(big), "--into", str(plan), *extra]) == 2
        err = capsys.readouterr().err
        assert "too large" in err and "50 MB" in err and f"{F.MAX_ITEMS:,} items" in err, err
        assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json", "plan.coherence"]


def test_too_many_items_are_refused_with_the_limits(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, before = target_plan(tmp_path, district)
    source = tmp_path / "many.json"
    goals = [{"id": f"G{n}", "name": "g"} for n in range(F.MAX_ITEMS + 1)]
    source.write_text(
        json.dumps({"format": "coherence-planner/district", "version": 1, "goals": goals})
    )
    assert main(["import", str(source), "--into", str(plan), "--replace"]) == 2
    err = capsys.readouterr().err
    assert f"{F.MAX_ITEMS + 1:,} items" in err and f"at most {F.MAX_ITEMS:,} items" in err, err
    assert plan.read_bytes() == before
