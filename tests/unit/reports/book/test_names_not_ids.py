"""Names, never ids, in every table a board member reads (issue 27): no cell of any table the
report builds is a bare item id such as G1, S11 or P4."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from coherence_planner.reports.book import styles as book_styles
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district

BARE_ID = re.compile(r"^[BGLPST]\d+$")


def _text(cell: object) -> list[str]:
    if isinstance(cell, str):
        return [cell]
    if isinstance(cell, Paragraph):
        return [cell.getPlainText()]
    if isinstance(cell, list | tuple):
        return [t for part in cell for t in _text(part)]
    return []


def test_no_table_cell_is_a_bare_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[list[list[object]]] = []

    class Recorded(book_styles.RowTable):  # type: ignore[misc]
        def __init__(self, head, body, *args, **kwargs):  # type: ignore[no-untyped-def]
            made.append([list(head), *(list(row) for row in body)])
            super().__init__(head, body, *args, **kwargs)

    monkeypatch.setattr(book_styles, "RowTable", Recorded)
    district = sample_district()
    export_pdf(district, tmp_path / "r.pdf", PdfOptions(paper="letter"), today=dt.date(2026, 3, 9))
    assert made, "the report built no table"
    ids = [
        text.strip()
        for table in made
        for row in table
        for cell in row
        for text in _text(cell)
        if BARE_ID.match(text.strip()) and text.strip() in district.items
    ]
    assert ids == []


@pytest.mark.parametrize("paper", ["letter", "tabloid"])
def test_goal_map_headings_name_the_goal_whole(tmp_path: Path, paper: str) -> None:
    """Each goal's map page is headed by its whole name, wrapped rather than cut, on the
    page of its drawing and the drawing's key."""
    district = sample_district()
    path = tmp_path / f"{paper}.pdf"
    export_pdf(district, path, PdfOptions(paper=paper), today=dt.date(2026, 3, 9))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
    long_names = [g.label for g in district.items_of("goal") if g.live and len(g.label) > 60]
    assert long_names, "the sample has no goal name longer than a heading's line"
    for name in long_names:
        heading = f"Line of sight: {name}"
        start = f"Line of sight: {' '.join(name.split()[:4])}"
        # (the contents page names the goal too: a map page is one with a card key)
        headed = [text for text in pages if start in text and "Key to the cards" in text]
        assert headed, f"no map page for {name!r}"
        for text in headed:
            assert heading in text, f"heading cut: {name!r}"
            assert "Key to the cards" in text[text.index(heading) :], f"map moved: {name!r}"
