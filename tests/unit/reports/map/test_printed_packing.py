"""Paper packing (issue 26): lanes with no cards of their own shrink to their goal and one
line of what serves them from elsewhere, two side by side; a goal nothing serves is one red
line; bands are as wide as what they hold. A 27-program district with five goals (one
unserved, two served only from other lanes) and 13 orphans fits one Letter landscape page."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.map.printed_pages import plan_print
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.unit.reports.map.crowded import crowded_district
from tests.unit.reports.map.test_printed import _check_readable


def test_a_crowded_27_program_district_prints_on_one_letter_landscape_page(
    tmp_path: Path,
) -> None:
    district = crowded_district()
    analysis = analyse(district)
    assert len(district.items_of("program")) == 27 and len(analysis.orphans) == 13
    assert analysis.unsupported_goals == ["G5"]
    out = tmp_path / "map.pdf"
    assert export_pdf(district, out, PdfOptions("map", "letter", landscape=True)) == 1
    text = _check_readable(out, district)  # every name, nothing under 7 pt
    assert "nothing serves this goal yet" in text
    assert "Served from other lanes: Home visits by teachers" in " ".join(text.split())


def test_lanes_served_only_from_elsewhere_stand_side_by_side_and_an_unserved_goal_is_a_line() -> (
    None
):
    from coherence_planner.reports.map.printed_compact import UNSERVED_PT
    from coherence_planner.reports.map.printed_pages import _piece_height

    district = crowded_district()
    plan = plan_print(district, analyse(district), Sheet("letter", True))
    (page,) = plan.pages
    by_goal = {piece.lane.goal.id: piece for piece in page if piece.lane.goal is not None}
    assert by_goal["G3"].beside is not None and by_goal["G3"].beside.goal is not None
    assert by_goal["G3"].beside.goal.id == "G4"  # one row holds both
    assert by_goal["G1"].lane.form == "full" and by_goal["G3"].lane.form == "compact"
    # The compact pair is far shorter than a lane with cards; the unserved goal one line.
    assert _piece_height(by_goal["G3"]) < _piece_height(by_goal["G1"]) / 2
    assert by_goal["G5"].lane.form == "unserved"
    assert _piece_height(by_goal["G5"]) <= UNSERVED_PT * 1.25 + 8


def test_a_band_is_as_wide_as_what_it_holds() -> None:
    from coherence_planner.reports.map.printed import band_width
    from tests.factories import g, make, p, s, sup

    district = make(
        goals=[g("G1", name="Every student reads on grade level by grade 3")],
        strategies=[s("S1", name="Tiered reading intervention")],
        programs=[p("P1", name="High-dosage tutoring"), p("P2", name="Reading recovery")],
        links=[sup("S1", "G1"), sup("P1", "S1"), sup("P2", "S1")],
    )
    plan = plan_print(district, analyse(district), Sheet("tabloid", True))
    (lane,) = plan.map.lanes
    # Two cards of a row that could hold more: the band ends after them, not at the edge.
    assert len(lane.blocks[0].rows[0]) == 2 < plan.map.columns
    assert band_width(lane, lane.blocks, plan.map.width) < plan.map.width * 0.8
