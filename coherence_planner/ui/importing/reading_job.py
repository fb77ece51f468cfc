"""Reading a spreadsheet without freezing the window: a worker thread, a progress dialog
with the sheet and row reached, and Cancel.

A district's big workbook (40,000 rows by 200 columns) took minutes to read with the window
frozen and no way out. The worker only reads the file into plain `Sheet` objects; nothing in
the plan changes until the import dialog is accepted, so Cancel leaves everything as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from coherence_planner.storage.spreadsheets import ReadCancelled, Sheet, read_spreadsheet

POLL_MS = 100  # how often the dialog shows the row reached
SHOW_AFTER_MS = 400  # a quick read shows no dialog at all


class _Reading:
    """The worker's state, shared with the GUI thread (plain Python objects only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cancel = threading.Event()
        self.reached = ("", 0)  # (sheet, row): written by the worker, read by the dialog
        self.sheets: list[Sheet] | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()

    def progress(self, sheet: str, row: int) -> None:
        self.reached = (sheet, row)
        if self.cancel.is_set():
            raise ReadCancelled

    def run(self) -> None:
        try:
            self.sheets = read_spreadsheet(self.path, progress=self.progress)
        except BaseException as exc:  # handed to the GUI thread, which raises or reports it
            self.error = exc
        finally:
            self.done.set()


def read_with_progress(parent: QWidget | None, path: Path) -> list[Sheet] | None:
    """The spreadsheet's sheets, or None when the person pressed Cancel. Raises what
    read_spreadsheet raises (a clear SpreadsheetError for a bad file)."""
    reading = _Reading(path)
    worker = threading.Thread(target=reading.run, name="read-spreadsheet", daemon=True)
    dialog = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Import spreadsheet")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if reading.done.is_set():
            loop.quit()
            return
        if dialog.wasCanceled() and not reading.cancel.is_set():
            cancelled()  # Esc, or cancel() called without the canceled signal
        sheet, row = reading.reached
        where = f"sheet {sheet!r}, " if sheet else ""
        if row:
            dialog.setLabelText(f"Reading {path.name}: {where}row {row:,}…")
        dialog.setValue(0)  # starts the minimum-duration clock and keeps the bar moving

    def cancelled() -> None:
        reading.cancel.set()
        dialog.setLabelText(f"Stopping after the current row of {path.name}…")

    timer.timeout.connect(poll)
    dialog.canceled.connect(cancelled)
    worker.start()
    timer.start()
    if not reading.done.is_set():
        loop.exec()
    timer.stop()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if isinstance(reading.error, ReadCancelled):
        return None
    if reading.error is not None:
        raise reading.error
    return reading.sheets
