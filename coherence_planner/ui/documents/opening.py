"""Reading a large plan in a worker thread, so the window keeps answering while it opens.

Reading a 10,000-program plan (its rows, decoding them, the codec's checks, the District)
takes 0.4-0.7 s; on the window's thread that was a freeze, longer on a busy machine (issue
29). A plan file of `IN_WORKER_BYTES` or more is read by a Python thread instead. The
Document comes back through a queued signal, with a connection made to be handed over
(`Document.open(handed_over=True)`): the worker uses it until it emits, the window after,
never both at once. A smaller plan opens at once, as before: it reads in a few tens of
milliseconds, and the person sees it the moment Open returns.

A fresh copy of the sample is made the same way (read, written and opened by the worker):
at start-up with the sample it was written, read and analysed before the window's first
paint (issue 29). A read asked for before the window has painted waits for that paint
(`hold` and `go`), so the worker's imports do not compete with it for the interpreter.

The lock is taken before the worker starts (documents/controller.py), so "already open in
another window" is said at once; every other refusal is the KnownError Document.open
raised, said by the controller as it was before. An open that is superseded (another plan
asked for meanwhile) or cancelled (the window closing) closes its Document and releases
its lock when it arrives; nothing was shown of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    # The storage loads with the first plan, not before the start page paints (issue 29).
    from coherence_planner.storage.document import Document

# About 800 programs' worth of file: it reads in some 50 ms on an idle machine.
IN_WORKER_BYTES = 1_000_000


def in_worker(path: Path) -> bool:
    """Whether `path` is large enough to be read off the window's thread. A file that
    cannot be measured (missing, a folder) opens at once and says why, as before."""
    try:
        return path.is_file() and path.stat().st_size >= IN_WORKER_BYTES
    except OSError:
        return False


@dataclass(eq=False)
class Opening:
    """One plan being read: its path, the lock taken for it, and whether it still counts."""

    path: Path
    lock: QLockFile
    # What the worker runs to get the Document (Document.open of `path`, or the sample's
    # copy written there), and the title a refusal is said under.
    make: Callable[[], Document]
    failure: str = "Could not open the plan"
    # The reason the plan shown had unsaved edits when the person agreed to replace it
    # (DocumentController.may_close), so that they are not asked twice.
    agreed: object = None
    cancelled: bool = False
    result: Document | BaseException | None = None
    thread: threading.Thread | None = field(default=None, repr=False)

    def discard(self) -> None:
        """Close what the worker opened and release the lock: nothing of it was shown."""
        from coherence_planner.storage.document import Document

        if isinstance(self.result, Document):
            self.result.close()
        self.lock.unlock()


class PlanReader(QObject):
    """Reads one plan at a time in a thread; `arrived(Opening)` follows on the window's
    thread with `result` set to the Document or the exception that refused it."""

    arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: Opening | None = None
        self._held = False

    def start(
        self,
        path: Path,
        lock: QLockFile,
        agreed: object = None,
        make: Callable[[], Document] | None = None,
        failure: str = "Could not open the plan",
    ) -> Opening:
        """Read `path` (locked already) in a new thread, or run `make` there to get the
        Document at `path`; an open in flight is superseded."""
        self.cancel()
        opening = Opening(path, lock, make or (lambda: _open(path)), failure, agreed)
        # A daemon thread: quitting mid-read ends the process without waiting for it (the
        # read changes nothing in the file but a migration, which is one transaction; a
        # sample's copy is built beside its place and moved there when complete).
        opening.thread = threading.Thread(
            target=self._read, args=(opening,), name="coherence-open", daemon=True
        )
        self.current = opening
        if not self._held:
            opening.thread.start()
        return opening

    def hold(self) -> None:
        """Start no worker until `go()`: the window has not painted yet."""
        self._held = True

    def go(self) -> None:
        """Start the worker of the open asked for while held, if it is still wanted."""
        self._held = False
        opening = self.current
        if opening is not None and opening.thread is not None and opening.thread.ident is None:
            opening.thread.start()

    def cancel(self) -> None:
        """Forget the open in flight; its Document is closed and its lock released when it
        arrives."""
        if self.current is not None:
            self.current.cancelled = True
            self.current = None

    def _read(self, opening: Opening) -> None:
        try:
            opening.result = opening.make()
        except BaseException as exc:  # handed to the window's thread, which says or raises it
            opening.result = exc
        try:
            self.arrived.emit(opening)
        except RuntimeError:  # the window, and this reader with it, is gone
            opening.discard()

    def take(self, opening: Opening) -> bool:
        """True when `opening` is the open still wanted (it is no longer in flight then);
        False after discarding one that was superseded or cancelled."""
        if opening.cancelled or opening is not self.current:
            opening.discard()
            return False
        self.current = None
        return True


def _open(path: Path) -> Document:
    from coherence_planner.storage.document import Document

    return Document.open(path, handed_over=True)
