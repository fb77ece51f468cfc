"""Open a plan in the app as `coherence-planner FILE` does, wait until it is analysed (and,
with --map, its Map painted), then choose File > Quit: one quit, measured from outside.

    python benchmarks/quit_probe.py app|bare PLAN REPORT.json [--map]

REPORT.json gets the wall-clock time (`time.time()`) at which Quit was chosen; the caller
(benchmarks/bench_quit.py) notes when the process has ended. `bare` is the peer: a bare
PySide6 QMainWindow closed the same way. The app runs through `ui.app.run`, so whatever
the real quit does after the window closes is measured too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(which: str, plan: Path, report: Path, with_map: bool) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    def quit_now(window: QMainWindow, close: Any) -> None:
        report.write_text(json.dumps({"quit_at": time.time()}), encoding="utf-8")
        close()

    if which == "bare":
        app = QApplication(sys.argv[:1])
        bare = QMainWindow()
        bare.resize(1366, 768)
        bare.show()
        QTimer.singleShot(200, lambda: quit_now(bare, bare.close))
        return app.exec()

    from coherence_planner.ui.app import make_application, run

    app = make_application(sys.argv[:1])
    poll = QTimer()
    poll.setInterval(20)

    def ready(window: Any) -> bool:
        session = window.session
        if not session.is_open or session.analysis is None:
            return False
        if not with_map:
            return True
        panel = window.map_panel
        if panel.isHidden() or not panel.isVisible():
            window.show_view(panel)
            return False
        return panel.layout_ is not None and not panel.runner.busy

    def check() -> None:
        windows = [
            w for w in app.topLevelWidgets() if hasattr(w, "files") and hasattr(w, "session")
        ]
        if windows and ready(windows[0]):
            poll.stop()
            window = windows[0]
            window.map_panel.view.viewport().repaint() if with_map else None
            QTimer.singleShot(50, lambda: quit_now(window, window.files.quit_action.trigger))

    poll.timeout.connect(check)
    poll.start()
    return run(path=plan)


if __name__ == "__main__":
    args = sys.argv[1:]
    raise SystemExit(main(args[0], Path(args[1]), Path(args[2]), "--map" in args))
