"""The goal progress chart: PNG bytes for the report, drawing onto a Figure for the app."""

from __future__ import annotations

import struct

from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.reports.charts.indicators import (
    STATUS_COLOURS,
    draw_goal_progress,
    goal_progress_png,
)


def goal() -> Goal:
    return Goal(
        id="G1",
        name="Readers",
        indicators=[
            Indicator("Grade 3 ELA", "%", 40, 60, 45, 2028, baseline_year=2024),  # off track
            Indicator("K-2 screener", "%", 50, 70, 62, 2028, baseline_year=2024),  # on track
            Indicator("Attendance", "%", 90, 95, None, 2028, baseline_year=2024),  # no data
        ],
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_at_the_asked_resolution() -> None:
    small = png_size(goal_progress_png(goal(), "2026-27", dpi=50, width=6, height=4))
    large = png_size(goal_progress_png(goal(), "2026-27", dpi=100, width=6, height=4))
    assert small == (300, 200)
    assert large == (600, 400)


def test_lines_coloured_and_labelled_by_status() -> None:
    fig = Figure()
    draw_goal_progress(fig, goal(), "2026-27")
    [ax] = fig.axes
    [key] = fig.legends  # below the axes, placed by the constrained layout
    legend = [t.get_text() for t in key.get_texts()]
    assert legend == [
        "Grade 3 ELA: 45% (off track)",
        "K-2 screener: 62% (on track)",
        "Attendance: — (no data)",
    ]
    labelled = {line.get_label(): to_hex(line.get_color()) for line in ax.get_lines()}
    assert labelled["Grade 3 ELA: 45% (off track)"] == STATUS_COLOURS["off track"].lower()
    assert labelled["K-2 screener: 62% (on track)"] == STATUS_COLOURS["on track"].lower()
    words = [t.get_text() for t in ax.texts]
    assert words == ["off track", "on track"]  # the status in words next to the current value
    assert list(ax.get_xticks()) == [2024, 2025, 2026, 2027, 2028]


def test_redrawing_replaces_the_chart_and_an_empty_goal_says_so() -> None:
    fig = Figure()
    draw_goal_progress(fig, goal(), "2026-27")
    draw_goal_progress(fig, Goal(id="G2", name="Empty"), "2026-27")
    [ax] = fig.axes
    assert "No indicators yet" in ax.texts[0].get_text()
