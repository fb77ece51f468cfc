"""Members, not joins; a removed device stays out; a closed round's way in is dead for good
(issue 28). Over real HTTP, with the device cookie a browser would keep."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.domain.retreat import room
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import AnswerRequest, RoundStore
from tests.room.conftest import Client, make_plan

Served = tuple[HeadlessRound, list[str]]


def test_one_device_joining_sixty_times_is_one_member(served: Served) -> None:
    headless, programs = served
    assert headless.server is not None
    phone = Client(headless.server)
    assert phone.join("Ana").status == 200
    first = phone.token
    assert phone.api("POST", "answer", {"program": programs[0], "impact": 2}).status == 200
    for n in range(59):
        assert phone.join(f"Ana {n}").status == 200  # a new tab, a cleared page: resumes
    assert len(headless.call(lambda s: s.members())) == 1
    assert phone.api("GET", "state").json()["answers"][programs[0]] == {"impact": 2}
    phone.token = first
    assert phone.api("GET", "state").status == 401  # the earlier token was replaced


def test_a_removed_member_cannot_rejoin_until_let_back(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    phone = Client(headless.server)
    assert phone.join("Intruder").status == 200
    member = headless.call(lambda s: s.members()[0].id)
    headless.call(lambda s: s.remove(member))
    assert phone.api("GET", "state").status == 401
    again = phone.join("Intruder")  # the same link, the same device, at once
    assert again.status == 403 and again.json()["barred"] is True
    assert "removed this device" in again.json()["error"]
    assert headless.call(lambda s: s.members()) == []
    (device,) = headless.call(lambda s: s.barred())
    assert headless.call(lambda s: s.barred()) == {device: "Intruder"}
    headless.call(lambda s: s.let_back(device))
    assert phone.join("Intruder").status == 200


def test_joins_past_the_expected_number_wait_for_the_facilitator(served: Served) -> None:
    headless, programs = served
    assert headless.server is not None
    headless.call(lambda s: s.set_expected(2))
    phones = [Client(headless.server) for _ in range(3)]
    for phone, name in zip(phones, ["Ana", "Ben", "Cy"], strict=True):
        assert phone.join(name).status == 200
    late = phones[2]
    assert late.api("GET", "state").json() == {
        "waiting": True,
        "round": {"title": "Reading programs"},
    }
    refused = late.api("POST", "answer", {"program": programs[0], "impact": 2})
    assert refused.status == 403 and refused.json()["waiting"] is True
    cy = next(m.id for m in headless.call(lambda s: s.members()) if m.name == "Cy")
    assert headless.call(lambda s: s.waiting()) == {cy}
    headless.call(lambda s: s.let_in(cy))
    assert late.api("POST", "answer", {"program": programs[0], "impact": 2}).status == 200


def test_undoing_close_round_restores_the_ratings_not_the_way_in(tmp_path: Path) -> None:
    plan = tmp_path / "plan.coherence"
    round_id, programs = make_plan(plan, count=2)
    with Document.open(plan) as document:
        store = RoundStore(document, round_id)
        old = store.credentials()
        assert old is not None
        _, token = store.join("Ana", "ana-phone-cookie-0123")
        store.answer(token, {"program": programs[0], "impact": 3})
        close = store.close_command()
        document.apply(close)
        document.revert(close)  # Edit > Undo of Close Round
        assert document.district.record(room.ROUNDS, round_id)["state"] == "open"
        resumed = RoundStore.resume(document, round_id)
        new = resumed.credentials()
        assert new is not None and new.secret != old.secret and new.join_code != old.join_code
        assert not new.matches(old.secret, resumed.clock())
        refused = resumed.answer_all([AnswerRequest(token, {"program": programs[0]})])
        assert "not in the round" in str(refused[0])
        # The member's device joins again from the new link and finds its answers.
        _, fresh = resumed.join("Ana", "ana-phone-cookie-0123")
        assert resumed.phone_state(fresh)["answers"] == {programs[0]: {"impact": 3}}


def test_a_closed_round_refuses_the_old_link_over_http_after_undo(tmp_path: Path) -> None:
    plan = tmp_path / "plan.coherence"
    round_id, _ = make_plan(plan, count=2)
    headless = HeadlessRound(plan, round_id)
    server = headless.start_thread()
    phone = Client(server)
    assert phone.join("Ana").status == 200

    def close_and_undo(store: RoundStore) -> None:
        close = store.close_command()
        store.document.apply(close)
        store.document.revert(close)

    headless.call(close_and_undo)
    headless.stop()
    headless = HeadlessRound(plan, round_id)  # the facilitator resumes the round
    server = headless.start_thread()
    try:
        phone.server = server
        assert phone.api("GET", "round").status == 403  # the old secret
        phone.prefix = server.link().split(str(server.port), 1)[1]
        assert phone.api("GET", "state").status == 401  # the old token, on the new link
    finally:
        headless.stop()
