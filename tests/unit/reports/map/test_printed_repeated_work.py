"""Work the report repeats per goal or per line that it need not (issue 29, the report at
10,000 programs): plan_area counting the live items for each goal's pages, and ellipsize
measuring halves of a text thousands of characters long to cut it to a line."""

from __future__ import annotations

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model import items
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.reports import fonts
from coherence_planner.reports.map.printed import lane_plan
from coherence_planner.reports.map.printed_pages import plan_area


def test_each_goals_pages_do_not_count_the_plans_items_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    district = district_from_dict(generate(300, seed=1))
    analysis = analyse(district)
    lanes = lane_plan(district, analysis)
    asked = 0
    plain = items.Item.live

    def counted(item: items.Item) -> bool:
        nonlocal asked
        asked += 1
        return bool(plain.fget(item))  # type: ignore[attr-defined]

    class Goals(dict[str, tuple[str, ...]]):
        read = 0

        def values(self):  # type: ignore[no-untyped-def]
            Goals.read += 1
            return super().values()

    monkeypatch.setattr(items.Item, "live", property(counted))
    monkeypatch.setattr(analysis, "goals_of", Goals(analysis.goals_of))
    goal = lanes.goals[0]
    plan_area(district, analysis, (540.0, 640.0), "p", goal, 0.0, lanes=lanes, max_pages=1)
    # The lane plan knows how many items are live, and how many serve each goal: a goal's
    # pages ask only about their own items.
    assert asked < len(district.items) / 2
    assert Goals.read == 0
    monkeypatch.undo()
    assert lanes.live == sum(1 for item in district.items.values() if item.live)
    for goal in lanes.goals:
        serving = sum(1 for goals in analysis.goals_of.values() if goal in goals)
        assert lanes.serving.get(goal, 0) == serving


def test_cutting_a_long_text_measures_only_what_could_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = ", ".join(f"Program {n} for readers" for n in range(2000))  # 50,000 characters
    plain = fonts.text_width
    lengths: list[int] = []

    def measured(words: str, size: float, bold: bool = False) -> float:
        lengths.append(len(words))
        return plain(words, size, bold)

    monkeypatch.setattr(fonts, "text_width", measured)
    fitted = fonts.ellipsize(text, 300.0, 7.5)
    assert fitted.endswith("…") and text.startswith(fitted[:-1])
    assert 290 < plain(fitted, 7.5) <= 300
    # Once the whole text is found too long, no prefix measured is over twice the answer's
    # size (halving 50,000 characters measured 25,000, then 12,500...).
    assert max(lengths[1:]) <= 2 * max(len(fitted), 64)


@pytest.mark.parametrize("room", [0.5, 3.0, 10.0, 47.0, 120.0, 300.0, 999.0])
def test_ellipsize_finds_the_longest_prefix_that_fits(room: float) -> None:
    text = "Readers by grade 3 " * 40 + "Ünïcode words"
    fitted = fonts.ellipsize(text, room, 7.5)
    if not fitted:
        assert fonts.text_width("…", 7.5) > room
        return
    prefix = fitted[:-1]
    assert fonts.text_width(fitted, 7.5) <= room and text.startswith(prefix)
    # One letter more (its trailing spaces trimmed, as ellipsize does) would not fit.
    longer = text[: len(prefix) + 1]
    while longer.rstrip() == prefix and len(longer) < len(text):
        longer = text[: len(longer) + 1]
    assert fonts.text_width(longer.rstrip() + "…", 7.5) > room
