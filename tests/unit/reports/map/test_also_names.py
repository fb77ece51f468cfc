"""The line of names serving a goal from elsewhere, when the room is short."""

from __future__ import annotations

from coherence_planner.reports.map.printed_compact import SERVED_FROM
from coherence_planner.reports.map.printed_text import also_names


def test_when_no_name_fits_the_line_gives_the_count_not_a_dangling_and() -> None:
    # On a narrow poster sheet: "Served from other lanes: and 2 more" read as a fragment.
    names = ["Instructional Coaches – Literacy", "Family Literacy Nights"]
    (line,) = also_names(names, 150, SERVED_FROM, 1)
    assert line == "Served from other lanes: 2 items"
    counted = "Also serving this goal ({} in other goals' lanes): "
    (line,) = also_names(names, 200, counted, 1)
    assert line == "Also serving this goal (2 items in other goals' lanes)"


def test_names_that_fit_are_listed_then_counted() -> None:
    (line,) = also_names(["Lexia", "Zearn", "PBIS"], 400, SERVED_FROM, 1)
    assert line == "Served from other lanes: Lexia, Zearn, PBIS"
