"""A round through the window: opened from the Retreat menu, phones answering while the
window's event loop runs, the live view, removing a member, closing into the cabinet's
ratings, undo, and resuming."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import ReadOnlyLocation
from coherence_planner.ui.room import controller as controller_module
from coherence_planner.ui.room.setup_dialog import RoundDialog
from tests.gui.accessible_names import unnamed
from tests.gui.helpers import wait_for_analysis
from tests.room.conftest import Client


def phones(client_factory: Any, answers: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Each member joins and answers; returns name -> token. Runs on a worker thread."""
    tokens = {}
    for name, cards in answers.items():
        client = client_factory()
        assert client.join(name).status == 200
        tokens[name] = client.token
        for card in cards:
            reply = client.api("POST", "answer", card)
            assert reply.status == 200, reply.body
    return tokens


def in_thread(qtbot: Any, work: Any) -> Any:
    """Run blocking HTTP on a thread while this thread's event loop commits the answers."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=30_000)
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_a_round_from_the_retreat_menu_to_the_cabinet_ratings(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(controller_module, "interface_addresses", lambda: [])
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    candidates = room.removal_programs(window.session.analysis)
    assert len(candidates) >= 2

    def choose(dialog: RoundDialog) -> int:
        dialog.preset.setCurrentIndex(1)  # the removal candidates
        dialog.vote.setChecked(True)
        dialog.title.setText("Removal candidates")
        assert set(dialog.chosen_programs()) == set(candidates)
        return RoundDialog.DialogCode.Accepted

    monkeypatch.setattr(RoundDialog, "exec", choose)
    window.room.action.trigger()
    view = window.room.view
    assert view is not None and view.isVisible()
    server = window.room.controller.server
    assert server.addresses == ["127.0.0.1"]
    assert (
        view.code.text()
        == f"Code {server.credentials.join_code[:3]} {server.credentials.join_code[3:]}"
    )

    first, second = candidates[:2]
    tokens = in_thread(
        qtbot,
        lambda: phones(
            lambda: Client(server),
            {
                "Ana": [
                    {"program": first, "impact": 1, "implementation": 4, "vote": "remove"},
                    {"program": second, "impact": 3, "vote": "keep"},
                ],
                "Ben": [
                    {"program": first, "impact": 4, "implementation": "dk", "vote": "keep"},
                    {"program": second, "impact": 3},
                ],
                "Intruder": [{"program": first, "impact": 2}],
            },
        ),
    )
    qtbot.waitUntil(lambda: "5 answers saved" in view.summary.text(), timeout=5000)
    assert unnamed(view) == []  # every control a screen reader reaches has a name (issue 31)
    names = window.session.district.items
    assert view.table.item(0, 0).text() == names[first].name  # widest disagreement first
    assert view.table.item(0, 2).text() == "Wide"
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert view.table.item(0, headers.index("Votes")).text() == "Keep 1  Remove 1"
    assert (
        view.table.item(0, headers.index("Impact")).text() == "2.3  (1–4)"
    )  # Ana 1, Ben 4, Intruder 2

    intruder = next(
        view.members.item(r)
        for r in range(view.members.count())
        if view.members.item(r).text().startswith("Intruder")
    )
    intruder.setSelected(True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.remove_button.click()
    assert "Intruder" not in [view.members.item(r).text() for r in range(view.members.count())]
    refused = in_thread(qtbot, lambda: _answer_as(server, tokens["Intruder"], first))
    assert refused == 401

    view.close_button.click()
    assert window.room.view is None and not server.listening
    district = window.session.district
    assert R.scores_of(district, first) == {
        "Ana": {"impact": 1, "implementation": 4},
        "Ben": {"impact": 4, "implementation": "dk"},
    }
    assert district.record(room.ROUNDS, "round-1")["state"] == "closed"

    window.session.undo_stack.undo()  # the close comes back: ratings gone, round open again
    assert R.scores_of(window.session.district, first) == {}
    monkeypatch.setattr(type(window.room), "_ask_resume", lambda self, left: True)
    window.room.action.trigger()
    resumed = window.room.controller
    assert resumed is not None and resumed.store.round_id == "round-1"
    # Undo restored the ratings, not the way in: a new link, and the old tokens are dead.
    assert resumed.server.credentials.secret != server.credentials.secret
    assert in_thread(qtbot, lambda: _answer_as(resumed.server, tokens["Ana"], first)) == 401
    window.room.view.close()


def _answer_as(server: Any, token: str, program: str) -> int:
    client = Client(server)
    client.token = token
    status: int = client.api("POST", "answer", {"program": program, "impact": 1}).status
    return status


def start_default_round(
    qtbot: Any, window: Any, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open the plan and start a round as the dialog proposes it, on loopback only."""
    monkeypatch.setattr(controller_module, "interface_addresses", lambda: [])
    monkeypatch.setattr(RoundDialog, "exec", lambda self: RoundDialog.DialogCode.Accepted)
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    window.room.action.trigger()


def test_closing_the_plan_stops_the_round(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_default_round(qtbot, window, sample_plan, monkeypatch)
    server = window.room.controller.server
    assert server.listening
    window.session.close()
    assert not server.listening and window.room.view is None


def test_the_window_starts_without_the_server_or_the_qr_code() -> None:
    code = (
        "import sys; import coherence_planner.ui.shell.main_window; "
        "print(sorted(m for m in ('aiohttp', 'segno', 'coherence_planner.room.server') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_live_view_says_when_answers_cannot_be_saved_until_they_save_again(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_default_round(qtbot, window, sample_plan, monkeypatch)
    view, server = window.room.view, window.room.controller.server
    program = window.room.controller.store.round.programs[0]
    client = Client(server)
    assert in_thread(qtbot, lambda: client.join("Ana").status) == 200
    assert view.problem.isHidden()

    # The folder became read-only (tests/room/test_store_failures.py does it for real).
    refusal = ReadOnlyLocation(sample_plan)

    def refuse(self: Document, command: Any) -> Any:
        raise refusal

    with monkeypatch.context() as failing:
        failing.setattr(Document, "apply", refuse)
        assert in_thread(qtbot, lambda: _answer_as(server, client.token, program)) == 507
    assert not view.problem.isHidden()
    assert view.problem.text() == f"1 answer from phones could not be saved: {refusal.message}"

    assert in_thread(qtbot, lambda: _answer_as(server, client.token, program)) == 200
    assert view.problem.isHidden()
    view.close()
