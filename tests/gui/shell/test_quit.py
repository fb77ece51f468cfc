"""Quitting ends the process without tearing down what its exit frees (issue 29), and loses
nothing: the app runs through `ui.app.run` in a fresh process, an edit is made, File > Quit
is chosen, and the plan, its lock and the settings are checked afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from coherence_planner.domain.model.codec import district_to_dict
from coherence_planner.storage.document import Document, read_plan
from tests.factories import g, make, p

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from coherence_planner.domain.model.commands import SetItemFields
    from coherence_planner.ui.app import make_application, run

    plan, told = Path(sys.argv[1]), Path(sys.argv[2])
    app = make_application(sys.argv[:1])

    def step():
        windows = [w for w in app.topLevelWidgets() if hasattr(w, "files")]
        if not windows or not windows[0].session.is_open:
            QTimer.singleShot(20, step)
            return
        window = windows[0]
        window.session.push(SetItemFields(window.session.district, "P1", {"annual_cost": 777}))
        # Whatever tells the views the plan closed, from here on, is teardown work.
        window.session.document_changed.connect(
            lambda: told.open("a").write("document_changed\\n")
        )
        window.files.quit_action.trigger()

    QTimer.singleShot(0, step)
    run(path=plan)
    """
)


def test_quit_closes_the_plan_keeps_the_edit_and_tells_no_view(tmp_path: Path) -> None:
    plan = tmp_path / "plan.coherence"
    Document.create(plan, make(goals=[g("G1")], programs=[p("P1", name="Phonics")])).close()
    told = tmp_path / "told.txt"
    temp = tmp_path / "temp"  # where the plan's lock file lives while it is open
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["TMPDIR"] = str(temp)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(plan), str(told)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert not told.exists()  # no view was asked to clear itself on the way out
    # The edit is in the file, the file was closed cleanly and its lock released.
    leftovers = sorted(f.name for f in tmp_path.iterdir() if f.name.startswith("plan."))
    assert leftovers == ["plan.coherence"], leftovers
    assert not [f.name for f in temp.iterdir() if f.name.endswith(".lock")]
    programs = district_to_dict(read_plan(plan))["programs"]
    assert [x["annual_cost"] for x in programs] == [777]
    settings = list((tmp_path / "cfg").rglob("*.conf"))
    assert settings and "geometry" in settings[0].read_text()
