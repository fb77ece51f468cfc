"""Screenshots of the main window on the sample district, for the README and layout review.

Run under a virtual display:  xvfb-run -a python packaging/screenshot.py [--out packaging/screenshots]
Writes main-1366x768.png, main-1920x1080.png, main-dark-1366x768.png and start page shots. Settings are kept in
a temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QStandardPaths, Qt
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
        from coherence_planner.ui import theme
        from coherence_planner.ui.app import make_application
        from coherence_planner.ui.main_window import MainWindow

        app = make_application([sys.argv[0]])
        QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
        for width, height in ((1366, 768), (1920, 1080)):
            window = MainWindow()
            window.resize(width, height)
            window.show()
            _settle(app)
            window.grab().save(str(args.out / f"start-{width}x{height}.png"))
            window.documents.open_sample()
            _settle(app)
            window.session.select(["P4"])  # a program with several findings
            _settle(app)
            window.grab().save(str(args.out / f"main-{width}x{height}.png"))
            print(f"wrote {args.out}/main-{width}x{height}.png")
            if width == 1366:
                theme.apply(app, Qt.ColorScheme.Dark)
                window.refresh_icons()
                _settle(app)
                window.grab().save(str(args.out / f"main-dark-{width}x{height}.png"))
                theme.apply(app, Qt.ColorScheme.Light)
                window.refresh_icons()
            window.close()
            _settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
