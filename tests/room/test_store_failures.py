"""When the plan cannot store an answer: the phone is told whether to send it again, the
failure is logged (rate-limited) and the facilitator gets one sentence until answers save.

The read-only folder is real (tests/room/unprivileged.py): the kernel refuses SQLite's journal."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from coherence_planner.domain.retreat import room
from coherence_planner.room.failures import PHONE_CANNOT_JOIN, PHONE_CANNOT_SAVE, StoreTrouble
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.room.server import SECURITY_HEADERS, RoomServer
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.errors import FileLocked, ReadOnlyLocation
from tests.room.conftest import Client, Reply
from tests.room.test_kill import post
from tests.room.unprivileged import serve_read_only

Served = tuple[HeadlessRound, list[str]]


def has_headers(reply: Reply) -> bool:
    return all(reply.headers.get(k) == v for k, v in SECURITY_HEADERS.items())


def test_a_read_only_folder_stops_the_phone_and_is_logged_once(plan_folder: Path) -> None:
    served = serve_read_only(plan_folder)
    program, other = served.programs[:2]
    try:
        refused = [
            post(
                served.port,
                served.prefix + "api/answer",
                {"program": program, "impact": n},
                served.token,
            )
            for n in (1, 2, 3)
        ]
        assert refused == [(507, {"error": PHONE_CANNOT_SAVE})] * 3
        joining = post(served.port, served.prefix + "api/join", {"name": "Ben"})
        assert joining == (507, {"error": PHONE_CANNOT_JOIN})
        plan_folder.chmod(0o777)  # IT makes the folder writable again
        saved = post(
            served.port, served.prefix + "api/answer", {"program": other, "impact": 4}, served.token
        )
        assert saved[0] == 200
    finally:
        log = served.stop()
    lines = [line for line in log.splitlines() if "could not" in line]
    assert len(lines) == 3, log  # the first of each kind, then the end of the trouble
    assert "1 answer from phones could not be saved" in lines[0]
    assert "1 join from phones could not be saved" in lines[1]
    assert "saved again, after 3 answers and 1 join that could not be" in lines[2]
    assert "Traceback" not in log
    stored = room.round_answers(read_plan(served.plan), served.round_id)
    assert [a.scores for a in next(iter(stored.values())).values()] == [{"impact": 4}]


def answer_while_writes_fail(
    served: Served,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    exc: Exception,
) -> tuple[Reply, Client]:
    """A member joins; then every write of the plan raises `exc` while they answer once."""
    headless, programs = served
    assert headless.server is not None
    client = Client(headless.server)
    assert client.join("Ana").status == 200

    def apply(self: Document, command: Any) -> Any:
        raise exc

    monkeypatch.setattr(Document, "apply", apply)
    with caplog.at_level(logging.WARNING, "coherence_planner.room"):
        reply = client.api("POST", "answer", {"program": programs[0], "impact": 2})
    assert has_headers(reply)
    return reply, client


def test_a_locked_plan_stays_retryable_and_the_facilitator_hears_of_it(
    served: Served, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    headless, programs = served
    reply, client = answer_while_writes_fail(served, monkeypatch, caplog, FileLocked(headless.plan))
    assert reply.status == 503
    trouble = headless.inbox.trouble
    assert trouble.sentence.startswith("1 answer from phones could not be saved: “plan.coherence")
    assert [r.getMessage()[:40] for r in caplog.records] == [
        "1 answer from phones could not be saved:"
    ]
    monkeypatch.undo()
    assert client.api("POST", "answer", {"program": programs[0], "impact": 2}).status == 200
    assert trouble.sentence == ""


def test_a_bug_while_storing_is_logged_with_its_traceback_and_answered_500(
    served: Served, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bug = ZeroDivisionError("a slip in the code")
    reply, _ = answer_while_writes_fail(served, monkeypatch, caplog, bug)
    assert reply.status == 500
    assert reply.json() == {"error": PHONE_CANNOT_SAVE}
    (record,) = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "ZeroDivisionError" in caplog.text  # the traceback is in the log, not on the phone
    assert "because of an error in Coherence Planner" in served[0].inbox.trouble.sentence


def test_a_bug_outside_storing_is_answered_500_with_the_headers(
    served: Served, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)

    def broken(self: RoomServer, name: str) -> Any:
        raise KeyError(name)

    monkeypatch.setattr(RoomServer, "_asset", broken)
    with caplog.at_level(logging.ERROR, "coherence_planner.room"):
        reply = client.request("GET", client.prefix)
    assert reply.status == 500 and has_headers(reply)
    assert b"Traceback" not in reply.body and caplog.records[0].exc_info is not None


def test_failures_are_logged_at_most_once_per_ten_seconds_with_a_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    trouble = StoreTrouble(lambda: now[0])
    told: list[str] = []
    trouble.add_listener(lambda: told.append(trouble.sentence))
    full = ReadOnlyLocation("/plans/plan.coherence")
    with caplog.at_level(logging.WARNING, "coherence_planner.room"):
        for at in (0.0, 1.0, 2.0, 9.9, 10.5):
            now[0] = at
            trouble.failed(full, 2 if at == 9.9 else 1)
        now[0] = 11.0
        trouble.failed(RuntimeError("bug"))  # a new kind of failure is not held back
        trouble.failed(full, what="join")
        trouble.read_failed(RuntimeError("bug"))  # logged, but no answer was lost
        trouble.saved()
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        "1 answer from phones could not be saved",
        "5 answers from phones could not be saved",  # the four held back and this one
        "1 answer from phones could not be saved (a bug in Coherence Planner)",
        "1 join from phones could not be saved",
        "1 request from phones could not be answered (a bug in Coherence Planner)",
        "Answers from phones are saved again, after 7 answers and 1 join that could not be",
    ]
    assert told[4] == f"6 answers from phones could not be saved: {full.message}"
    assert told[6] == f"7 answers and 1 join from phones could not be saved: {full.message}"
    assert told[-1] == "" and trouble.sentence == ""
