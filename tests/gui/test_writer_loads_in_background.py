"""Once a plan is on screen, what the first edit needs (sqlite-utils) is imported in a thread
of its own: on the window's thread the import froze it 0.2 s just after a plan opened, and
0.3-0.5 s when a map's layout was running meanwhile. Run in a fresh process, where nothing
has imported it yet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys, threading, time
from importlib.abc import MetaPathFinder

importers = []

class Watch(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "sqlite_utils":
            importers.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Watch())
from PySide6.QtCore import QTimer
from coherence_planner.ui.app import make_application, open_window

app = make_application(sys.argv[:1])
window = open_window(demo=True)
started = time.monotonic()

def poll():
    if "sqlite_utils" in sys.modules or time.monotonic() - started > 20:
        print("importers", ",".join(importers) or "none")
        print("loaded", "sqlite_utils" in sys.modules)
        app.quit()
    else:
        QTimer.singleShot(20, poll)

QTimer.singleShot(0, poll)
app.exec()
"""


def test_sqlite_utils_is_imported_off_the_windows_thread(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines.get("loaded") == "True", done.stdout + done.stderr
    assert lines.get("importers") == "load-writer", done.stdout
