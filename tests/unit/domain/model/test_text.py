"""Issue 24: bidi controls and invisible format characters in names never reverse what is
drawn. One function (domain/model/text.py) removes them for display; each surface is checked:
the names the map's cards and sentences use, the SVG, the report PDF, the map PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.geometry import card_text
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.text import BIDI_CONTROLS, visible
from coherence_planner.reports.map.svg import map_to_svg
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.factories import b, g, make, p, sup

RLO, PDF_, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
TRAP = f"Tutoring{RLO}gnidaeR{PDF_} lab\u200f\u2060\ufeff\u00ad"  # "Reading" typed reversed
SHOWN = "TutoringgnidaeR lab"
INVISIBLE = set(BIDI_CONTROLS) | {"\u2060", "\ufeff", "\u00ad"}


def _district() -> District:
    return make(
        name=f"{RLO}Riverside{PDF_} Unified",
        goals=[g("G1", name=f"{LRI}Readers{PDI}")],
        programs=[p("P1", name=TRAP), p("P2", name="\u05e9\u05dc\u05d5\u05dd Club \u200d")],
        policies=[b("B1", code=f"BP{RLO}1", name="Attendance")],
        links=[sup("P1", "G1"), sup("P2", "G1"), sup("B1", "G1")],
    )


def _hidden(text: str) -> set[str]:
    return INVISIBLE & set(text)


def test_visible_removes_every_control_and_keeps_letters_and_joiners() -> None:
    assert visible(TRAP) == SHOWN
    assert visible("\u05e9\u05dc\u05d5\u05dd \U0001f469\u200d\U0001f3eb") == (
        "\u05e9\u05dc\u05d5\u05dd \U0001f469\u200d\U0001f3eb"  # Hebrew and a ZWJ emoji kept
    )
    assert visible("plain") == "plain"
    assert all(visible(c) == "" for c in BIDI_CONTROLS)


def test_names_in_sentences_and_on_map_cards_are_drawn_without_controls() -> None:
    district = _district()
    assert district.items["P1"].name == TRAP  # the stored name keeps what was typed
    assert Names(district)("P1") == f"“{SHOWN}”"
    assert Names(district).plain("B1") == "Attendance (BP1)"  # the name first
    lines, _ = card_text(district.items["P1"], None)
    assert not _hidden("".join(lines))


def test_svg_has_no_controls() -> None:
    district = _district()
    analysis = analyse(district)
    text = map_to_svg(district, analysis, layout_map(district, analysis))
    assert not _hidden(text)
    assert "TutoringgnidaeR" in text and "Riverside Unified" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
@pytest.mark.parametrize("kind", ["report", "map"])
def test_pdf_has_no_controls(kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.pdf"
    export_pdf(_district(), out, PdfOptions(kind=kind))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    # pdftotext itself wraps right-to-left runs (the Hebrew name) in U+202B ... U+202C.
    assert not _hidden(text) - {"\u202b", "\u202c"}
    assert "Riverside Unified" in text and "TutoringgnidaeR" in text
