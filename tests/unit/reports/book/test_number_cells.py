"""Number cells (`right`) are plain text where one line holds them, drawn exactly where the
right-aligned "num" paragraph drew them (issue 29: a Paragraph per number was most of the
10,000-program report's paragraphs)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from coherence_planner.reports.book.styles import Number, RowTable, paper_type, right, styles, table
from coherence_planner.reports.fonts import register_fonts
from coherence_planner.reports.markup import esc

WIDTHS = (200.0, 60.0, 60.0)


def _body(made: RowTable) -> list[list[object]]:
    return made._body


def test_a_number_in_a_right_aligned_column_that_fits_is_plain_text() -> None:
    register_fonts()
    made = table(
        ("Name", "Count", "Cost"), [["Reading", right("1,234"), "x"]], WIDTHS, align_right=(1,)
    )
    cell = _body(made)[0][1]
    assert type(cell) is str and cell == "1,234"


def test_a_number_elsewhere_or_too_long_stays_a_right_aligned_paragraph() -> None:
    register_fonts()
    long = "12,345,678,901 programs and more"
    rows = [["Reading", right(long), right("7")]]
    made = table(("Name", "Count", "Cost"), rows, WIDTHS, align_right=(1,))
    too_long, other_column = _body(made)[0][1], _body(made)[0][2]
    for cell, text in ((too_long, long), (other_column, "7")):
        assert isinstance(cell, Paragraph)
        assert cell.style is styles()["num"]
        assert cell.getPlainText() == text


def test_right_marks_its_text_and_keeps_it() -> None:
    assert isinstance(right("$5"), Number) and right("$5") == "$5"


def _glyph_origins(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each drawn text with the page position of its origin."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            # The origin on the page: the text matrix's translation through the current matrix.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), round(x, 2), round(y, 2)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def _drawn(cells: list[list[object]], paper: tuple[float, float]) -> list[tuple[str, float, float]]:
    out = io.BytesIO()
    made = table(("Name", "Count"), [["Reading", "x"]], WIDTHS[:2], align_right=(1,))
    piece = made._piece(1)  # the same styles and heights, the cells given here
    laid = Table(cells, colWidths=WIDTHS[:2], rowHeights=piece._argH, hAlign="LEFT")
    laid.setStyle(made._style)
    SimpleDocTemplate(out, pagesize=paper).build([laid])
    return _glyph_origins(out.getvalue())


@pytest.mark.parametrize("paper", [(612.0, 792.0), (792.0, 1224.0)])  # Letter, Tabloid
def test_a_plain_number_is_drawn_where_its_paragraph_was(paper: tuple[float, float]) -> None:
    register_fonts()
    with paper_type(paper):
        text = "$12,500"
        head = [Paragraph("Name", styles()["head"]), Paragraph("Count", styles()["head-right"])]
        as_paragraph = _drawn([head, ["Reading", Paragraph(esc(text), styles()["num"])]], paper)
        cell = _body(
            table(("Name", "Count"), [["Reading", right(text)]], WIDTHS[:2], align_right=(1,))
        )
        as_plain = _drawn([head, ["Reading", cell[0][1]]], paper)
    assert type(cell[0][1]) is str
    assert [t for t in as_plain if t[0] == text]
    assert as_plain == as_paragraph
