"""Improvement cycles: validation through the codec, and which cycle is current."""

from __future__ import annotations

import datetime as dt

import pytest

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.model.items import Strategy
from coherence_planner.domain.progress.cycles import current_cycle, cycle_summary, latest_cycle
from tests.factories import district_dict, make, s

FALL = {"start": "2026-09-01", "end": "2026-10-15", "focus": "Screen", "next_step": "Regroup"}
WINTER = {"start": "2026-10-10", "end": "", "focus": "Tutor", "evidence": "logs"}


def test_cycles_round_trip_with_every_key_and_extras() -> None:
    d = make(strategies=[s("S1", cycles=[FALL, {**WINTER, "owner": "Ms. Ruiz"}])])
    written = codec.item_to_dict(d.items["S1"])["cycles"]
    assert written[0] == {**FALL, "evidence": ""}
    assert list(written[0]) == ["start", "end", "focus", "evidence", "next_step"]
    assert written[1]["owner"] == "Ms. Ruiz"
    again = codec.district_from_dict(codec.district_to_dict(d))
    assert codec.district_to_dict(again) == codec.district_to_dict(d)


@pytest.mark.parametrize(
    ("cycles", "message"),
    [
        ([{"start": "2026-13-01"}], "cycle 1: start must be a date"),
        ([FALL, {"start": "2026-10-01", "end": "2026-09-01"}], "cycle 2 ends (2026-09-01) before"),
        (["not a cycle"], "cycle 1 must be an object"),
        ([{"focus": 3}], "cycle 1: focus must be text"),
        ("weekly", "must be a list of cycles"),
    ],
)
def test_bad_cycles_are_refused_with_their_place(cycles: object, message: str) -> None:
    with pytest.raises(codec.InvalidDistrict) as caught:
        codec.district_from_dict(district_dict(strategies=[s("S1", cycles=cycles)]))
    problem = caught.value.problems[0]
    assert problem.place == "strategies[0] (S1).cycles"
    assert message in problem.message


def test_cycles_edit_is_checked_and_undoable() -> None:
    d = make(strategies=[s("S1")])
    with pytest.raises(DistrictError, match="before it starts"):
        SetItemFields(d, "S1", {"cycles": [{"start": "2026-02-01", "end": "2026-01-01"}]})
    command = SetItemFields(d, "S1", {"cycles": [FALL]})
    command.do(d)
    assert d.items["S1"].cycles == [FALL]
    command.undo(d)
    assert d.items["S1"].cycles == []


def test_current_cycle_is_the_running_one_started_last() -> None:
    strategy = Strategy(id="S1", name="x", cycles=[FALL, WINTER])
    assert current_cycle(strategy, dt.date(2026, 9, 20)) == FALL
    assert current_cycle(strategy, dt.date(2026, 10, 12)) == WINTER  # both run; later start
    assert current_cycle(strategy, dt.date(2027, 5, 1)) == WINTER  # open-ended
    assert current_cycle(strategy, dt.date(2026, 8, 1)) is None
    assert current_cycle(strategy, dt.date(2026, 10, 15)) == WINTER
    assert latest_cycle(strategy) == WINTER
    assert latest_cycle(Strategy(id="S2", name="y")) is None


def test_cycle_summary_reads_as_a_sentence() -> None:
    assert cycle_summary(FALL) == "2026-09-01 to 2026-10-15: Screen — next: Regroup"
    assert cycle_summary({"focus": ""}) == "no dates: no focus named"
    assert cycle_summary(WINTER) == "from 2026-10-10: Tutor"


def test_current_cycle_rows_skip_strategies_without_one() -> None:
    from coherence_planner.domain.progress.cycles import current_cycle_rows

    strategies = [Strategy(id="S1", name="Screen", cycles=[FALL]), Strategy(id="S2", name="y")]
    assert current_cycle_rows(strategies, dt.date(2026, 9, 2)) == [
        ("S1", "Screen", "2026-09-01 to 2026-10-15", "Screen", "", "Regroup")
    ]


def test_card_line_is_short_and_only_for_a_running_cycle() -> None:
    from coherence_planner.domain.progress.cycles import card_line

    strategy = Strategy(id="S1", name="x", cycles=[FALL, WINTER])
    assert card_line(strategy, dt.date(2026, 9, 2)) == "Cycle to 10-15: Screen"
    assert card_line(strategy, dt.date(2027, 1, 2)) == "Cycle: Tutor"
    assert card_line(strategy, dt.date(2026, 1, 1)) == ""
    long = Strategy(id="S2", name="y", cycles=[{"start": "", "end": "", "focus": "x" * 80}])
    assert len(card_line(long, dt.date(2026, 1, 1))) == 40
