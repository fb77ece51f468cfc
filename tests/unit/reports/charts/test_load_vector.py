"""The report's initiative-load heat map, drawn as vectors without matplotlib (issue 29): a
cell per school and band with its count, overloaded cells framed and marked "!", the bands
a school does not serve hatched in the PDF (issue 27), nothing overlapping."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.load import initiative_load
from coherence_planner.reports.charts.load_vector import load_chart, load_ops
from coherence_planner.reports.charts.vector import VectorChart
from coherence_planner.reports.charts.vector_paths import written
from tests.factories import make, p
from tests.unit.reports.charts.test_bars import _apart_and_inside


def table():  # type: ignore[no-untyped-def]
    d = make(
        programs=[p(f"P{n}", grades=["K"], schools=["Elm Elementary"]) for n in range(3)]
        + [p("P9", grades=["6"], schools=["Oak Middle"])]
    )
    return initiative_load(d, threshold=2)


def test_counts_frames_and_words() -> None:
    load = table()
    ops, width, height = load_ops(load)
    words = [str(op[3]) for op in ops if op[0] == "text"]
    assert "3!" in words and "1" in words  # Elm's three programs are over 2
    assert {"Elm Elementary", "Oak Middle", "Early (PK-K)"} <= set(words)
    frames = [op for op in ops if op[0] == "path" and op[2] is not None and op[2].width == 3.0]
    assert len(frames) == len(load.flagged()) == 1
    _apart_and_inside(ops, width, height)


def test_the_bands_a_school_does_not_serve_are_hatched_in_the_pdf() -> None:
    load = table()
    empty = sum(n is None for row in load.counts for n in row)
    assert empty >= 2 and assert_hatched(load_chart(load, 400, "a heat map")) == empty


def assert_hatched(chart: VectorChart) -> int:
    """Draws `chart` into a PDF and checks each hatched shape's lines are in its content,
    clipped to the shape, in the hatch's grey; returns how many shapes are hatched."""
    hatches = [op for op in chart.ops if op[0] == "hatch"]
    out = io.BytesIO()
    canvas = Canvas(out)
    chart.wrapOn(canvas, 400, 600)
    chart.drawOn(canvas, 50, 50)
    canvas.save()
    content = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")
    for _, cell, lines, stroke, _ in hatches:
        assert stroke.rgba[:3] == (0.8, 0.8, 0.8)  # #CCCCCC, as the app's chart hatches
        assert len(lines) >= 4 and all(code in (1, 2) for _, code in lines)
        clip = re.search(re.escape(written(cell).getCode()) + r"\s+W\*?\s+n", content)
        assert clip is not None  # clipped to the cell, then its lines stroked
        assert re.compile(re.escape(written(lines).getCode()) + r"\s+S").search(content, clip.end())
    return len(hatches)
