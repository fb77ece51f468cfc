"""A large plan is read in a worker thread (ui/documents/opening.py): the window keeps
answering while it opens, refusals say the same sentence as before, a newer choice wins
over a plan still being read, and closing or quitting meanwhile shows nothing and frees it."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from benchmarks.generate_district import generate
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.storage import schema
from coherence_planner.storage.document import Document
from coherence_planner.ui.documents import locks, opening
from tests.gui.helpers import wait_for_analysis

PROGRAMS = 3000  # a 3 MB file: read in the worker, and quick enough to make for a test


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "made.coherence"
    Document.create(path, district_from_dict(generate(PROGRAMS, 1))).close()
    assert opening.in_worker(path)
    return path


def copy_of(plan: Path, folder: Path, name: str = "large.coherence") -> Path:
    target = folder / name
    shutil.copyfile(plan, target)
    return target


def read_to_the_end(qtbot: Any, window: Any) -> None:
    """Wait until the worker of the last open has finished and its result has arrived."""
    reading = window.documents._reader
    qtbot.waitUntil(lambda: reading.current is None, timeout=30000)


def unlocked(path: Path) -> bool:
    """Whether another window could take the lock on `path` now."""
    try:
        lock = locks.acquire(path)
    except locks.HeldByAnotherWindow:
        return False
    lock.unlock()
    return True


def free(path: Path) -> bool:
    """Whether another window could open `path` now: its lock, and its file, are free."""
    Document.open(path).close()  # raises FileLocked while a connection still holds it
    return unlocked(path)


class Ticks:
    """When a 10 ms timer on the window's thread fired: the window answering."""

    def __init__(self) -> None:
        self.times = [time.perf_counter()]
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def gaps_before(self, moment: float) -> list[float]:
        """The waits between ticks that ended before `moment`."""
        before = [t for t in self.times if t <= moment]
        return [b - a for a, b in pairwise(before)]


def test_the_window_answers_while_a_large_plan_is_read(
    qtbot: Any, window: Any, messages: Any, large_plan: Path, tmp_path: Path
) -> None:
    plan = copy_of(large_plan, tmp_path)
    arrived: list[float] = []
    window.session.document_changed.connect(lambda: arrived.append(time.perf_counter()))
    ticks = Ticks()
    opened = time.perf_counter()
    assert window.documents.open_plan(plan)
    # Open returned before the plan was read: the window says what it is doing, and what
    # needs a plan waits for it.
    assert window.session.document is None
    assert window.statusBar().currentMessage() == "Opening “large.coherence”…"
    assert not window.files.save_as_action.isEnabled()
    assert not window.files.close_action.isEnabled()
    assert not unlocked(plan)  # the lock was taken before anything showed
    wait_for_analysis(qtbot, window)
    ticks.stop()
    # Reading 3,000 programs on the window's thread blocked it 0.3-0.5 s without a tick;
    # now the window answers all the while the worker reads (the 200 ms).
    assert arrived and arrived[0] > opened
    during = ticks.gaps_before(arrived[0])
    assert len(during) >= 3, f"{len(during)} ticks in {arrived[0] - opened:.2f} s of reading"
    assert max(during) <= 0.2, f"the window froze for {max(during) * 1000:.0f} ms"
    assert window.session.document.path == plan
    assert len(window.session.district.items_of("program")) == PROGRAMS
    assert window.statusBar().currentMessage() == ""
    assert window.files.save_as_action.isEnabled()
    assert str(plan) in [a.text() for a in window.files.recent_menu.actions()]
    assert "large.coherence" in window.windowTitle()
    assert window.browser.proxy.visible_count() == len(window.session.district.items)
    assert messages.shown == []


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 5}")
    conn.commit()
    conn.close()


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[200:4000] = b"\xff" * 3800
    path.write_bytes(bytes(data))


def _not_a_plan(path: Path) -> None:
    path.write_bytes(b"just some text, not a plan" * 50_000)


def _foreign_database(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 1200)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("spoil", [_newer, _damaged, _not_a_plan, _foreign_database])
def test_a_refusal_read_in_the_worker_says_the_same_sentence(
    qtbot: Any,
    window: Any,
    messages: Any,
    large_plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[Path], None],
) -> None:
    plan = copy_of(large_plan, tmp_path)
    spoil(plan)
    assert plan.stat().st_size >= opening.IN_WORKER_BYTES  # read in the worker
    in_worker = opening.IN_WORKER_BYTES
    monkeypatch.setattr(opening, "IN_WORKER_BYTES", 10**12)  # at once, as before
    assert not window.documents.open_plan(plan)
    said_at_once = messages.shown[:]
    assert len(said_at_once) == 1
    monkeypatch.setattr(opening, "IN_WORKER_BYTES", in_worker)
    messages.shown.clear()
    window.documents.open_plan(plan)
    read_to_the_end(qtbot, window)
    assert messages.shown == said_at_once
    assert window.stack.currentWidget() is window.start_page
    assert window.statusBar().currentMessage() == ""
    assert unlocked(plan)  # released with the refusal


