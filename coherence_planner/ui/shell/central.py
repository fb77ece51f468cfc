"""The window's centre: the start page, the first plan being opened (its name and
"Opening…", opening_page.py), or the open plan's five views."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QStackedWidget, QWidget

from coherence_planner.ui.shell.opening_page import OpeningPage


class CentralStack(QStackedWidget):
    def __init__(self, start_page: QWidget, views: QWidget) -> None:
        super().__init__()
        self.start_page = start_page
        self.opening_page = OpeningPage()
        self.views = views
        for page in (start_page, self.opening_page, views):
            self.addWidget(page)

    def show_state(self, is_open: bool, opening: Path | None) -> None:
        """The views of a plan shown; else the plan being read, named; else the start page."""
        if is_open:
            self.setCurrentWidget(self.views)
        elif opening is not None:
            self.opening_page.set_plan(opening.stem)
            self.setCurrentWidget(self.opening_page)
        else:
            self.setCurrentWidget(self.start_page)
