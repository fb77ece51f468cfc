"""The rating round's rules: what a phone may send, the live spread, and closing."""

from __future__ import annotations

from typing import Any

import pytest

from coherence_planner.domain.model.commands import PutRecord
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import Answer, RoomError, Round
from coherence_planner.storage.sample import sample_district

ROUND = Round("round-1", "Literacy", ("P1", "P2", "P3"), vote=True)


def test_a_full_answer_is_read_as_sent() -> None:
    payload = {
        "program": "P2",
        "implementation": 3,
        "impact": "dk",
        "vote": "sunset",
        "reason": "  costs   > benefits ",
    }
    answer = room.parse_answer(ROUND, payload)
    assert answer == Answer(
        "P2", {"implementation": 3, "impact": "dk"}, "sunset", "costs > benefits"
    )
    assert answer.to_record() == {
        "implementation": 3,
        "impact": "dk",
        "vote": "sunset",
        "reason": "costs > benefits",
    }


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "JSON object"),
        ({"program": "G1", "impact": 2}, "not in this round"),
        ({"program": "P99", "impact": 2}, "not in this round"),
        ({"program": ["P1"], "impact": 2}, "not in this round"),
        ({"program": "P1", "impact": 5}, "1 to 4"),
        ({"program": "P1", "impact": 0}, "1 to 4"),
        ({"program": "P1", "impact": True}, "1 to 4"),
        ({"program": "P1", "impact": 2.5}, "1 to 4"),
        ({"program": "P1", "impact": "3"}, "1 to 4"),
        ({"program": "P1", "vote": "burn"}, "vote must be"),
        ({"program": "P1", "reason": "x" * 201}, "longer than 200"),
        ({"program": "P1", "reason": 7}, "must be text"),
        ({"program": "P1", "reason": "<img src=x onerror=alert(1)>"}, "looks like markup"),
        ({"program": "P1", "reason": "fine &amp; dandy"}, "looks like markup"),
        ({"program": "P1", "reason": "right\u202eto left"}, r"U\+202E"),
        ({"program": "P1", "fit": 3}, "unknown field 'fit'"),
    ],
)
def test_bad_answers_are_refused_with_what_is_wrong(payload: Any, message: str) -> None:
    with pytest.raises(RoomError, match=message):
        room.parse_answer(ROUND, payload)


def test_a_round_without_vote_or_a_scale_refuses_them() -> None:
    quiet = Round("r", "", ("P1",), scales=("impact",), vote=False)
    with pytest.raises(RoomError, match="no vote"):
        room.parse_answer(quiet, {"program": "P1", "vote": "keep"})
    with pytest.raises(RoomError, match="does not ask about implementation"):
        room.parse_answer(quiet, {"program": "P1", "implementation": 2})


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "type your name"),
        ("   ", "type your name"),
        ("a|b", "'|'"),
        ("x" * 41, "40"),
        ("<script>alert(1)</script>", "markup"),
        ("Bob\x00", r"U\+0000"),
    ],
)
def test_bad_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(RoomError, match=message):
        room.check_name(name)


def test_names_keep_their_letters_and_lose_extra_spaces() -> None:
    assert room.check_name("  José   O'Neil-Ng ") == "José O'Neil-Ng"
    assert room.check_name("A < B") == "A < B"  # a comparison is not a tag


def test_a_round_must_name_live_programs_of_the_plan() -> None:
    district = sample_district()
    room.check_round(district, Round("r", "", ("P1", "P2")))
    for programs, message in [
        ((), "at least one"),
        (("G1",), "not a program"),
        (("P1", "P1"), "twice"),
    ]:
        with pytest.raises(RoomError, match=message):
            room.check_round(district, Round("r", "", programs))


def _answers(district: Any, round_: Round, by_member: dict[str, dict[str, dict[str, Any]]]) -> None:
    for n, (member, answers) in enumerate(by_member.items()):
        key = room.member_key(round_.id, member)
        PutRecord(
            room.ROUND_MEMBERS,
            key,
            {"name": member.title(), "token": str(n), "joined": "2026-01-01"},
            "",
        ).do(district)
        for program, value in answers.items():
            answer = room.parse_answer(round_, {"program": program, **value})
            command = room.put_answer(district, round_.id, member, answer)
            assert command is not None
            command.do(district)