def test_a_plan_held_by_another_window_is_said_before_reading(
    window: Any, messages: Any, large_plan: Path, tmp_path: Path
) -> None:
    plan = copy_of(large_plan, tmp_path)
    held = locks.acquire(plan)
    try:
        assert not window.documents.open_plan(plan)
        assert window.documents.opening is None  # nothing started
    finally:
        held.unlock()
    assert "another Coherence Planner window" in messages.texts()[0]


def test_the_newer_choice_wins_over_a_plan_still_being_read(
    qtbot: Any, window: Any, messages: Any, large_plan: Path, tmp_path: Path
) -> None:
    first = copy_of(large_plan, tmp_path, "first.coherence")
    second = copy_of(large_plan, tmp_path, "second.coherence")
    window.documents.open_plan(first)
    assert window.documents.opening == first
    window.documents.open_plan(second)
    assert window.session.document is None  # neither shown yet
    assert window.documents.opening == second
    assert unlocked(first)  # the first one's lock went with the change of mind
    wait_for_analysis(qtbot, window)
    assert window.session.document.path == second
    time.sleep(0.5)  # the first read ends, and is dropped when it arrives
    qtbot.wait(200)
    assert window.session.document.path == second
    assert free(first)
    assert messages.shown == []


def test_closing_while_a_plan_is_read_shows_nothing_and_frees_it(
    qtbot: Any, window: Any, messages: Any, large_plan: Path, tmp_path: Path
) -> None:
    plan = copy_of(large_plan, tmp_path)
    window.documents.open_plan(plan)
    reading = window.documents._reader.current
    assert reading is not None
    assert window.documents.close_plan()
    assert window.documents.opening is None
    assert window.statusBar().currentMessage() == ""
    reading.thread.join(30)
    qtbot.wait(100)  # its result arrives, and is closed
    assert window.session.document is None
    assert window.stack.currentWidget() is window.start_page
    assert free(plan)
    assert messages.shown == []


def test_quitting_while_a_plan_is_read_releases_its_lock_at_once(
    window: Any, large_plan: Path, tmp_path: Path
) -> None:
    plan = copy_of(large_plan, tmp_path)
    window.documents.open_plan(plan)
    reading = window.documents._reader.current
    assert reading is not None
    window.documents.release_for_exit()  # what File > Quit does before the process ends
    assert unlocked(plan)  # at once, not waiting for the read
    reading.thread.join(30)


def _lose_the_file(window: Any, sample_plan: Path) -> None:
    """The plan shown, renamed under the window, then edited: the edit is kept in memory
    only (an unsaved plan, as in test_not_saved.py)."""
    assert window.documents.open_plan(sample_plan)
    sample_plan.rename(sample_plan.with_name("moved away.coherence"))
    assert window.editing.add_item("program") is not None
    assert window.session.unsaved


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def ask(_parent: Any, title: str, *_args: Any) -> Any:
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask))
    return asked


def test_unsaved_edits_are_asked_about_once_before_a_large_plan_replaces_them(
    qtbot: Any,
    window: Any,
    large_plan: Path,
    sample_plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _lose_the_file(window, sample_plan)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    plan = copy_of(large_plan, tmp_path)
    assert window.documents.open_plan(plan)
    assert asked == ["Save your changes?"]
    assert window.session.unsaved  # shown until the large plan has been read
    read_to_the_end(qtbot, window)
    assert window.session.document.path == plan
    assert asked == ["Save your changes?"]  # not asked again when it arrived


def test_an_edit_refused_while_a_plan_is_read_is_asked_about_before_it_shows(
    qtbot: Any,
    window: Any,
    large_plan: Path,
    sample_plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.documents.open_plan(sample_plan)
    plan = copy_of(large_plan, tmp_path)
    assert window.documents.open_plan(plan)
    assert asked == []  # every edit saved: nothing to ask
    sample_plan.rename(sample_plan.with_name("moved away.coherence"))
    assert window.editing.add_item("program") is not None  # refused by the file: kept
    read_to_the_end(qtbot, window)
    assert asked == ["Save your changes?"]
    # The person kept the unsaved edits (Cancel): the large plan was not shown, and is free.
    assert window.session.document.path == sample_plan
    assert window.session.unsaved
    assert unlocked(plan)
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)  # so that the window may close
