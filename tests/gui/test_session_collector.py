"""Opening the first, small plan of a window runs no full garbage collection before its
first paint (issue 29: it was an eighth of opening the sample); replacing or closing a plan
still collects what it left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coherence_planner.ui import session as session_module
from tests.gui.test_session import open_session


def test_only_a_plan_left_behind_is_collected(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[int] = []
    monkeypatch.setattr(session_module.gc, "collect", lambda *a: collections.append(1) or 0)
    session = open_session(tmp_path, qtbot)
    assert collections == []
    session.close()
    assert collections == [1]
