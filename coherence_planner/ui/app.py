"""Start the desktop app: `run()` is what `coherence-planner` (no subcommand) calls."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

import coherence_planner
from coherence_planner.ui import crash, theme
from coherence_planner.ui.shell.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up once (names for QSettings, icon, style, scheme)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("Coherence Planner")
    QCoreApplication.setApplicationName("Coherence Planner")
    QCoreApplication.setApplicationVersion(coherence_planner.__version__)
    QGuiApplication.setDesktopFileName("coherence-planner")
    # Fusion follows the system's light or dark scheme on every platform, and looks the same
    # in screenshots, docs and on every cabinet member's machine.
    app.setStyle("Fusion")
    return app


def open_window(path: str | Path | None = None, demo: bool = False) -> MainWindow:
    window = MainWindow()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.follow_system(app, window.refresh_icons)
    window.show()
    if demo:
        QTimer.singleShot(0, lambda: window.documents.open_sample())
    elif path is not None:
        QTimer.singleShot(0, lambda: window.documents.open_plan(path))
    return window


def run(path: str | Path | None = None, demo: bool = False) -> int:
    """Show the main window: the start page, `path` opened, or a copy of the sample."""
    app = make_application()
    crash.install()
    window = open_window(path, demo)
    app.setWindowIcon(window.windowIcon())
    return app.exec()
