"""The Ratings view shows a program's votes from the rating rounds beside its spread, with
the reasons the members gave (issue 28: only the live view and the report had them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import RoundStore
from tests.gui.helpers import wait_for_analysis
from tests.room.conftest import make_plan


def test_the_votes_and_reasons_stand_beside_the_spread(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    plan = tmp_path / "voted.coherence"
    round_id, programs = make_plan(plan, count=2, vote=True, title="Removal candidates")
    with Document.open(plan) as document:
        store = RoundStore(document, round_id)
        for name, vote, reason in [
            ("Ana", "remove", "Nobody uses it"),
            ("Ben", "remove", ""),
            ("Cy", "keep", "Teachers like it"),
        ]:
            _, token = store.join(name)
            store.answer(
                token, {"program": programs[0], "impact": 2, "vote": vote, "reason": reason}
            )
        document.apply(store.close_command())
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    view = window.retreat.ratings
    window.show_view(view)
    view.select_program(programs[0])
    assert not view.votes.isHidden()
    assert view.votes.text() == (
        "Removal candidates: Keep 1, Remove 2. Reasons: “Nobody uses it”; “Teachers like it”."
    )
    view.select_program(programs[1])
    assert view.votes.isHidden()  # no votes on it: nothing said
