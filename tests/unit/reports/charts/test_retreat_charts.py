"""The quadrant chart and the load heat map: drawn onto a given Figure, or as PNG bytes."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from coherence_planner.domain.analysis.load import initiative_load
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.reports import palette
from coherence_planner.reports.charts import vector
from coherence_planner.reports.charts.load_heatmap import draw_load, load_figure, load_png
from coherence_planner.reports.charts.quadrant import draw_quadrant, quadrant_png
from tests.factories import make, p
from tests.unit.reports.charts.test_load_vector import assert_hatched

PNG = b"\x89PNG\r\n\x1a\n"


def rated_district():  # type: ignore[no-untyped-def]
    long_name = "Adaptive Math Practice Software for Every Middle School"
    d = make(programs=[p("P1"), p("P2", name=long_name), p("P3")])
    for name in ("Ana", "Ben"):
        R.add_member(d, name).do(d)
    R.rate(d, "P1", "Ana", {"implementation": 4, "impact": 4}).do(d)
    R.rate(d, "P1", "Ben", {"implementation": 3, "impact": 3}).do(d)
    R.rate(d, "P2", "Ana", {"implementation": 4, "impact": 1}).do(d)
    R.rate(d, "P2", "Ben", {"implementation": 4, "impact": 2}).do(d)
    R.rate(d, "P3", "Ana", {"fit": 3}).do(d)  # unrated on the quadrant axes
    return d


def test_quadrant_places_rated_programs_labelled_with_their_names() -> None:
    figure = Figure()
    draw_quadrant(figure, R.rated_programs(rated_district()))
    texts = {t.get_text() for t in figure.axes[0].texts}
    assert {"Lead", "Invest", "Evaluate", "Weed", "Program P1"} <= texts
    # In full, wrapped beside its point: never cut, never an id.
    assert "Adaptive Math Practice\nSoftware for Every Middle\nSchool" in texts
    assert not any("P3" in text or text == "P2" for text in texts)
    assert quadrant_png(R.rated_programs(rated_district()), dpi=40).startswith(PNG)


def test_quadrant_says_so_when_nothing_is_rated() -> None:
    figure = Figure()
    draw_quadrant(figure, [])
    assert any("No program" in t.get_text() for t in figure.axes[0].texts)


def test_heat_map_outlines_exactly_the_flagged_cells() -> None:
    d = make(
        programs=[p(f"P{n}", grades=["K"], schools=["Elm Elementary"]) for n in range(3)]
        + [p("P9", grades=["6"], schools=["Oak Middle"])]
    )
    table = initiative_load(d, threshold=2)
    figure = Figure()
    draw_load(figure, table)
    frames = [
        patch
        for patch in figure.axes[0].patches
        if isinstance(patch, Rectangle) and patch.get_edgecolor()[:3] == (0xD5 / 255, 0x5E / 255, 0)
    ]
    assert len(frames) == len(table.flagged()) == 1
    assert "3!" in {t.get_text() for t in figure.axes[0].texts}
    assert palette.VERMILLION == "#D55E00"
    assert load_png(table, dpi=40).startswith(PNG)


def test_a_recorded_figure_keeps_its_hatching_in_the_pdf() -> None:
    """A matplotlib figure replayed as vectors (charts/vector.py), here the app's heat map:
    each hatched cell's hatching is drawn as lines clipped to it, not lost (issue 27)."""
    d = make(
        programs=[
            p("P1", grades=["K"], schools=["Elm Elementary"]),
            p("P9", grades=["6"], schools=["Oak Middle"]),
        ]
    )
    table = initiative_load(d, threshold=2)
    empty = sum(n is None for row in table.counts for n in row)
    assert empty >= 2
    ops, _, _ = vector.record(load_figure(table))
    assert assert_hatched(vector.VectorChart((ops, 648.0, 432.0), 400, "a heat map")) == empty
