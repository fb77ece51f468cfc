"""Every focusable control of every view, part, dock and form has a name a screen reader
announces (issue 31: of 84 focusable controls on the main views, 5 tables and spin boxes had
none). The walk is test_walk_views.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from tests.gui.accessible_names import focusable, unnamed
from tests.gui.helpers import wait_for_analysis
from tests.gui.shell.test_walk_views import walk


def test_every_focusable_control_of_every_view_has_an_accessible_name(
    qtbot: Any, window: QWidget, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)  # type: ignore[attr-defined]
    wait_for_analysis(qtbot, window)
    window.session.select(["P4"])  # type: ignore[attr-defined]
    seen: set[int] = set()

    def count_and_check(top: Any, ids: list[str]) -> list[str]:
        seen.update(id(w) for w in focusable(top))
        return unnamed(top, ids)

    found = walk(qtbot, window, count_and_check)
    assert len(seen) > 150  # the walk reached the views' controls (218 when written)
    problems = sorted({p for ps in found.values() for p in ps})
    assert not found, f"{len(problems)} kind(s) of control without a name:\n" + "\n".join(
        f"{where}: {p}" for where, ps in found.items() for p in ps
    )
