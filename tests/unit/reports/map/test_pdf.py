"""The map PDF: set for paper, tiled on request, focused; readable or refused."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.paper import ExportError
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.factories import g, make, p, s, sup
from tests.unit.reports.helpers import (
    AMPERSAND,
    HOSTILE,
    hostile_district,
    missing_words,
    page_sizes,
    pdf_text,
)


def small_district():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1", name="Readers by grade 3")],
        programs=[p("P1", name="Phonics groups"), p("P2", name="Loose program")],
        links=[sup("P1", "G1")],
    )


@pytest.mark.parametrize(
    ("paper", "landscape", "size"),
    [
        ("letter", True, (792, 612)),
        ("legal", True, (1008, 612)),
        ("tabloid", False, (792, 1224)),
        ("a4", True, (841.8898, 595.2756)),
        ("a3", False, (841.8898, 1190.5512)),
    ],
)
def test_a_small_map_fits_one_page_of_every_paper(
    tmp_path: Path, paper: str, landscape: bool, size: tuple[float, float]
) -> None:
    out = tmp_path / "map.pdf"
    pages = export_pdf(small_district(), out, PdfOptions("map", paper, landscape))
    assert pages == 1
    [(w, h)] = page_sizes(out)
    assert (w, h) == pytest.approx(size, abs=0.01)
    text = pdf_text(out)
    for words in ("Readers by grade 3", "Phonics groups", "Loose program", "NOT LINKED"):
        assert not missing_words(text, words)
    assert "page 1 of 1" in text


def test_a_small_map_prints_on_portrait_letter_too(tmp_path: Path) -> None:
    assert export_pdf(small_district(), tmp_path / "m.pdf", PdfOptions("map", "letter")) == 1


def test_the_sample_map_tiles_as_a_tabloid_poster_with_labels(tmp_path: Path) -> None:
    district = sample_district()
    out = tmp_path / "poster.pdf"
    # Since issue 26 the poster is the paper map, its lanes flowed down the sheets' columns
    # (the screen's map, cut as it was, needed five sheets across and two down).
    pages = export_pdf(district, out, PdfOptions("map", "tabloid", tile=(2, 2)))
    assert pages == 4
    assert set(page_sizes(out)) == {(792.0, 1224.0)}
    text = pdf_text(out)
    assert "sheet 3 of 4: row 2, column 1" in " ".join(text.split())
    joined = text.replace("- ", "-")  # a name wraps after a hyphen
    for item in district.items.values():
        if item.live:  # each card by its name (cards carry names, never ids)
            assert not missing_words(joined, item.label), item.id
    assert not re.search(r"\b[GSP]\d+\b", text)


def test_a_grid_too_small_for_readable_text_is_refused(tmp_path: Path) -> None:
    # The paper map of the sample fills four Letter sheets at 7 pt (the screen's map, cut
    # before issue 26, needed more); one sheet is refused, naming a grid that fits.
    with pytest.raises(ExportError, match=r"On 1x1 pages of Letter portrait.*--tile 2x2$"):
        export_pdf(sample_district(), tmp_path / "m.pdf", PdfOptions("map", tile=(1, 1)))


def test_a_map_focused_on_one_goal_prints_its_line_of_sight(tmp_path: Path) -> None:
    district = small_district()
    out = tmp_path / "focus.pdf"
    export_pdf(district, out, PdfOptions("map", "letter", True, goal="G1"))
    text = pdf_text(out)
    assert "line of sight: Readers by grade 3" in text
    assert "Phonics groups" in text


def test_the_focused_poster_and_the_focused_page_share_one_subtitle(tmp_path: Path) -> None:
    # The tiled poster once said "focused on <name> (G1)", an id beside the page's wording.
    district = small_district()
    page, poster = tmp_path / "page.pdf", tmp_path / "poster.pdf"
    export_pdf(district, page, PdfOptions("map", "letter", True, goal="G1"))
    export_pdf(district, poster, PdfOptions("map", "letter", True, tile=(1, 1), goal="G1"))
    for out in (page, poster):
        text = pdf_text(out)
        assert "Coherence map · line of sight: Readers by grade 3 · 2026-27" in text, out.name
        assert "G1" not in text, out.name


def test_focus_needs_a_live_goal(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="P1: no live goal"):
        export_pdf(small_district(), tmp_path / "m.pdf", PdfOptions("map", goal="P1"))


def test_hostile_names_print_literally_on_the_map(tmp_path: Path) -> None:
    district = hostile_district()
    out = tmp_path / "map.pdf"
    export_pdf(district, out, PdfOptions("map", "tabloid", True, tile=(2, 2)))
    text = pdf_text(out)
    assert "Distrito <Escolar> & Co — Łódź" in text
    assert not missing_words(text, AMPERSAND)
    # The card wraps the long name over lines; joined up, every character is there.
    assert HOSTILE.replace(" ", "") in text.replace(" ", "")
    assert analyse(district).orphans  # the orphan card carries its flag word
    assert "NOT LINKED" in text


def test_the_printed_map_shows_each_strategys_running_cycle(tmp_path: Path) -> None:
    fall = {"start": "2026-09-01", "end": "2026-10-15", "focus": "Screen every reader"}
    district = make(goals=[g("G1")], strategies=[s("S1", cycles=[fall])], links=[sup("S1", "G1")])
    out = tmp_path / "map.pdf"
    # The poster (since issue 26 the map set for paper, cut into sheets, no longer the
    # screen's map) carries the strategy's running cycle; the pages set for paper not yet.
    options = PdfOptions("map", "letter", True, tile=(1, 1))
    export_pdf(district, out, options, today=dt.date(2026, 10, 1))
    assert not missing_words(pdf_text(out), "Cycle to 10-15: Screen every reader")
