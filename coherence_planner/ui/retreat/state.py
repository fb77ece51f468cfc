"""Who is recording decisions and on what day: shared by the decision panel, scenarios and
presenter mode, so the person and date are chosen once for the whole retreat."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal


class RetreatState(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.who = ""
        self.on = dt.date.today().isoformat()

    def set_who(self, who: str) -> None:
        if who != self.who:
            self.who = who
            self.changed.emit()

    def set_on(self, on: str) -> None:
        if on != self.on:
            self.on = on
            self.changed.emit()
