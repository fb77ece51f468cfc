"""The map set for paper: every name readable (nothing under 7 pt, read back from the PDF),
the sample on one Tabloid page, a 30-program district on one Letter landscape page, larger
maps on pages cut between lanes and rows, each goal's line of sight on its own page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.reports.map.printed import LANE_GAP, MIN_PT
from coherence_planner.reports.map.printed_pages import HEAD_H, RUNNING_H, plan_print
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import missing_words, pdf_text


def text_sizes(path: Path) -> list[tuple[int, float, str]]:
    """(page, printed size in points, text) of every piece of text, as the page shows it:
    the font size times the text and drawing matrices' vertical scale."""
    found: list[tuple[int, float, str]] = []
    for number, page in enumerate(PdfReader(str(path)).pages):

        def visit(
            text: str, cm: list[float], tm: list[float], _font: object, size: float, n: int = number
        ) -> None:
            if text.strip():
                found.append((n, round(size * abs(tm[3]) * abs(cm[3]), 2), text.strip()))

        page.extract_text(visitor_text=visit)
    return found


def _check_readable(path: Path, district: District, ids: set[str] | None = None) -> str:
    sizes = text_sizes(path)
    assert sizes
    smallest = min(size for _, size, _ in sizes)
    assert smallest >= MIN_PT - 0.01, [s for s in sizes if s[1] < MIN_PT - 0.01][:5]
    text = pdf_text(path)
    for item in district.items.values():
        if item.live and (ids is None or item.id in ids):
            assert not missing_words(text, " ".join(item.label.split())), item.id
    # Goal statements are the largest text on the map (the title and headings aside).
    goal_sizes = {
        size for _, size, t in sizes if any(t in g.label for g in district.items_of("goal"))
    }
    assert max(goal_sizes) >= max(size for _, size, t in sizes if t and size < 14)
    return text


def test_the_sample_prints_on_one_tabloid_page_with_every_name(tmp_path: Path) -> None:
    district = sample_district()
    out = tmp_path / "map.pdf"
    assert export_pdf(district, out, PdfOptions("map", "tabloid")) == 1
    text = _check_readable(out, district)
    assert "page 1 of 1" in text
    assert "run" not in text.lower().split()  # nothing asks the reader to run a command
    assert "coherence-planner" not in text
    # Each item the law requires wears the badge, in words.
    required = sum(1 for item in district.items.values() if item.required and item.live)
    assert required >= 3 and text.count("REQUIRED") == required


def test_a_30_program_district_prints_on_one_letter_landscape_page(tmp_path: Path) -> None:
    district = district_from_dict(generate(30, 1))
    out = tmp_path / "map.pdf"
    assert export_pdf(district, out, PdfOptions("map", "letter", landscape=True)) == 1
    _check_readable(out, district)


def test_each_goals_line_of_sight_prints_on_a_letter_landscape_page(tmp_path: Path) -> None:
    district = sample_district()
    analysis = analyse(district)
    for goal in district.items_of("goal"):
        out = tmp_path / f"{goal.id}.pdf"
        assert export_pdf(district, out, PdfOptions("map", "letter", True, goal=goal.id)) == 1
        serving = {i for i, goals in analysis.goals_of.items() if goal.id in goals}
        _check_readable(out, district, serving | {goal.id})


def _cards_by_page(plan_pages: list) -> list[list[str]]:  # type: ignore[type-arg]
    pages = []
    for pieces in plan_pages:
        ids = []
        for piece in pieces:
            if piece.start == 0 and piece.lane.goal is not None:
                ids.append(piece.lane.goal.id)
            if piece.beside is not None and piece.beside.goal is not None:
                ids.append(piece.beside.goal.id)  # a second small lane beside the first
            for block in piece.lane.blocks[piece.start : piece.end]:
                if block.head is not None:
                    ids.append(block.head.id)
                ids += [card.id for row in block.rows for card in row]
        pages.append(ids)
    return pages


@pytest.mark.parametrize("programs", [300, 2000])
def test_large_maps_print_as_pages_cut_between_lanes_and_rows(programs: int) -> None:
    district = district_from_dict(generate(programs, 1))
    sheet = Sheet("tabloid", True)
    plan = plan_print(district, analyse(district), sheet)
    assert plan.scale == 1.0 and len(plan.pages) > 1
    from coherence_planner.reports.map.printed_pages import _piece_height

    room = plan.area[1]
    by_page = _cards_by_page(plan.pages)
    for n, pieces in enumerate(plan.pages):
        assert pieces and by_page[n]  # no blank page
        used = sum(_piece_height(piece) for piece in pieces) + LANE_GAP * (len(pieces) - 1)
        assert used <= room - (HEAD_H if n == 0 else RUNNING_H) + 0.01  # no card cut
    shown = [i for ids in by_page for i in ids]
    live = {i for i, item in district.items.items() if item.live}
    assert len(shown) == len(set(shown)) == len(live)  # every item once, nowhere twice


def test_a_program_serving_two_strategies_of_a_goal_is_named_under_the_second(
    tmp_path: Path,
) -> None:
    from tests.factories import g, make, p, s, sup

    district = make(
        goals=[g("G1", name="Every student reads on grade level by grade 3")],
        strategies=[
            s("S1", name="Tiered reading intervention"),
            s("S2", name="Extended learning time"),
        ],
        programs=[
            p("P1", name="High-dosage tutoring"),
            p("P2", name="Summer reading academy"),
            p("P3", name="Decodable book library"),
        ],
        links=[
            sup("S1", "G1"),
            sup("S2", "G1"),
            sup("P1", "S1"),
            sup("P1", "S2"),  # tutoring stands under S1; S2's block must still say so
            sup("P2", "S2"),
            sup("P3", "S1"),
        ],
    )
    out = tmp_path / "map.pdf"
    assert export_pdf(district, out, PdfOptions("map", "letter", landscape=True)) == 1
    text = " ".join(_check_readable(out, district).split())
    assert "Also serving this strategy: High-dosage tutoring" in text
    assert text.count("High-dosage tutoring") == 2  # its card, and the line under S2
    # Each goal's line-of-sight page names it under the second strategy too.
    page = tmp_path / "goal.pdf"
    export_pdf(district, page, PdfOptions("map", "letter", landscape=True, goal="G1"))
    assert "Also serving this strategy" in " ".join(pdf_text(page).split())
