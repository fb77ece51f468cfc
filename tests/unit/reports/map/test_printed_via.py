"""On paper, as on screen (issue 26): a strategy in a chain deeper than a driver diagram's
secondary drivers says on its card which strategies it reaches its goal through, in small
muted words inside the card's tagged paragraph."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.map.printed import MIN_PT, SMALL_PT, print_map
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.factories import g, make, p, s, sup
from tests.pdf_tags_check import problems


def _chain():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1", name="Readers by grade 3")],
        strategies=[
            s("S1", name="Literacy core"),
            s("S2", name="Coaching cycles"),
            s("S3", name="Data teams"),
            s("S4", name="Peer visits"),
        ],
        programs=[p("P1", name="Phonics groups"), p("P2", name="Reading coaches")],
        links=[
            sup("S1", "G1"), sup("S2", "S1"), sup("S3", "S2"), sup("S4", "S3"),
            sup("P1", "S4"), sup("P2", "S2"),
        ],
    )  # fmt: skip


def test_a_folded_strategys_card_says_its_chain() -> None:
    district = _chain()
    printed = print_map(district, analyse(district), 720.0)
    heads = {b.head.id: b.head for lane in printed.lanes for b in lane.blocks if b.head}
    # Wrapped in the strategy card's width, as its cycle is.
    assert heads["S4"].via == ["via Data teams › Coaching", "cycles"]
    assert heads["S3"].via == ["via Coaching cycles"]
    assert heads["S1"].via == heads["S2"].via == []  # a secondary driver's place says it
    assert SMALL_PT >= MIN_PT
    # The line takes room of its own on the card: nothing is drawn over the next one.
    assert heads["S4"].h > heads["S2"].h


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_printed_map_shows_the_chain_and_stays_tagged(tmp_path: Path) -> None:
    out = tmp_path / "chain.pdf"
    assert export_pdf(_chain(), out, PdfOptions("map", "letter")) == 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert "via Data teams › Coaching cycles" in words
    assert "via Coaching cycles" in words
    assert problems(out) == []