def test_live_view_puts_the_widest_disagreement_first_and_tallies_votes() -> None:
    district = sample_district()
    round_ = Round("round-1", "", ("P1", "P2", "P3"), vote=True)
    _answers(
        district,
        round_,
        {
            "ana": {
                "P1": {"impact": 2, "vote": "keep"},
                "P2": {"impact": 1, "vote": "remove"},
                "P3": {"impact": "dk"},
            },
            "ben": {"P1": {"impact": 2, "vote": "keep"}, "P2": {"impact": 4, "vote": "keep"}},
            "cy": {"P1": {"impact": 3}, "P2": {"impact": 4, "vote": "remove", "reason": "no data"}},
        },
    )
    view = room.live_view(district, round_)
    assert [p.program for p in view.programs] == ["P2", "P1", "P3"]
    p2 = view.programs[0]
    assert (p2.answered, p2.spreads["impact"].low, p2.spreads["impact"].high) == (3, 1, 4)
    assert p2.disagreement == 1.0
    assert p2.votes == {"keep": 1, "modify": 0, "sunset": 0, "remove": 2}
    assert p2.reasons == ("no data",)
    assert view.programs[2].spreads["impact"].dont_know == 1
    assert [(name, count) for _, name, count in view.members] == [("Ana", 3), ("Ben", 2), ("Cy", 2)]


def test_closing_writes_named_ratings_keeping_other_dimensions_and_undoes() -> None:
    district = sample_district()
    R.add_member(district, "Ana", "Chief").do(district)
    R.rate(district, "P1", "Ana", {"fit": 5, "impact": 1}).do(district)
    round_ = Round("round-1", "", ("P1", "P2"))
    PutRecord(
        room.ROUNDS,
        round_.id,
        {**round_.to_record(), "secret": "s", "join_code": "1", "expires": "x"},
        "",
    ).do(district)
    _answers(
        district,
        round_,
        {
            "ana": {"P1": {"impact": 4, "implementation": "dk"}},
            "ben": {"P2": {"implementation": 2}},
            "dee": {},
        },
    )
    before = {k: dict(v) for k, v in district.records.items()}
    command = room.close_round(district, round_, "2026-02-02T10:00:00+00:00")
    command.do(district)
    assert district.record(R.RATINGS, "P1|Ana") == {"fit": 5, "impact": 4, "implementation": "dk"}
    assert district.record(R.RATINGS, "P2|Ben") == {"implementation": 2}
    assert [m.name for m in R.members(district)] == ["Ana", "Ben"]  # Dee answered nothing
    closed = district.record(room.ROUNDS, "round-1")
    assert closed["state"] == "closed" and "secret" not in closed and "join_code" not in closed
    command.undo(district)
    assert {k: dict(v) for k, v in district.records.items()} == before


def test_a_name_typed_in_another_case_rates_as_the_cabinet_member() -> None:
    district = sample_district()
    R.add_member(district, "Dr. RUIZ").do(district)
    round_ = Round("round-3", "", ("P1",))
    PutRecord(room.ROUNDS, round_.id, round_.to_record(), "").do(district)
    _answers(district, round_, {"dr. ruiz": {"P1": {"impact": 2}}})  # joins as "Dr. Ruiz"
    room.close_round(district, round_, "now").do(district)
    assert [m.name for m in R.members(district)] == ["Dr. RUIZ"]
    assert R.scores_of(district, "P1") == {"Dr. RUIZ": {"impact": 2}}


def test_closing_an_anonymous_round_numbers_raters_after_existing_ones() -> None:
    district = sample_district()
    R.add_member(district, "Anonymous 1").do(district)
    round_ = Round("round-2", "", ("P1",), anonymous=True)
    PutRecord(room.ROUNDS, round_.id, round_.to_record(), "").do(district)
    _answers(district, round_, {"x": {"P1": {"impact": 1}}, "y": {"P1": {"impact": 4}}})
    room.close_round(district, round_, "now").do(district)
    assert set(R.scores_of(district, "P1")) == {"Anonymous 2", "Anonymous 3"}
    view = room.live_view(district, round_)
    assert [name for _, name, _ in view.members] == ["Member 1", "Member 2"]


def test_removing_a_member_takes_their_answers() -> None:
    district = sample_district()
    _answers(
        district,
        ROUND,
        {"ana": {"P1": {"impact": 2}, "P2": {"impact": 3}}, "ben": {"P1": {"impact": 4}}},
    )
    room.remove_round_member(district, ROUND.id, "ana").do(district)
    assert list(room.round_answers(district, ROUND.id)) == ["ben"]
    with pytest.raises(RoomError, match="not in the round"):
        room.remove_round_member(district, ROUND.id, "ana")


def test_clearing_an_answer_never_given_changes_nothing() -> None:
    district = sample_district()
    assert room.put_answer(district, "r", "m", Answer("P1", {})) is None
