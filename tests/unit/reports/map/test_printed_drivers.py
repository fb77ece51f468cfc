"""Secondary drivers on paper (issue 26): a strategy that serves a strategy stands in a
column of its own between its primary driver and the programs, joined to its primary by a
connector; a deeper chain folds into that column with the chain in words; a lane with no
secondary driver keeps its width; a page too narrow for the column steps them in under
their primary instead."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import register_fonts
from coherence_planner.reports.map.printed import (
    COLUMN_STEP,
    GOAL_W,
    MIN_PT,
    STEP,
    Block,
    PrintCard,
    print_map,
)
from coherence_planner.reports.map.printed_pages import draw_pieces, plan_area, plan_print
from coherence_planner.reports.map.words import map_words
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.factories import g, make, p, s, sup
from tests.pdf_tags_check import problems
from tests.unit.reports.map.test_printed import text_sizes

LETTER_LANDSCAPE = 792.0 - 60  # the printed map's width on Letter landscape (less margins)


def _drivers() -> District:
    return make(
        goals=[g("G1", name="Readers by grade 3"), g("G2", name="Algebra by grade 9")],
        strategies=[
            s("S1", name="Literacy core"),
            s("S2", name="Coaching cycles"),
            s("S3", name="Math pathway"),
        ],
        programs=[
            p("P1", name="Phonics groups"),
            p("P2", name="Reading coaches"),
            p("P3", name="Lesson studies"),
            p("P4", name="Algebra bridge"),
        ],
        links=[
            sup("S1", "G1"), sup("S2", "S1"), sup("S3", "G2"),
            sup("P1", "S1"), sup("P2", "S2"), sup("P3", "S2"), sup("P4", "S3"),
        ],
    )  # fmt: skip


def _heads(blocks: list[Block]) -> dict[str, Block]:
    return {block.head.id: block for block in blocks if block.head is not None}


def _drawn(width: float, tmp_path: Path) -> tuple[dict[str, Block], list]:  # type: ignore[type-arg]
    """The first page's blocks by strategy, placed, and every line drawn (map points, y
    down), as a page `width` points wide draws them."""
    register_fonts()
    plan = plan_area(_drivers(), analyse(_drivers()), (width, 500.0), "the paper")
    canvas = Canvas(str(tmp_path / "lines.pdf"))
    lines: list[tuple[float, float, float, float]] = []
    real = canvas.line

    def line(x1: float, y1: float, x2: float, y2: float) -> None:
        lines.append((x1, -y1, x2, -y2))
        real(x1, y1, x2, y2)

    canvas.line = line  # type: ignore[method-assign]
    draw_pieces(canvas, plan.pages[0], plan.map.width)
    blocks = [b for piece in plan.pages[0] for b in piece.lane.blocks[piece.start : piece.end]]
    return _heads(blocks), lines


def _middle(card: PrintCard) -> float:
    return card.y + card.h / 2


def test_a_secondary_driver_stands_in_its_own_column_joined_to_its_primary(
    tmp_path: Path,
) -> None:
    heads, lines = _drawn(LETTER_LANDSCAPE, tmp_path)
    primary, secondary = heads["S1"].head, heads["S2"].head
    assert primary is not None and secondary is not None
    assert heads["S2"].under is primary and heads["S2"].step == COLUMN_STEP
    # The secondary's column: right of its primary, left of the cards serving it.
    assert secondary.x >= primary.x + primary.w
    served = [card for row in heads["S2"].rows for card in row]
    assert {card.id for card in served} == {"P2", "P3"}
    assert all(card.x >= secondary.x + secondary.w for card in served)
    # A program serving the primary directly stays with the primary, in the column its
    # secondaries stand in, above them.
    (own,) = [card for row in heads["S1"].rows for card in row]
    assert own.id == "P1" and own.x == secondary.x and own.y + own.h <= secondary.y
    # The connector: the primary's bus runs down from its middle to the secondary's and
    # turns into the secondary's left edge.
    bus = [x for x, y1, x2, y2 in lines if x == x2 and primary.x + primary.w < x < secondary.x]
    assert any(
        x1 in bus and x2 == secondary.x and y1 == y2 == _middle(secondary)
        for x1, y1, x2, y2 in lines
    )
    assert any(
        x1 == x2 in bus and {y1, y2} == {_middle(primary), _middle(secondary)}
        for x1, y1, x2, y2 in lines
    )
    # A lane with no secondary driver keeps its cards where they always stood.
    (card,) = [card for row in heads["S3"].rows for card in row]
    assert card.x == primary.x + COLUMN_STEP and heads["S3"].head.x == primary.x  # type: ignore[union-attr]
    assert primary.x > GOAL_W


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_pdf_prints_the_secondary_once_between_its_primary_and_its_programs(
    tmp_path: Path,
) -> None:
    out = tmp_path / "drivers.pdf"
    assert export_pdf(_drivers(), out, PdfOptions("map", "letter", landscape=True)) == 1
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)
    left = {word: float(x) for x, word in words}
    assert [word for _, word in words].count("Coaching") == 1  # the secondary, once
    assert left["Literacy"] < left["Coaching"] < left["Reading"]
    assert left["Coaching"] == pytest.approx(left["Phonics"], abs=1)
    assert min(size for _, size, _ in text_sizes(out)) >= MIN_PT - 0.01
    assert problems(out) == []  # its name is a heading a level below its primary's


def test_a_chain_of_three_strategies_folds_into_the_secondary_column_with_its_chain() -> None:
    district = make(
        goals=[g("G1", name="Readers by grade 3")],
        strategies=[
            s("S1", name="Literacy core"),
            s("S2", name="Coaching cycles"),
            s("S3", name="Data teams"),
        ],
        programs=[p("P1", name="Phonics groups"), p("P2", name="Data coaches")],
        links=[
            sup("S1", "G1"),
            sup("S2", "S1"),
            sup("S3", "S2"),
            sup("P1", "S1"),
            sup("P2", "S3"),
        ],
    )
    printed = print_map(district, analyse(district), 720.0)
    (lane,) = printed.lanes
    order = [(b.head.id, b.under.id if b.under else "") for b in lane.blocks if b.head]
    # The folded strategy reads after the one it serves, in the same column.
    assert order == [("S1", ""), ("S2", "S1"), ("S3", "S1")]
    heads = _heads(lane.blocks)
    assert heads["S3"].step == heads["S2"].step == COLUMN_STEP
    assert heads["S3"].head.via == ["via Coaching cycles"]  # type: ignore[union-attr]
    assert heads["S2"].head.via == []  # type: ignore[union-attr]
    assert [c.id for row in heads["S3"].rows for c in row] == ["P2"]


def test_a_page_too_narrow_for_the_column_steps_secondaries_in_under_their_primary(
    tmp_path: Path,
) -> None:
    # The width of a report's page: a goal, two strategy columns and a card never fit.
    heads, lines = _drawn(468.0, tmp_path)
    primary, secondary = heads["S1"].head, heads["S2"].head
    assert primary is not None and secondary is not None
    assert heads["S2"].step == STEP and secondary.x == primary.x + STEP
    assert secondary.y >= primary.y + primary.h  # under it, in the strategies' column
    assert secondary.w == primary.w - STEP
    (card,) = [card for row in heads["S1"].rows for card in row]
    assert [c.x for row in heads["S2"].rows for c in row] == [card.x, card.x]
    # An outline's line: down from under the primary, into the secondary's left edge.
    assert any(
        x2 == secondary.x and y1 == y2 == _middle(secondary) and primary.x < x1 < secondary.x
        for x1, y1, x2, y2 in lines
    )


def test_the_map_in_words_says_which_strategy_a_secondary_serves() -> None:
    plan = plan_print(_drivers(), analyse(_drivers()), Sheet("letter", True))
    words = map_words(plan.pages[0])
    assert "secondary driver Coaching cycles, serving Literacy core, served by" in words
