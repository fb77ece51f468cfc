"""The central area: five top-level views (Plan, Map, Findings, Retreat, Progress) in one tab
bar, each holding its parts in a tab bar of its own when it has more than one.

Ten tabs side by side scrolled off the tab bar at 1366 px and no one could say where a view
lived; five named places, each one keystroke away (Alt+1 to Alt+5), fit every laptop and can
be learnt in a minute. `reveal(widget)` brings any view or part to the front, whichever tab
holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QWidget

from coherence_planner.ui.lazy_part import LazyPart


def _holds(part: QWidget, widget: QWidget) -> bool:
    """`part` is `widget`, or the place-holder of a part made on first showing it."""
    return part.holds(widget) if isinstance(part, LazyPart) else part is widget


@dataclass(frozen=True)
class View:
    title: str
    tip: str
    page: QWidget  # the widget in the top tab bar: the only part, or a tab widget of parts
    parts: dict[str, QWidget]  # title -> part, in tab order


class CentralViews(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName("Views")
        self.views: dict[str, View] = {}

    def add_view(self, title: str, tip: str, parts: dict[str, QWidget]) -> View:
        """Add a top-level view; with several parts they get a tab bar of their own."""
        if len(parts) == 1:
            page = next(iter(parts.values()))
        else:
            tabs = QTabWidget()
            tabs.setDocumentMode(True)
            tabs.setAccessibleName(f"Parts of {title}")
            for part_title, part in parts.items():
                tabs.addTab(part, part_title)
            page = tabs
        view = View(title, tip, page, dict(parts))
        self.views[title] = view
        index = self.addTab(page, title)
        self.setTabToolTip(index, tip)
        return view

    def view_of(self, widget: QWidget) -> View | None:
        """The view that is `widget` or holds it as a part."""
        for view in self.views.values():
            if widget is view.page or any(_holds(part, widget) for part in view.parts.values()):
                return view
        return None

    def reveal(self, widget: QWidget) -> None:
        """Bring a view or a part to the front (switching the view if need be)."""
        view = self.view_of(widget)
        if view is None:
            raise KeyError(f"{widget!r} is not a view or a part of one")
        self.setCurrentWidget(view.page)
        if isinstance(view.page, QTabWidget) and widget is not view.page:
            view.page.setCurrentWidget(next(p for p in view.parts.values() if _holds(p, widget)))

    def current_part(self) -> QWidget | None:
        page = self.currentWidget()
        view = self.view_of(page) if page is not None else None
        if view is not None and isinstance(view.page, QTabWidget) and len(view.parts) > 1:
            return view.page.currentWidget()
        return page

    def step_part(self, delta: int) -> None:
        """The next (+1) or previous (-1) part, moving on to the next view at either end."""
        order = [part for view in self.views.values() for part in view.parts.values()]
        current = self.current_part()
        if current is None or current not in order:
            return
        self.reveal(order[(order.index(current) + delta) % len(order)])
