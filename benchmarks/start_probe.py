"""Start a window, wait for its first paint, report, and quit: one start-up, measured.

    python benchmarks/start_probe.py app|sample|bare REPORT.json

- `app`: the Coherence Planner window on its start page (`ui.app.open_window`);
- `sample`: the same, opening a copy of the sample district; the paint that counts is the
  first one that names the plan in the window's title (since issue 29 the window's first
  paint, "Opening…", before the copy is made; before it, the first paint after the copy
  was open), and the probe goes on to the first paint after the plan's analysis has
  arrived, its findings shown (`shown`: seconds and CPU as below);
- `bare`: the peer, a bare PySide6 QMainWindow of the same size.

REPORT.json gets the seconds from the interpreter's start to that paint (`time.perf_counter`
against the process's own start time), the CPU seconds the process had used by then (all
its threads, from its start: what the person waited for, less the machine's other work)
and the modules imported by then, so
benchmarks/bench_start.py can time it and tests/gui/test_start_imports.py can check what
start-up loads. Settings go wherever the caller's environment says (the callers point
XDG_CONFIG_HOME at a temporary folder).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _process_age() -> float:
    """Seconds since this process started (so the interpreter's own start counts)."""
    try:
        import os

        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter()  # not Linux: from the interpreter's clock instead


def main(which: str, report: Path) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer

    window: Any
    if which == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1280, 720)
        window.show()
    else:
        from coherence_planner.ui.app import make_application, open_window

        app = make_application(sys.argv[:1])
        window = open_window(demo=which == "sample")
    waiting_for_plan = which == "sample"
    found: dict[str, Any] = {}

    def moment() -> dict[str, float]:
        used = resource.getrusage(resource.RUSAGE_SELF)
        return {"seconds": _process_age(), "cpu": used.ru_utime + used.ru_stime}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            if not found:
                if waiting_for_plan and window.windowTitle() == "Coherence Planner":
                    return False  # the start page: the plan is not named yet
                found.update(moment())
                found["title"] = window.windowTitle()
                found["modules"] = sorted(sys.modules)
            if waiting_for_plan and "shown" not in found:
                if window.session.analysis is None:
                    return False
                found["shown"] = moment()
            QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    if waiting_for_plan:
        # The window may already have painted; ask for one more paint once the plan is
        # named, open and analysed.
        window.session.document_changed.connect(window.update)
        window.session.analysis_ready.connect(lambda _analysis: window.update())
        window.windowTitleChanged.connect(lambda _title: window.update())
    QTimer.singleShot(60_000, app.quit)  # never hang a benchmark or a test
    app.exec()
    report.write_text(json.dumps(found), encoding="utf-8")
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2])))
