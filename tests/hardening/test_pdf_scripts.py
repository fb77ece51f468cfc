"""Issue 18, case 11, and issue 26: names in any script print. Letters DejaVu Sans lacks are
drawn in a font the computer has; a letter no font on the computer has is named before
printing, with the font to install. Here the machine's fonts are taken away (a laptop with
no CJK or emoji font), so the messages are the same on every machine."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal
from coherence_planner.reports import script_fonts
from coherence_planner.reports.pdf_export import print_problems
from coherence_planner.storage.interchange import write_json

NAMES = {
    "学习 for all": "install Noto Sans CJK",
    "한국어 readers": "install Noto Sans CJK",
    "Readers \U0001f680": "install Noto Emoji",
}


class NoFonts(script_fonts.Finder):
    def look_for(self, codes: Iterable[int]) -> None:
        pass


def test_names_no_font_can_print_are_named_with_the_font_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(script_fonts, "FINDER", NoFonts())
    district = District(name="Distrito Ñandú — Đà Nẵng ≥ Ελλάδα")
    # Arabic is drawn by DejaVu Sans itself, joined and right to left: not a problem.
    names = [*NAMES, "مرحبا بالجميع", "Every student reads"]
    for n, name in enumerate(names, start=1):
        district.add_item(Goal(id=f"G{n}", name=name))
    problems = print_problems(district)
    assert len(problems) == len(NAMES), problems
    for name, why in NAMES.items():
        assert any(name in p and why in p for p in problems), problems
    source = tmp_path / "d.json"
    write_json(district, source)
    assert main(["export", str(source), str(tmp_path / "map.pdf"), "--map", "--landscape"]) == 0
    out = capsys.readouterr().out
    assert out.count("note: ") == len(NAMES) and "Wrote" in out, out
