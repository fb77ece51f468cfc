"""A round kept in the plan: joining, answering in one transaction, expiry, reopening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import RoomError, Round
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.room_store import (
    ROUND_LIFETIME,
    AnswerRequest,
    NotAMember,
    RoundClosed,
    RoundStore,
)
from coherence_planner.storage.sample import sample_district

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document.create(tmp_path / "plan.coherence", sample_district())


def test_a_round_survives_closing_the_plan_with_its_members_and_answers(
    document: Document,
) -> None:
    clock = Clock()
    store = RoundStore.open(document, Round("", "Title", ("P1", "P2"), vote=True), clock=clock)
    credentials = store.credentials()
    assert credentials is not None and len(credentials.join_code) == 6
    assert len(credentials.secret) >= 22  # 16 random bytes, URL-safe base64
    _, token = store.join("Ana")
    store.answer(token, {"program": "P1", "impact": 3, "vote": "keep"})
    document.close()

    with Document.open(document.path) as again:
        resumed = RoundStore.resume(again, store.round_id, clock=clock)
        assert resumed.credentials() == credentials  # phones keep their link
        assert resumed.phone_state(token)["answers"] == {"P1": {"impact": 3, "vote": "keep"}}
        resumed.answer(token, {"program": "P1", "impact": 2})  # changed until the round closes
    plan = read_plan(document.path)
    assert list(plan.records_of(room.ROUND_ANSWERS).values()) == [{"impact": 2}]


def test_an_expired_link_is_dead_and_resuming_issues_a_new_one(document: Document) -> None:
    clock = Clock()
    store = RoundStore.open(document, Round("", "", ("P1",)), clock=clock)
    old = store.credentials()
    assert old is not None and old.matches(old.secret, clock.now)
    clock.now += ROUND_LIFETIME
    assert store.credentials() is None and not old.matches(old.secret, clock.now)
    renewed = RoundStore.resume(document, store.round_id, clock=clock).credentials()
    assert renewed is not None and renewed.secret != old.secret


def test_a_batch_of_answers_is_one_transaction_and_refusals_write_nothing(
    document: Document,
) -> None:
    store = RoundStore.open(document, Round("", "", ("P1", "P2")))
    _, ana = store.join("Ana")
    _, ben = store.join("Ben")
    writes: list[object] = []
    document.add_listener(writes.append)
    results = store.answer_all(
        [
            AnswerRequest(ana, {"program": "P1", "impact": 1}),
            AnswerRequest(ben, {"program": "P2", "impact": "dk"}),
            AnswerRequest(ben, {"program": "G1", "impact": 2}),
            AnswerRequest("stolen", {"program": "P1", "impact": 4}),
        ]
    )
    assert len(writes) == 1
    assert [type(r).__name__ for r in results] == ["Answer", "Answer", "RoomError", "NotAMember"]
    assert len(document.district.records_of(room.ROUND_ANSWERS)) == 2


def test_names_are_unique_in_a_named_round_and_absent_in_an_anonymous_one(
    document: Document,
) -> None:
    named = RoundStore.open(document, Round("", "", ("P1",)))
    named.join("Ana Ruiz")
    with pytest.raises(RoomError, match="already joined as ana ruiz"):
        named.join("ana ruiz")
    anonymous = RoundStore.open(document, Round("", "", ("P1",), anonymous=True))
    member, _ = anonymous.join("Whoever")
    assert [m.name for m in anonymous.members() if m.id == member] == [""]


def test_a_removed_member_is_refused_and_loses_their_answers(document: Document) -> None:
    store = RoundStore.open(document, Round("", "", ("P1",)))
    member, token = store.join("Intruder")
    store.answer(token, {"program": "P1", "impact": 4})
    store.remove(member)
    assert document.district.records_of(room.ROUND_ANSWERS) == {}
    with pytest.raises(NotAMember):
        store.answer(token, {"program": "P1", "impact": 4})


def test_closing_writes_the_cabinet_ratings_and_ends_the_round(document: Document) -> None:
    store = RoundStore.open(document, Round("", "", ("P1", "P2")))
    _, token = store.join("Ana")
    store.answer(token, {"program": "P2", "implementation": 4, "impact": 3})
    document.apply(store.close_command())
    assert R.scores_of(document.district, "P2") == {"Ana": {"implementation": 4, "impact": 3}}
    assert store.credentials() is None
    with pytest.raises(RoundClosed):
        store.answer(token, {"program": "P2", "impact": 1})
    with pytest.raises(RoundClosed):
        RoundStore.resume(document, store.round_id)
