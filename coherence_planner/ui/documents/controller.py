"""File > New, Open, Open Recent, Save As, Save a Copy, Import, Export, Close; the sample.

Every flow asks with QFileDialog's static functions and explains refusals with QMessageBox,
so tests drive them by monkeypatching those. A storage KnownError becomes one clear sentence
and the app keeps running with whatever was open before.

A plan whose file refused an edit holds unsaved edits in memory (ui/session.py): the window
says so once and offers Save As, which writes them all to the new file; closing that plan,
or opening another one in its place, first asks whether to save them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coherence_planner.assets import sample_district_path, sample_name
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.locations import cloud_or_network_reason
from coherence_planner.storage.schema import SUFFIX
from coherence_planner.ui import settings
from coherence_planner.ui.documents.opening import Opening, PlanReader, in_worker
from coherence_planner.ui.session import DocumentSession

if TYPE_CHECKING:
    # The storage and the district's model load with the first plan, not before the start
    # page paints (issue 29); each flow below imports what it uses.
    from coherence_planner.domain.model.district import District
    from coherence_planner.storage.document import Document

PLAN_FILTER = f"Coherence plans (*{SUFFIX})"
JSON_FILTER = "District JSON (*.json)"


def _with_suffix(path: str, suffix: str) -> Path:
    result = Path(path)
    return result if result.suffix.lower() == suffix else result.with_name(result.name + suffix)


def samples_folder() -> Path:
    """Where copies of the sample district go (the user's app data, never the install)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    folder = Path(base) / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def record(document: Document, note: str) -> bool:
    """`storage.revisions.record`, imported when a copy is first made: it brings the merge's
    lineage (and uuid, platform, difflib), which no window needs to open (issue 29)."""
    from coherence_planner.storage.revisions import record as record_revision

    return record_revision(document, note)


def _copy_of_sample(target: Path) -> Document:
    """A new plan at `target` holding the sample district (in the opening worker)."""
    from coherence_planner.storage.document import Document
    from coherence_planner.storage.interchange import read_json

    district = read_json(sample_district_path())
    return Document.create(target, district, replace=True, handed_over=True)


class DocumentController(QObject):
    """Opens and closes plans for one window; `recent_changed` follows Open and Save As."""

    recent_changed = Signal(list)
    warned = Signal(str)  # a cloud/network warning was shown
    opening_changed = Signal(str)  # the file name of the plan being read, or "" when done
    # A large plan is about to be read in the worker: what the window will need to show it
    # is best made now, before the reader holds the GIL half the time (issue 29).
    reading_soon = Signal()

    def __init__(self, session: DocumentSession, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self._lock: QLockFile | None = None
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._reader = PlanReader(self)
        self._reader.arrived.connect(self._arrived)

    # -- helpers -----------------------------------------------------------------------
    def fail(self, exc: BaseException, title: str = "Coherence Planner") -> None:
        from coherence_planner.ui.errors import explain

        QMessageBox.warning(self.window, title, explain(exc))

    def start_dir(self, name: str = "") -> str:
        return str(Path(self._folder) / name) if name else self._folder

    def _show(self, document: Document, lock: QLockFile | None) -> None:
        old_lock = self._lock
        self.session.set_document(document)
        if old_lock is not None:
            old_lock.unlock()
        self._lock = lock
        self._folder = str(document.path.parent)
        self.recent_changed.emit(settings.add_recent_file(document.path))
        reason = cloud_or_network_reason(document.path)
        if reason:
            self.warned.emit(reason)
            QMessageBox.warning(self.window, "This folder can damage plans", reason)
        if document.read_only:
            self._offer_save_as(document)

    def _offer_save_as(self, document: Document) -> None:
        """Say at once that a plan cannot be changed (a read-only file or folder, a CD, a
        shared folder), rather than refusing every edit later, and offer a copy to edit."""
        answer = QMessageBox.question(
            self.window,
            "This plan is read-only",
            f"“{document.path.name}” can be read but not changed here: the file or its "
            "folder is read-only. Save a copy you can edit?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save_as()

    def tell_not_saved(self, exc: KnownError) -> None:
        """Say once why edits are not being saved, and offer the way out at once."""
        from coherence_planner.ui.errors import explain

        answer = QMessageBox.warning(
            self.window,
            "Not saved",
            f"{explain(exc)}\n\nYour changes are kept in this window until you save them.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save_as()

    def may_close(self) -> bool:
        """True when the open plan may be closed: every edit is saved, or the person saved
        the unsaved ones elsewhere (Save As…) or chose to discard them."""
        document = self.session.document
        if document is None or document.unsaved is None:
            return True
        from coherence_planner.ui.errors import explain

        answer = QMessageBox.question(
            self.window,
            "Save your changes?",
            f"Your changes to “{document.path.name}” are not saved: {explain(document.unsaved)}",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as()
        return answer == QMessageBox.StandardButton.Discard

    def _lock_for(self, path: Path) -> QLockFile:
        from coherence_planner.ui.documents import locks

        return locks.acquire(path)

    def _take(self, target: Path, make: Callable[[], Document], failure: str) -> bool:
        """Lock `target`, make the Document there (create, open or save as) and show it; on
        a refusal release the lock, say why, and leave the open plan as it was."""
        self.cancel_opening()  # a plan still being read would replace this one when read
        lock = None
        try:
            lock = self._lock_for(target)
            document = make()
        except KnownError as exc:
            if lock is not None:
                lock.unlock()
            self.fail(exc, failure)
            return False
        self._show(document, lock)
        return True

    # -- File menu ---------------------------------------------------------------------
    def new_plan(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "New plan", self.start_dir(f"District plan{SUFFIX}"), PLAN_FILTER
        )
        if not path:
            return False
        from coherence_planner.domain.model.district import District

        target = _with_suffix(path, SUFFIX)
        return self.create_plan(target, District(name=target.stem))

    def create_plan(self, target: Path, district: District) -> bool:
        from coherence_planner.storage.document import Document

        if not self.may_close():
            return False
        if self.session.document is not None and self.session.document.path == target:
            self.close_plan(ask=False)  # replacing the open plan: release it (and our lock)
        return self._take(
            target,
            lambda: Document.create(target, district, replace=True),
            "Could not create the plan",
        )

    def open_plan(self, path: str | Path | None = None) -> bool:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "Open plan", self.start_dir(), f"{PLAN_FILTER};;All files (*)"
            )
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        current = self.session.document
        if (
            current is not None
            and target.exists()
            and current.path.exists()
            and current.path.samefile(target)
        ):
            return True  # already open here
        reading = self._reader.current
        if reading is not None and reading.path == target:
            return True  # already being read here
        if not self.may_close():
            return False
        from coherence_planner.storage.document import Document

        if not in_worker(target):
            return self._take(target, lambda: Document.open(target), "Could not open the plan")
        self.cancel_opening()  # the newer choice wins
        try:
            lock = self._lock_for(target)  # before anything shows, as for a small plan
        except KnownError as exc:
            self.fail(exc, "Could not open the plan")
            return False
        self.reading_soon.emit()
        self._reader.start(target, lock, current.unsaved if current is not None else None)
        self.opening_changed.emit(target.name)
        return True  # reading: the plan shows when it has arrived (`_arrived`)

    def hold_reading(self) -> None:
        """Start no worker until `window_painted()`: a plan asked for before the window
        first shows is named at once, and made or read after the window has painted."""
        self._reader.hold()

    def window_painted(self) -> None:
        self._reader.go()

    @property
    def opening(self) -> Path | None:
        """The plan being read in the worker, if any."""
        reading = self._reader.current
        return reading.path if reading is not None else None

    def cancel_opening(self) -> None:
        """Forget the plan being read (another plan takes the window, or it closes):
        nothing of it shows, and its lock is released at once."""
        reading = self._reader.current
        if reading is not None:
            self._reader.cancel()
            reading.lock.unlock()  # again when it arrives, which does nothing then
            self.opening_changed.emit("")

    def _arrived(self, reading: Opening) -> None:
        from coherence_planner.storage.document import Document

        if not self._reader.take(reading):
            return  # superseded or cancelled: closed and unlocked
        self.opening_changed.emit("")
        result = reading.result
        if not isinstance(result, Document):
            reading.discard()
            if isinstance(result, KnownError):
                self.fail(result, reading.failure)
                return
            raise result if result is not None else RuntimeError("the plan was not read")
        shown = self.session.document
        unsaved = shown.unsaved if shown is not None else None
        if unsaved is not None and unsaved is not reading.agreed and not self.may_close():
            # An edit to the plan shown was refused while this one was read: its edits
            # are kept in memory, and the person chose to keep them (Cancel).
            reading.discard()
            return
        self._show(result, reading.lock)

    def open_sample(self) -> bool:
        """Open a fresh copy of the sample district; the installed file is only read.

        The copy is written and opened by the worker that reads large plans (opening.py),
        as a plan being read: the window names it and says "Opening…" at once, and shows
        it when it has arrived. Made on the window's thread, it held the first paint of a
        start with the sample back by the storage, the codec and the copy (issue 29).
        """
        if not self.may_close():
            return False
        current = self.session.document
        agreed = current.unsaved if current is not None else None
        name = sample_name()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = samples_folder() / f"{name} (sample {stamp}){SUFFIX}"
        number = 2
        while target.exists():
            target = target.with_name(f"{name} (sample {stamp}-{number}){SUFFIX}")
            number += 1
        self.cancel_opening()  # the newer choice wins
        try:
            lock = self._lock_for(target)
        except KnownError as exc:
            self.fail(exc, "Could not open the sample")
            return False
        self._reader.start(
            target, lock, agreed, lambda: _copy_of_sample(target), "Could not open the sample"
        )
        self.opening_changed.emit(target.name)
        return True  # being made: the copy shows when it has arrived (`_arrived`)

    def save_as(self) -> bool:
        document = self.session.document
        if document is None:
            return False
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save As", self.start_dir(document.path.name), PLAN_FILTER
        )
        if not path:
            return False
        target = _with_suffix(path, SUFFIX)
        # The plan as copied is a revision both files keep: a later merge starts from it.
        record(document, "Save As")
        return self._take(target, lambda: document.save_as(target), "Could not save the plan")

    def save_copy(self) -> bool:
        document = self.session.document
        if document is None:
            return False
        suggestion = f"{document.path.stem} copy{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save a Copy", self.start_dir(suggestion), PLAN_FILTER
        )
        if not path:
            return False
        record(document, "Save a Copy")
        try:
            document.save_copy(_with_suffix(path, SUFFIX))
        except KnownError as exc:
            self.fail(exc, "Could not save a copy")
            return False
        return True

    def import_json(self) -> bool:
        """Read a district JSON file and make a new plan of it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import district", self.start_dir(), f"{JSON_FILTER};;All files (*)"
        )
        if not path:
            return False
        from coherence_planner.storage.interchange import read_json

        try:
            district = read_json(path)
        except KnownError as exc:
            self.fail(exc, "Could not import the district")
            return False
        name = (district.name or Path(path).stem) + SUFFIX
        target, _ = QFileDialog.getSaveFileName(
            self.window, "Save the imported plan as", self.start_dir(name), PLAN_FILTER
        )
        if not target:
            return False
        return self.create_plan(_with_suffix(target, SUFFIX), district)

    def export_json(self) -> bool:
        document = self.session.document
        if document is None:
            return False
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export district",
            self.start_dir(f"{document.path.stem}.json"),
            JSON_FILTER,
        )
        if not path:
            return False
        record(document, "Export")
        from coherence_planner.storage.interchange import write_json

        try:
            write_json(document.district, _with_suffix(path, ".json"))
        except KnownError as exc:
            self.fail(exc, "Could not export the district")
            return False
        except OSError as exc:
            self.fail(KnownError(path, f"Could not write “{Path(path).name}”: {exc.strerror}."))
            return False
        return True

    def close_plan(self, *, ask: bool = True) -> bool:
        """Close the open plan; False when the person chose to keep its unsaved edits open."""
        if ask and not self.may_close():
            return False
        self.cancel_opening()
        document = self.session.document
        if document is not None and not self.session.undo_stack.isClean():
            # Edited this time: the file as left is the revision a plain file copy carries.
            record(document, "Closed")
        self.session.close()
        self._unlock()
        return True

    def release_for_exit(self) -> None:
        """The plan's file closed and its lock released, for a process about to end
        (`DocumentSession.release_for_exit`); the views keep showing it until then. A plan
        still being read is left to the process's end (its worker is a daemon thread)."""
        self.cancel_opening()
        self.session.release_for_exit()
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
