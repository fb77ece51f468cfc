"""Screenshots of the coherence map on the sample district, as a cabinet sees it projected.

Run under a virtual display:  xvfb-run -a python packaging/map_screenshots.py [--out DIR]
Opens the sample, hides the side docks, shows the Map tab at 1920x1080 and 1366x768, and
writes map-whole.png (Fit) and map-focus-g1.png (focused on goal G1), with the size as a
suffix for the smaller screen. Settings are kept in a temporary folder, so the user's recent
files and window layout are not touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox


def _settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="packaging/screenshots", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        from coherence_planner.ui.app import make_application
        from coherence_planner.ui.main_window import MainWindow

        app = make_application([sys.argv[0]])
        QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
        for width, height in ((1920, 1080), (1366, 768)):
            suffix = "" if width == 1920 else f"-{width}x{height}"
            window = MainWindow()
            window.resize(width, height)
            window.show()
            window.documents.open_sample()
            for dock in (window.browser_dock, window.inspector_dock, window.findings_dock):
                dock.hide()
            window.central_tabs.setCurrentWidget(window.map_panel)
            panel = window.map_panel
            for _ in range(200):
                _settle(app, 5)
                if panel.scene.cards:
                    break
            _settle(app)
            panel.view.fit()
            _settle(app)
            window.grab().save(str(args.out / f"map-whole{suffix}.png"))
            print(f"wrote map-whole{suffix}.png at {panel.view.zoom:.0%}")
            panel.focus.setCurrentIndex(panel.focus.findData("G1"))
            _settle(app)
            window.grab().save(str(args.out / f"map-focus-g1{suffix}.png"))
            print(f"wrote map-focus-g1{suffix}.png at {panel.view.zoom:.0%}")
            window.close()
            _settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
