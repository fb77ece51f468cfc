"""The report as a board book (issue 27, finding 11): one orientation, charts as vectors with
whole goal names, type that grows with the paper, tables kept with what introduces them, and
no page left mostly empty in the middle of a section."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from coherence_planner.reports.book import styles as book_styles
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import page_sizes

TODAY = dt.date(2026, 3, 9)
_cache: dict[Path, list[list[tuple[str, float, float]]]] = {}
MARGIN = 50.0


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("book")
    out = {}
    for paper in ("letter", "tabloid"):
        out[paper] = folder / f"{paper}.pdf"
        export_pdf(sample_district(), out[paper], PdfOptions(paper=paper), today=TODAY)
    return out


def _texts(path: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's text runs: (text, font size as printed, baseline y)."""
    if path not in _cache:
        _cache[path] = _read_runs(path)
    return _cache[path]


def _read_runs(path: Path) -> list[list[tuple[str, float, float]]]:
    pages = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size, runs=runs):  # type: ignore[no-untyped-def]
            if text.strip():
                scale = abs(tm[3] * cm[3]) or 1.0
                runs.append((text.strip(), size * scale, tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


@pytest.mark.parametrize("paper", ["letter", "tabloid"])
def test_one_orientation_throughout(books: dict[str, Path], paper: str) -> None:
    assert len(set(page_sizes(books[paper]))) == 1


def test_charts_are_vectors_with_whole_goal_names(books: dict[str, Path]) -> None:
    reader = PdfReader(str(books["letter"]))
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    # The spending chart prints each goal's name in full (wrapped), as text in the PDF.
    summary = next(p for p in reader.pages if "Program spending attributed" in p.extract_text())
    words = " ".join(summary.extract_text().split())
    for goal in sample_district().items_of("goal"):
        for word in goal.label.split():
            assert word in words, (goal.label, word)


def _first_sizes(path: Path) -> dict[str, float]:
    """The printed size of the summary's sentence (body type) and of a measure in its
    table (table type), where each first appears."""
    sizes: dict[str, float] = {}
    for runs in _texts(path):
        for text, size, _ in runs:
            for start in ("The key numbers", "How complete"):
                if text.startswith(start):
                    sizes.setdefault(start, size)
    return sizes


def test_type_grows_with_the_paper(books: dict[str, Path]) -> None:
    letter, tabloid = _first_sizes(books["letter"]), _first_sizes(books["tabloid"])
    assert len(letter) == len(tabloid) == 2
    assert min(tabloid.values()) >= 10.0  # the tables' type; the body's is larger
    for start, size in letter.items():
        assert tabloid[start] >= size * 1.25, start


def _section_starts(path: Path) -> set[int]:
    reader = PdfReader(str(path))
    return {
        reader.get_destination_page_number(entry)
        for entry in reader.outline
        if not isinstance(entry, list)
    }


@pytest.mark.parametrize("paper", ["letter", "tabloid"])
def test_no_page_half_empty_inside_a_section(books: dict[str, Path], paper: str) -> None:
    path = books[paper]
    starts = _section_starts(path)
    pages = len(page_sizes(path))
    lonely = [
        (n + 1, round(_used(path, n), 2))
        for n in range(2, pages - 1)  # after the cover and the contents
        if n + 1 not in starts and _used(path, n) < 0.5  # a section's last page may be short
    ]
    assert not lonely


def _used(path: Path, page: int) -> float:
    """How much of the page's frame its text reaches down to."""
    _, height = page_sizes(path)[page]
    runs = _texts(path)[page]
    lowest = min((y for _, _, y in runs if y > MARGIN), default=height)
    return (height - MARGIN - lowest) / (height - 2 * MARGIN)


@pytest.mark.parametrize("paper", ["letter", "tabloid"])
def test_summary_and_charts_use_their_pages(books: dict[str, Path], paper: str) -> None:
    path = books[paper]
    reader = PdfReader(str(path))
    titles = {
        e.title: reader.get_destination_page_number(e)
        for e in reader.outline
        if not isinstance(e, list)
    }
    assert _used(path, titles["Summary"]) > 0.7
    assert _used(path, titles["Charts"]) > 0.6


def test_a_short_table_moves_whole_with_its_heading(tmp_path: Path) -> None:
    rows = [[f"Row {n}", "x"] for n in range(3)]
    made = book_styles.table(("Name", "Value"), rows, (200, 100))
    heading = Paragraph("Heading")
    out = tmp_path / "t.pdf"
    doc = SimpleDocTemplate(str(out))
    _, table_h = made.wrap(doc.width, doc.height)
    _, heading_h = heading.wrap(doc.width, doc.height)
    # Room below the heading for the header and two of the three rows.
    story = [Spacer(1, doc.height - heading_h - table_h + table_h / 8), heading, made]
    doc.build(story)
    found: dict[str, list[int]] = defaultdict(list)
    for n, page in enumerate(PdfReader(str(out)).pages):
        for word in ("Row 0", "Row 1", "Row 2"):
            if word in page.extract_text():
                found[word].append(n)
    assert found["Row 0"] == found["Row 1"] == found["Row 2"] == [1]


def test_every_map_page_explains_its_marks(books: dict[str, Path]) -> None:
    for page in PdfReader(str(books["letter"])).pages:
        text = " ".join(page.extract_text().split())
        if "NOT KEPT" in text and "Line of sight" in text:
            assert "two more flags than the card has room for" in text


def test_no_cost_per_student_to_compare_says_so_instead_of_an_empty_plot(tmp_path: Path) -> None:
    # With no program's cost and students both known, the scatter was an empty plot with
    # ticks "$0 … $-0" under a title counting every program "left out".
    from tests.factories import g, make, p, sup

    district = make(
        goals=[g("G1", name="Every student reads")],
        programs=[p("P1", name="Lexia", annual_cost=1000), p("P2", name="Tutoring")],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "cost per student cannot be set against the strength of the evidence" in text
    assert "Cost per student against evidence tier" not in text
