"""SIGKILL a process that is editing, importing, saving-as and migrating a plan (quick subset).

Each kill is checked by tests/hardening/crash.py: the plan opens, integrity_check is ok, and
every step the child reported done is in the file. The full run (320 kills) is
`python -m tests.hardening.run_full`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.hardening.crash import run_scenario

QUICK_KILLS = {"edits": 10, "import": 6, "save_as": 8, "migration": 6}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.mark.parametrize("scenario", sorted(QUICK_KILLS))
def test_every_reported_step_survives_sigkill(scenario: str, tmp_path: Path) -> None:
    outcome = run_scenario(scenario, tmp_path, QUICK_KILLS[scenario], seed=1)
    assert outcome.problems == []
    assert outcome.kills == QUICK_KILLS[scenario]
    if scenario != "migration":  # one step per child there; a kill may land before it
        assert outcome.reported > 0
