"""What every screenshot script in packaging/ needs: a Qt app on the sample's settings kept in
a temporary folder (so the user's recent files and window layout are not touched), message
boxes that never block, an --out folder, and a way to let the window settle.

Scripts import it as a sibling (`from shots import screenshot_app, settle`); running one as
`xvfb-run -a python packaging/NAME.py` puts packaging/ on sys.path.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402


@dataclass
class Shots:
    app: QApplication
    out: Path  # where the PNGs go
    temp: Path  # a scratch folder that lives as long as the app


def settle(app: QApplication, rounds: int = 30) -> None:
    """Let layouts, timers and deleteLater() run (there is no running event loop)."""
    for _ in range(rounds):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@contextmanager
def screenshot_app(description: str | None, argv: list[str] | None = None) -> Iterator[Shots]:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default="packaging/screenshots", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        from coherence_planner.ui.app import make_application

        app = make_application([sys.argv[0]])
        QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
        yield Shots(app, args.out, Path(temp))
