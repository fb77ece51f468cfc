"""The report's goal progress chart, drawn as vectors without matplotlib (issue 29): the app
chart's words, colours and marks, nothing overlapping, whole names, and round ticks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.reports.charts.painter import nice_ticks, tick_words
from coherence_planner.reports.charts.progress_vector import progress_ops
from coherence_planner.reports.fonts import text_width
from coherence_planner.reports.palette import STATUS_COLOURS
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.factories import g, make
from tests.unit.reports.charts.test_indicators import goal
from tests.unit.reports.helpers import pdf_text

LONG = (
    "Students in grades 6 through 8 who complete the summer bridge and then pass the "
    "district's Algebra readiness assessment on the first try"
)


def texts(ops: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [op for op in ops if op[0] == "text"]


def test_the_app_charts_legend_end_words_and_status_colours() -> None:
    ops, _, _ = progress_ops(goal(), "2026-27")
    words = [op[3] for op in texts(ops)]
    for label in (
        "Grade 3 ELA: 45% (off track)",
        "K-2 screener: 62% (on track)",
        "Attendance: — (no data)",
        "Solid: actual · dashed: planned path · hollow: target",
        "Year of results",
        "Readers",
        "%",
    ):
        assert label in words
    assert [w for w in words if w in ("2024", "2025", "2026", "2027", "2028")] == [
        "2024",
        "2025",
        "2026",
        "2027",
        "2028",
    ]
    ends = {op[3]: op[7] for op in texts(ops) if op[3] in ("off track", "on track")}
    assert set(ends) == {"off track", "on track"}
    for status, rgba in ends.items():
        hex_colour = "#" + "".join(f"{round(c * 255):02X}" for c in rgba[:3])  # type: ignore[union-attr]
        assert hex_colour == STATUS_COLOURS[status]
    dashed = [op for op in ops if op[0] == "path" and op[2] is not None and op[2].dashes[1]]
    assert len(dashed) == 3  # each indicator's planned path


def _box(op: tuple[object, ...]) -> tuple[float, float, float, float]:
    _, x, y, words, font, size, angle, _, _ = op
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    width = text_width(str(words), float(size))  # type: ignore[arg-type]
    x, y = float(x), float(y)  # type: ignore[arg-type]
    if angle:  # turned a quarter: it reads upwards, its letters to the left of x
        return (x - ascent, y, x - descent, y + width)
    return (x, y + descent, x + width, y + ascent)


@pytest.mark.parametrize(
    "indicators",
    [
        goal().indicators,
        [  # two off track in the same year at nearly the same value: end words collide
            Indicator("Math", "%", 30, 60, 31, 2029, baseline_year=2025),
            Indicator("Reading", "%", 30, 70, 31.5, 2028, baseline_year=2025),
            Indicator(LONG, "students passing the assessment", 5, 9, 5, 2030, baseline_year=2025),
        ],
        [Indicator("Only a baseline", "", -2.5, None, None, None, baseline_year=2026)],
        [Indicator(f"Year {n}", "", n, n * 2, n, 2000 + n, baseline_year=1990) for n in range(7)],
    ],
)
def test_no_words_overlap_and_all_inside_the_chart(indicators: list[Indicator]) -> None:
    ops, width, height = progress_ops(Goal(id="G", name=LONG, indicators=indicators), "2026-27")
    boxes = [_box(op) for op in texts(ops)]
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, (a, b)


def test_round_ticks() -> None:
    assert nice_ticks(37.4, 73.6) == ([40, 45, 50, 55, 60, 65, 70], 5)
    ticks, step = nice_ticks(-0.3, 1.2)
    assert step == 0.2 and [tick_words(v, step) for v in ticks][:3] == ["−0.2", "0.0", "0.2"]
    ticks, step = nice_ticks(0, 25_000)
    assert [tick_words(v, step) for v in ticks][-1] == "25,000"
    assert tick_words(0.25, 0.25) == "0.25"


def test_the_report_prints_a_long_indicator_name_whole(tmp_path: Path) -> None:
    """The matplotlib chart cut a name at 60 letters; the report's chart wraps it."""
    district = make(
        goals=[g("G1", indicators=[{"name": LONG, "baseline": 5, "target": 9, "current": 6}])]
    )
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    legend = pdf_text(out).split("hollow: target", 1)[1]
    assert " ".join(LONG.split()[-6:]) + ": 6 (" in legend
