"""Issue 18, case 11: CJK, Hangul and emoji printed as empty boxes and Arabic unjoined in
PDFs, silently. The PDF font stays DejaVu Sans (see the note of issue 18 for why no wider
font is shipped); the export now names every name that will not print as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal
from coherence_planner.reports.pdf_export import print_problems
from coherence_planner.storage.interchange import write_json

NAMES = {
    "学习 for all": "empty boxes",
    "한국어 readers": "empty boxes",
    "Readers 📚": "empty boxes",
    "مرحبا بالجميع": "unjoined",
}


def test_names_that_will_not_print_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    district = District(name="Distrito Ñandú — Đà Nẵng ≥ Ελλάδα")
    for n, name in enumerate([*NAMES, "Every student reads"], start=1):
        district.add_item(Goal(id=f"G{n}", name=name))
    problems = print_problems(district)
    assert len(problems) == len(NAMES)
    for name, why in NAMES.items():
        assert any(name in p and why in p for p in problems), problems
    source = tmp_path / "d.json"
    write_json(district, source)
    assert main(["export", str(source), str(tmp_path / "map.pdf"), "--map", "--landscape"]) == 0
    out = capsys.readouterr().out
    assert out.count("note: ") == len(NAMES) and "Wrote" in out, out
