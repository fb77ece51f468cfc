"""Getting around the window: one action per view and per part of a view, the side panels,
and the compact layout switch.

Alt+0 to Alt+6 go left to right across the window: Alt+0 the Items list, Alt+1 to Alt+5 the
views (Plan, Map, Findings, Retreat, Progress), Alt+6 the Inspector. Ctrl+PgDown and
Ctrl+PgUp step through the parts of the views. Every part has a menu entry as well, so no
view needs a shortcut to be found.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from coherence_planner.ui.lazy_part import LazyPart
from coherence_planner.ui.shell import geometry
from coherence_planner.ui.shell.views import CentralViews

MakeAction = Callable[..., QAction]


class Navigation(QObject):
    def __init__(
        self,
        window: QMainWindow,
        views: CentralViews,
        items: QDockWidget,
        items_view: Callable[[], QWidget],
        inspector: QDockWidget,
        action: MakeAction,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.views = views
        self.items = items
        self.items_view = items_view
        self.inspector = inspector
        self.go_items = action(
            "Go to &Items",
            self.go_to_items,
            "Alt+0",
            None,
            "The list of every goal, strategy, program and policy",
        )
        self.view_actions = {
            view.title: action(
                f"&{view.title}",
                lambda view=view: self.show(view.page),
                f"Alt+{number}",
                None,
                view.tip,
            )
            for number, view in enumerate(views.views.values(), start=1)
        }
        self.go_inspector = action(
            "Go to In&spector",
            self.go_to_inspector,
            "Alt+6",
            None,
            "Every field of the selected item",
        )
        self.part_actions = {
            part: action(title, lambda part=part: self.show(part))
            for view in views.views.values()
            if len(view.parts) > 1
            for title, part in view.parts.items()
        }
        self.next_part = action(
            "&Next Part", lambda: views.step_part(1), "Ctrl+PgDown", None, "The next tab"
        )
        self.previous_part = action(
            "&Previous Part", lambda: views.step_part(-1), "Ctrl+PgUp", None, "The previous tab"
        )
        self.compact_action: QAction = action(
            "&Compact Layout",
            lambda: self.set_compact(self.compact_action.isChecked()),
            None,
            None,
            "Items and Inspector share one column, so the view in the middle gets the width",
        )
        self.compact_action.setCheckable(True)

    def actions(self) -> list[QAction]:
        """The actions that need an open plan."""
        return [
            self.go_items,
            self.go_inspector,
            self.next_part,
            self.previous_part,
            *self.view_actions.values(),
            *self.part_actions.values(),
        ]

    def parts_of(self, title: str) -> list[QAction]:
        return [self.part_actions[part] for part in self.views.views[title].parts.values()]

    # -- moving around -----------------------------------------------------------------
    def show(self, widget: QWidget) -> None:
        """Bring a view, or a part of one, to the front."""
        self.views.reveal(widget)

    def focus(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def go_to_items(self) -> None:
        self.focus(self.items, self.items_view())

    def go_to_inspector(self) -> None:
        self.focus(self.inspector, self.inspector.widget())

    # -- layout ------------------------------------------------------------------------
    @property
    def compact(self) -> bool:
        return geometry.compact_setting(self.window)

    def restore(self) -> None:
        """The saved window and panels, or the first-run layout for this screen."""
        self._first_layout = not geometry.restore(self.window)
        if self._first_layout:
            geometry.arrange(self.window, self.items, self.inspector, self.compact)
        self.compact_action.setChecked(self.compact)

    def set_compact(self, compact: bool) -> None:
        geometry.arrange(self.window, self.items, self.inspector, compact)
        if self.compact_action.isChecked() != compact:
            self.compact_action.setChecked(compact)

    def show_views(self, is_open: bool, show: Callable[[], None]) -> None:
        """Show the plan's views or the page without a plan (`show`), with the panels.

        The panels show before the plan's views and hide after them: the view in front, if
        it needs the width, steps them aside in its own Show (its Room), in this same turn,
        and gives them back on Hide. The other order painted the docks beside the squeezed
        Overview for a frame, then the Overview alone."""
        docks = (self.items, self.inspector)
        if is_open:
            for dock in docks:
                dock.setVisible(True)
            self.panels_shown()
        show()
        if not is_open:
            for dock in docks:
                dock.setVisible(False)
        layout = self.window.layout()
        if layout is not None and self.window.isVisible():
            # Laid out now, not on the queued layout request: the window could paint first,
            # the Overview at the width it had beside the panels. (Not while the window is
            # hidden: laid out then, a window restored smaller than its layout's wish kept
            # the larger size.)
            layout.activate()
        if is_open:
            self.plan_shown()

    def panels_shown(self) -> None:
        """The panels were shown for a plan that opens, before its views are (a view that
        needs the width steps them aside as it shows, in the same turn, so they are never
        painted beside it): in the compact layout the Inspector is the front tab.

        Panel widths asked for before the window had its size, or while the panels were
        hidden (no plan open), are only a wish; so on first run they are asked again now,
        while the panels show (after that the saved layout holds)."""
        if self.compact:
            self.inspector.raise_()
        if self._first_layout and self.items.isVisible():
            self._first_layout = False
            layout = self.window.layout()
            assert layout is not None
            layout.activate()  # the panels placed, so their widths can be set
            self.set_compact(self.compact)

    def plan_shown(self) -> None:
        """A plan's views were shown: the view in front, if it needs the width, keeps the
        panels aside (its Room did as it showed; again once the window is laid out, for a
        window that was not visible then)."""
        QTimer.singleShot(0, self, self._room_for_view)

    def _room_for_view(self) -> None:
        part = self.views.current_part()
        if isinstance(part, LazyPart):  # the room is the made widget's (the Overview, the Map)
            part = part.built
        room = getattr(part, "room", None)
        if room is not None and self.views.isVisible():
            room.settle()
