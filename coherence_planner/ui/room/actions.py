"""Retreat ▸ Rating Round…: open a new round, resume one left open, or show the running one.

This module is all the window imports at start-up; the server, the QR code and the views are
imported when a round opens (start-up stays fast, and aiohttp loads only when needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from coherence_planner.ui.session import DocumentSession

if TYPE_CHECKING:
    from coherence_planner.domain.retreat import room
    from coherence_planner.ui.room.controller import RoomController
    from coherence_planner.ui.room.live_view import LiveView


def round_errors() -> tuple[type[Exception], ...]:
    """What stops a round from opening that a person can act on (a round the plan cannot
    hold, a file that cannot be written). Imported when a round opens, not at start-up."""
    from coherence_planner.domain.retreat import room
    from coherence_planner.ui.errors import USER_ERRORS

    return (*USER_ERRORS, room.RoomError)


class RoomActions(QObject):
    def __init__(self, session: DocumentSession, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.controller: RoomController | None = None
        self.view: LiveView | None = None
        self.action = QAction("Rating &Round…", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.action.setStatusTip(
            "The cabinet rates and votes from their own phones, on this laptop's network"
        )
        self.action.triggered.connect(lambda _c=False: self.start())
        session.document_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.action.setEnabled(self.session.is_open)
        if (
            self.view is not None
            and self.view.controller.store.document is not self.session.document
        ):
            self.view.close()

    def stop(self) -> None:
        """Close the round's window: it stops listening and keeps what arrived."""
        if self.view is not None:
            self.view.close()

    def start(self) -> None:
        """Show the running round, or resume one left open, or open a new one."""
        if self.view is not None:
            self.view.showNormal()
            self.view.raise_()
            self.view.activateWindow()
            return
        if not self.session.is_open:
            return
        from coherence_planner.domain.retreat import room

        left_open = room.open_rounds(self.session.district)
        if left_open:
            choice = self._ask_resume(left_open[-1])
            if choice is None:
                return
            if choice:
                self._run(lambda: self._controller_class().resume(self.session, left_open[-1].id))
                return
        from coherence_planner.ui.room.setup_dialog import RoundDialog

        dialog = RoundDialog(self.session.district, self.session.analysis, self.window)
        if dialog.exec() == RoundDialog.DialogCode.Accepted:
            spec = dialog.round()
            self._run(lambda: self._controller_class().open(self.session, spec))

    def _ask_resume(self, left: room.Round) -> bool | None:
        """True: resume it; False: a new round; None: cancel."""
        from coherence_planner.domain.retreat import room

        answers = room.round_answers(self.session.district, left.id)
        box = QMessageBox(self.window)
        box.setWindowTitle("Rating Round")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(f"“{left.title or 'A rating round'}” is still open.")
        box.setInformativeText(
            f"{len(answers)} members have given "
            f"{sum(len(a) for a in answers.values())} answers. Carry on with it?"
        )
        resume = box.addButton("Resume It", QMessageBox.ButtonRole.AcceptRole)
        fresh = box.addButton("Open a New Round", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is resume else False if clicked is fresh else None

    @staticmethod
    def _controller_class() -> type[RoomController]:
        from coherence_planner.ui.room.controller import RoomController

        return RoomController

    def _run(self, make: Callable[[], RoomController]) -> None:
        from coherence_planner.ui.errors import explain
        from coherence_planner.ui.room.live_view import LiveView

        try:
            controller = make()
            controller.start()
        except round_errors() as exc:
            QMessageBox.warning(self.window, "Rating Round", explain(exc))
            return
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                "Rating Round",
                f"The round could not start listening on this laptop's network ({exc.strerror or exc}).",
            )
            return
        self.controller = controller
        self.view = LiveView(controller, self.window)  # its own window, owned by this one
        self.view.closed.connect(self._ended)
        self.view.resize(1280, 720)
        self.view.show()

    def _ended(self) -> None:
        self.view = None
        self.controller = None
