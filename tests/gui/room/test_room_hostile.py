"""The live view on a hostile Wi-Fi (issue 28): what the facilitator sees and decides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from coherence_planner.domain.retreat.ratings import Spread
from coherence_planner.ui.room.live_view import NO_ADDRESS, spread_text
from tests.gui.room.test_room_window import in_thread, start_default_round
from tests.room.conftest import Client


def test_the_live_view_shows_refused_join_tries(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_default_round(qtbot, window, sample_plan, monkeypatch)
    view, server = window.room.view, window.room.controller.server
    assert view.refused.isHidden()
    wrong = f"{(int(server.credentials.join_code) + 1) % 10**6:06d}"

    def guess() -> list[int]:
        client = Client(server)
        client.source = "127.0.0.5"
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        return [
            client.request("POST", "/join", f"code={wrong}".encode(), form).status for _ in range(6)
        ]

    assert in_thread(qtbot, guess) == [200] * 5 + [429]
    qtbot.waitUntil(lambda: not view.refused.isHidden(), timeout=5000)
    assert view.refused.text() == (
        "6 join tries refused in the last ten minutes from 1 device (6 from 127.0.0.5)."
    )
    view.close()


def test_the_facilitator_lets_in_a_late_join_and_a_removed_device_back(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_default_round(qtbot, window, sample_plan, monkeypatch)
    view, controller = window.room.view, window.room.controller
    view.expected.setValue(1)
    assert controller.store.expected == 1
    ana, ben = Client(controller.server), Client(controller.server)
    assert in_thread(qtbot, lambda: [ana.join("Ana").status, ben.join("Ben").status]) == [200, 200]
    qtbot.waitUntil(lambda: view.members.count() == 2, timeout=5000)
    texts = [view.members.item(r).text() for r in range(2)]
    assert texts[1] == "Ben  — waiting for Let In"
    view.members.item(1).setSelected(True)
    view.let_in_button.click()
    assert view.members.item(1).text().startswith("Ben  0/")
    assert controller.store.waiting() == set()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.members.item(1).setSelected(True)
    view.remove_button.click()
    assert view.members.item(1).text() == "Ben  — removed"
    assert in_thread(qtbot, lambda: ben.join("Ben").status) == 403
    view.members.item(1).setSelected(True)
    view.let_in_button.click()
    assert view.members.count() == 1
    assert in_thread(qtbot, lambda: ben.join("Ben").status) == 200
    view.close()


def test_one_rating_is_said_to_be_one_not_all() -> None:
    assert spread_text(Spread(1, 0, 2.0, 2, 2, 0.0)) == "2, one rating"
    assert spread_text(Spread(3, 1, 3.0, 3, 3, 0.0)) == "all 3 gave 3\n1 don't know"
    assert spread_text(Spread(2, 0, 2.5, 1, 4, 1.5)) == "2.5  (1–4)"


def test_with_no_address_a_phone_can_reach_the_view_says_so_instead_of_a_qr_code(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_default_round(qtbot, window, sample_plan, monkeypatch)  # loopback only
    view, server = window.room.view, window.room.controller.server
    assert not server.reachable
    assert view.qr.isHidden() and view.address.isHidden() and view.code.isHidden()
    assert not view.unreachable.isHidden()
    assert view.unreachable.text() == NO_ADDRESS
    monkeypatch.setattr(type(server), "reachable", property(lambda self: True))
    view.refresh()
    assert not view.qr.isHidden() and view.unreachable.isHidden()
    view.close()
