"""The tiled poster is the map set for paper, cut between lanes and rows (issue 26).

Read back from the PDF itself: every rectangle drawn (cards, bands) and every text's size,
through the page's transformations, so the checks hold whatever the layout code says.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.map.crowded import crowded_district

PAGE_MARGIN = 30.0  # the poster's printable area starts here on every side
OVERLAP = 18.0  # the strip a left or upper neighbour is glued over

Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def drawn(page: object) -> tuple[list[tuple[float, float, float, float]], list[float]]:
    """The page's rectangles (x0, y0, x1, y1 in page points) and its text sizes."""
    ctm: Matrix = (1, 0, 0, 1, 0, 0)
    stack: list[Matrix] = []
    rects: list[tuple[float, float, float, float]] = []
    sizes: list[float] = []
    for operands, operator in page.get_contents().operations:  # type: ignore[attr-defined]
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [(x, y), (x + w, y + h)]
            a, b, c, d, e, f = ctm
            xs = [a * px + c * py + e for px, py in corners]
            ys = [b * px + d * py + f for px, py in corners]
            rects.append((min(xs), min(ys), max(xs), max(ys)))
        elif operator == b"Tf":
            a, b, c, d, _e, _f = ctm
            sizes.append(float(operands[1]) * math.sqrt(abs(a * d - b * c)))
    return rects, sizes


def poster(tmp_path: Path, district, paper: str, landscape: bool, grid: tuple[int, int]) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{paper}-{grid[0]}x{grid[1]}.pdf"
    pages = export_pdf(district, out, PdfOptions("map", paper, landscape, tile=grid))
    assert pages == grid[0] * grid[1]
    return out


@pytest.mark.parametrize(
    ("make", "paper", "landscape", "grid"),
    [
        (sample_district, "tabloid", False, (2, 1)),
        (sample_district, "letter", True, (3, 2)),
        (crowded_district, "letter", True, (2, 1)),
        # Its lanes fill three sheets at the largest scale whose lanes fit across one; they
        # are spread over all six rather than leaving half the poster blank.
        (crowded_district, "letter", True, (3, 2)),
    ],
)
def test_the_poster_cuts_between_cards_and_prints_every_name_readably(
    tmp_path: Path,
    make,
    paper: str,
    landscape: bool,
    grid: tuple[int, int],  # type: ignore[no-untyped-def]
) -> None:
    # The screen's map was cut wherever a sheet ended, through cards and names, and its
    # smallest text printed at 6 pt; the paper map flows its lanes down the poster's
    # columns, so each sheet ends between two lanes or two rows of cards.
    district = make()
    out = poster(tmp_path, district, paper, landscape, grid)
    reader = PdfReader(str(out))
    columns, rows = grid
    assert len(reader.pages) == columns * rows
    filled = 0
    for number, page in enumerate(reader.pages):
        row, column = divmod(number, columns)
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # Nothing drawn past the sheet's cut edges, nor under a neighbour's glue strip.
        left = PAGE_MARGIN + (OVERLAP if column else 0.0)
        top = height - PAGE_MARGIN - (OVERLAP if row else 0.0)
        rects, sizes = drawn(page)
        rects = [r for r in rects if r[1] < height - PAGE_MARGIN]  # not the guide's grid
        for x0, y0, x1, y1 in rects:
            inside = left - 0.01 <= x0 and x1 <= width - PAGE_MARGIN + 0.01
            assert inside and y0 >= PAGE_MARGIN - 0.01 and y1 <= top + 0.01, (
                number + 1,
                (x0, y0, x1, y1),
            )
        filled += bool(rects)
        assert min(sizes) >= 7.0 - 1e-6, (number + 1, min(sizes))
    assert filled == columns * rows  # the map is set large enough to use every sheet
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split()).replace("- ", "-")  # a name wraps after a hyphen
    for item in district.items.values():
        if item.live:
            assert all(w in words for w in item.label.split()), item.label


def test_every_sheet_says_what_it_is_and_how_it_goes_together(tmp_path: Path) -> None:
    # Only the first sheet carried the plan's title; the others had "row r, column c" in
    # small print at the bottom, and nothing said which sheet goes over which.
    district = sample_district()
    out = poster(tmp_path, district, "letter", True, (3, 2))
    reader = PdfReader(str(out))
    for number, page in enumerate(reader.pages, start=1):
        row, column = divmod(number - 1, 3)
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        words = " ".join(text.split())
        assert district.name in words, number
        assert f"sheet {number} of 6: row {row + 1}, column {column + 1}" in words, words
        assert "Trim at the crop marks" in words
        if column:
            assert f"sheet {number - 1} goes over the left strip" in words, words
        if row:
            assert f"sheet {number - 3} over the top strip" in words, words
        # Above the printed area, a grid of the poster's six sheets, this one filled.
        height = float(page.mediabox.height)
        rects, _sizes = drawn(page)
        grid = [r for r in rects if r[1] >= height - PAGE_MARGIN]
        assert len(grid) == 6, (number, grid)
        xs = sorted({round(r[0], 1) for r in grid})
        ys = sorted({round(r[1], 1) for r in grid}, reverse=True)
        assert (len(xs), len(ys)) == (3, 2)
        assert _filled_cell(page, height) == (xs[column], ys[row]), number


def _filled_cell(page: object, height: float) -> tuple[float, float]:
    """The corner of the one grid cell above the printed area painted dark (filled after
    a fill colour darker than the rest)."""
    fill = (1.0, 1.0, 1.0)
    dark: list[tuple[float, float]] = []
    for operands, operator in page.get_contents().operations:  # type: ignore[attr-defined]
        if operator == b"rg":
            fill = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif operator == b"re" and sum(fill) < 1.0:
            x, y = float(operands[0]), float(operands[1])
            if y >= height - PAGE_MARGIN:
                dark.append((round(x, 1), round(y, 1)))
    assert len(dark) == 1, dark
    return dark[0]
