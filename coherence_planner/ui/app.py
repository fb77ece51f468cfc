"""Start the desktop app: `run()` is what `coherence-planner` (no subcommand) calls.

Start-up makes objects that live as long as the process (modules, PySide6's enum classes,
the window's widgets), and the cycle collector walked them again and again for nothing:
about 60 collections before the first paint, a sixth of the start page's CPU (issue 29).
The collector is paused from the start of `make_application` and `open_window` (which
imports the window's modules) until that paint (domain/model/collector.py).
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

import coherence_planner
from coherence_planner.domain.model import collector
from coherence_planner.ui import settings

if TYPE_CHECKING:
    from coherence_planner.ui.shell.main_window import MainWindow

SWITCH_INTERVAL = 0.0005  # seconds a thread may hold the GIL while another waits


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up once (names for QSettings, icon, style, scheme)."""
    with collector.collector_paused():
        return _make_application(argv)


def _make_application(argv: list[str] | None) -> QApplication:
    from PySide6.QtCore import Qt  # the Qt namespace's hundred enum classes: paused

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
    # Analysis, layout and the money-flow picture run in worker threads of pure Python, and
    # every widget callback written in Python waits for the GIL; at the default 5 ms switch
    # interval a busy worker made each callback wait up to 5 ms, and showing the
    # 10,000-program map queued 0.8 s of such waits in one turn of the event loop (0.23 s at
    # 0.5 ms). The workers lose a little throughput; the window answers.
    sys.setswitchinterval(SWITCH_INTERVAL)
    return app


def open_window(path: str | Path | None = None, demo: bool = False) -> MainWindow:
    """The main window, shown: on its start page, opening `path`, or a copy of the sample.

    The sample's first paint is the window naming it, "Opening…"; its copy is made and
    read in a worker started after that paint, and its findings follow (issue 29).
    """
    collector.pause()
    try:
        from coherence_planner.ui import theme
        from coherence_planner.ui.lazy_part import AfterFirstPaint
        from coherence_planner.ui.shell.main_window import MainWindow

        window = MainWindow()
    except BaseException:
        collector.resume()
        raise
    _resume_after_first_paint(window)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.follow_system(app, window.refresh_icons)
    if demo:
        window.documents.hold_reading()
        window.documents.open_sample()
        AfterFirstPaint(window, window.documents.window_painted)
    window.show()
    if path is not None and not demo:
        QTimer.singleShot(0, lambda: window.documents.open_plan(path))
    return window


def _resume_after_first_paint(window: MainWindow) -> None:
    """End open_window's pause of the collector after the window's first paint (or when
    the window is gone without one)."""
    from coherence_planner.ui.lazy_part import AfterFirstPaint

    paused = True

    def resume() -> None:
        nonlocal paused
        if paused:
            paused = False
            collector.resume()

    AfterFirstPaint(window, resume)
    window.destroyed.connect(lambda _object=None: resume())


def run(path: str | Path | None = None, demo: bool = False) -> int:
    """Show the main window: the start page, `path` opened, or a copy of the sample."""
    from coherence_planner.ui import crash

    app = make_application()
    crash.install()
    window = open_window(path, demo)
    window.exits_process = True
    app.setWindowIcon(window.windowIcon())
    code = app.exec()
    window.documents.release_for_exit()  # done already, unless the loop ended without closing
    exit_now(code)


def exit_now(code: int) -> NoReturn:
    """End the process without tearing down what its exit frees.

    The plan is always saved and its file is closed by now (MainWindow.closeEvent). A normal
    interpreter exit then destroyed every widget and map card one by one and waited for the
    workers: 1-1.4 s after Quit with a 10,000-program plan open. Settings and the standard
    streams are flushed first; nothing else is pending.
    """
    settings.settings().sync()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
