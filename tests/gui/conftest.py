"""GUI tests run offscreen, with settings and app data in the test's own tmp_path, and with
message boxes recorded instead of shown (a test that expects none can assert so)."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.storage.document import Document


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Finish deleting this test's windows before the next test starts.

    pytest-qt closes a test's widgets with deleteLater(), so without this the C++ objects
    die during the next test, while Python wrappers of their children may still be alive;
    Qt then reuses their addresses and PySide can hand back a stale wrapper of the wrong
    type (seen as a QStandardItem returned by toggleViewAction(), and a crash reading a
    menu action). Deleting now, then collecting the wrappers, keeps tests independent.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is None:
        return
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def pytest_configure(config: pytest.Config) -> None:
    # The offscreen platform warns about window-manager features it lacks; nothing to fix.
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")
    config.addinivalue_line("qt_log_ignore", "This plugin does not support raise")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    from coherence_planner.ui.app import make_application

    make_application()
    QSettings().clear()
    yield
    QSettings().clear()


class Messages:
    """Every QMessageBox.warning/critical/information/question the app showed."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.shown]


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    record = Messages()

    def fake(kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return record


class Dialogs:
    """Answers for QFileDialog.getSaveFileName / getOpenFileName, in order."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.asked: list[str] = []

    def answer(self, *paths: str | Path) -> None:
        self.answers.extend(str(p) for p in paths)

    def _next(self, _parent: Any, caption: str = "", *args: Any, **kwargs: Any) -> tuple[str, str]:
        self.asked.append(caption)
        if not self.answers:
            return "", ""
        return self.answers.pop(0), ""


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    answers = Dialogs()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answers._next))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answers._next))
    return answers


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    from coherence_planner.ui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    # A first run opens maximised on the (800x800 offscreen) screen; tests choose the size.
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(1280, 720)
    win.show()
    yield win
    win.close()


# The fonts people meet as the default sans-serif: DejaVu Sans (Debian, Ubuntu) and Noto Sans
# (Fedora, KDE), which sets lines taller and words wider. A layout must fit with either.
UI_FONTS = ("DejaVu Sans", "Noto Sans")


@pytest.fixture(params=UI_FONTS)
def ui_font(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The application's font set to each of UI_FONTS in turn (skipped where not installed)."""
    family = str(request.param)
    if not QFontDatabase.hasFamily(family):
        pytest.skip(f"the {family} font is not installed")
    before = QApplication.font()
    font = QFont(before)
    font.setFamilies([family])
    QApplication.setFont(font)
    # A substitute would let the test pass without ever laying out the font it names.
    assert QFontInfo(QApplication.font()).family() == family
    yield family
    QApplication.setFont(before)


def sample_district() -> District:
    from coherence_planner.assets import read_sample_json

    return district_from_dict(read_sample_json())


@pytest.fixture
def sample_plan(tmp_path: Path) -> Path:
    """A .coherence file holding the sample district, closed, ready to open."""
    path = tmp_path / "riverside.coherence"
    Document.create(path, sample_district()).close()
    return path
