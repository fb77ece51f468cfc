"""The main window: it composes the features. Five central views (Plan, Map, Findings,
Retreat, Progress; see views.py), the Items list and the Inspector as side panels, and the
menus, toolbar and shortcuts that reach all of them (see menus.py). Features never import
this module: the window makes their widgets and actions and puts them in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from coherence_planner.ui import settings
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.icons import app_icon, clear_cache, icon
from coherence_planner.ui.importing.actions import SpreadsheetActions
from coherence_planner.ui.lazy_part import AfterFirstPaint, LazyPart
from coherence_planner.ui.plain_text import tooltip
from coherence_planner.ui.printing.action import PdfExportAction
from coherence_planner.ui.retreat.views import Retreat
from coherence_planner.ui.room.actions import RoomActions
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.shell import geometry, menus
from coherence_planner.ui.shell.central import CentralStack
from coherence_planner.ui.shell.editing import Editing
from coherence_planner.ui.shell.file_actions import FileActions
from coherence_planner.ui.shell.help import HelpWindows
from coherence_planner.ui.shell.navigation import Navigation
from coherence_planner.ui.shell.parts import LazyParts
from coherence_planner.ui.shell.start_page import StartPage
from coherence_planner.ui.shell.views import CentralViews

if TYPE_CHECKING:
    from coherence_planner.storage.errors import KnownError

APP_NAME = "Coherence Planner"

# Overview number -> browser filter.
_CARD_FILTERS = {
    "programs": {"kind": "program"},
    "orphan": {"flag": "orphan"},
    "competing": {"flag": "competing"},
    "unsupported": {"flag": "unsupported"},
    "conflict": {"flag": "conflict"},
    "total": {"kind": "program"},
    "aligned": {"kind": "program"},
    "orphan-spend": {"kind": "program", "flag": "orphan"},
    "removal": {"flag": "removal"},
    "fte": {"flag": "removal"},
}


class MainWindow(LazyParts, QMainWindow):
    exits_process = False  # set by ui.app.run: closing the window ends the process

    def __init__(self, session: DocumentSession | None = None) -> None:
        super().__init__()
        self.session = session or DocumentSession(self)
        self.session.setParent(self)
        self.documents = DocumentController(self.session, self)
        self.setWindowIcon(app_icon())
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        # Central: a start page, the first plan being opened, or the open plan's views.
        self.start_page = StartPage()
        # The Overview and the two docks' Items list and Inspector, with the analysis and
        # storage modules they import, are made just after the first paint (or when first
        # asked for): the start page shows none of them (issue 29).
        self.overview_part = LazyPart(self._make_overview)
        # Parts not shown at start are made (and their modules imported) when first shown.
        self.map_part = LazyPart(self._make_map_panel)
        self.matrix_part = LazyPart(self._make_matrix)
        self.findings_part = LazyPart(self._make_findings)
        self.retreat = Retreat(self.session, self)
        self.room = RoomActions(self.session, self)
        self.themes_part = LazyPart(self._make_themes)  # the improvement framework's views
        self.indicators_part = LazyPart(self._make_indicators)
        self.snapshots_part = LazyPart(self._make_snapshots)
        self.views = CentralViews()
        self._add_views()
        self.stack = CentralStack(self.start_page, self.views)
        self.opening_page = self.stack.opening_page
        self.setCentralWidget(self.stack)

        self.browser_part = LazyPart(self._make_browser)
        self.inspector_part = LazyPart(self._make_inspector)
        self.browser_dock = self._dock("Items", self.browser_part)
        self.inspector_dock = self._dock("Inspector", self.inspector_part)

        self.saved_label = QLabel()
        self.saved_label.setAccessibleName("Save state")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.findings_label = QLabel()
        self.statusBar().addWidget(self.findings_label, 1)

        self.spreadsheets = SpreadsheetActions(self.session, self.documents, self)
        self.pdf_export = PdfExportAction(self.session, self)
        self.help = HelpWindows(self)
        self.navigation = Navigation(
            self,
            self.views,
            self.browser_dock,
            lambda: self.browser.view,
            self.inspector_dock,
            self.action,
        )
        self.editing = Editing(
            self, self.session, self.documents, lambda: self.inspector, self.navigation, self.action
        )
        self.files = FileActions(self, self.documents, self.action)
        self.files.recent_listeners.append(self.start_page.set_recent)
        self._build_actions()
        self._build_menus()
        self.toolbar = menus.build_toolbar(self, self._toolbar_entries())

        self.start_page.new_requested.connect(self.documents.new_plan)
        self.start_page.open_requested.connect(lambda: self.documents.open_plan())
        self.start_page.sample_requested.connect(self.documents.open_sample)
        self.start_page.import_requested.connect(self.documents.import_json)
        self.start_page.recent_requested.connect(self.documents.open_plan)
        self.start_page.spreadsheet_requested.connect(
            lambda: self.spreadsheets.import_spreadsheet()
        )
        self.start_page.guide_requested.connect(self.help.show_guide)
        self.session.document_changed.connect(self._document_changed)
        self.session.changed.connect(lambda _c: self._refresh_overview())
        self.session.analysis_ready.connect(lambda _a: self._analysis_ready())
        self.session.analysis_ready.connect(lambda _a: self._prepare_map())
        self.session.selection_changed.connect(lambda _ids: self._update_actions())
        self.session.failed.connect(lambda exc: self.documents.fail(exc, "Could not undo"))
        self.session.not_saved.connect(self._not_saved)
        self.documents.opening_changed.connect(self._opening_changed)
        # A large plan's parts are made before its reader starts, not beside it (issue 29).
        self.documents.reading_soon.connect(self._make_parts)
        self.session.undo_stack.indexChanged.connect(lambda _i: self._update_title())

        self.files.set_recent(settings.recent_files())
        self.navigation.restore()
        self._document_changed()
        self._first_paint = AfterFirstPaint(self, self._make_parts)

    # -- layout ------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _add_views(self) -> None:
        add = self.views.add_view
        self.plan_view = add(
            "Plan",
            "The plan at a glance: its numbers and where the money goes",
            {"Overview": self.overview_part},
        )
        self.map_view = add(
            "Map",
            "The coherence map, the alignment matrix and the themes",
            {
                "Coherence Map": self.map_part,
                "Alignment": self.matrix_part,
                "Themes": self.themes_part,
            },
        )
        self.views.setTabIcon(self.views.count() - 1, icon("map"))
        self.findings_view = add(
            "Findings",
            "What does not fit, and why, in words to read aloud",
            {"Findings": self.findings_part},
        )
        self.retreat_view = add(
            "Retreat",
            "Decide, compare scenarios, rate programs and see the load on schools",
            self.retreat.tabs,
        )
        self.progress_view = add(
            "Progress",
            "Indicators against their targets, and snapshots to compare",
            {"Indicators": self.indicators_part, "Snapshots": self.snapshots_part},
        )

    def show_view(self, widget: QWidget) -> None:
        """Bring a view, or a part of one, to the front."""
        self.navigation.show(widget)

    # -- actions -----------------------------------------------------------------------
    def action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | str | QKeySequence.StandardKey | None = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
            action.setProperty("icon_name", icon_name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self.action
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setProperty("icon_name", "undo")
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(K.Redo))
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setProperty("icon_name", "redo")
        self.find_action = a(
            "&Find Items", self._focus_search, K.Find, "search", "Search the items"
        )
        self.export_map_action = a(
            "Export the &Map…",
            lambda: self.map_panel.export(),
            None,
            "export",
            "Save the coherence map as a PNG image or an SVG drawing",
        )
        self.guide_action = a(
            "&Guide", self.help.show_guide, "F1", None, "How a cabinet uses the planner"
        )
        self.shortcuts_action = a(
            "&Keyboard Shortcuts",
            self.help.show_shortcuts,
            "Ctrl+/",
            None,
            "Every shortcut, by menu",
        )
        self.take_snapshot_action = a(
            "Take a &Snapshot…",
            self._take_snapshot,
            None,
            None,
            "Keep the plan as it is now, to compare with later",
        )
        self.about_action = a("&About Coherence Planner", self.help.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        sheets = self.spreadsheets
        nav = self.navigation
        retreat = self.retreat
        self.menus = menus.build_menu_bar(
            self.menuBar(),
            [
                (
                    "&File",
                    [
                        self.files.new_action,
                        self.files.open_action,
                        self.files.recent_menu,
                        self.files.sample_action,
                        None,
                        self.files.save_as_action,
                        self.files.save_copy_action,
                        self.files.merge_action,
                        None,
                        self.files.import_action,
                        self.files.export_action,
                        sheets.import_action,
                        sheets.export_menu,
                        sheets.template_action,
                        self.export_map_action,
                        self.pdf_export.action,
                        None,
                        self.files.close_action,
                        self.files.quit_action,
                    ],
                ),
                (
                    "&Edit",
                    [
                        self.undo_action,
                        self.redo_action,
                        None,
                        *self.editing.menu_entries(),
                        self.find_action,
                    ],
                ),
                (
                    "&View",
                    [
                        *nav.view_actions.values(),
                        None,
                        nav.next_part,
                        nav.previous_part,
                        None,
                        nav.go_items,
                        nav.go_inspector,
                        None,
                        self.browser_dock.toggleViewAction(),
                        self.inspector_dock.toggleViewAction(),
                        nav.compact_action,
                    ],
                ),
                ("&Map", nav.parts_of("Map")),
                (
                    "&Retreat",
                    [
                        retreat.present_action,
                        self.room.action,
                        None,
                        *nav.parts_of("Retreat"),
                    ],
                ),
                (
                    "&Progress",
                    [
                        *nav.parts_of("Progress"),
                        None,
                        self.take_snapshot_action,
                        self.editing.cycles_action,
                    ],
                ),
                (
                    "&Help",
                    [
                        self.guide_action,
                        self.shortcuts_action,
                        None,
                        self.files.sample_action,
                        self.about_action,
                    ],
                ),
            ],
        )

    def _toolbar_entries(self) -> list[QAction | None]:
        return [
            self.files.new_action,
            self.files.open_action,
            self.files.save_copy_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            *self.editing.add_actions.values(),
            self.editing.link_action,
            self.editing.conflict_action,
            self.editing.delete_action,
            None,
            self.files.import_action,
            self.files.export_action,
            None,
            self.retreat.present_action,
        ]

    # -- state -------------------------------------------------------------------------
    def _document_changed(self) -> None:
        open_ = self.session.is_open
        if open_:
            self._make_parts()  # before they are shown, so the first layout has their sizes
        self.navigation.show_views(
            open_, lambda: self.stack.show_state(open_, self.documents.opening)
        )
        self._refresh_overview()
        self.findings_label.setText("")
        self._update_actions()
        self._update_title()

    def _opening_changed(self, _name: str) -> None:
        """A plan began or ended being read: with none shown, named and "Opening…"."""
        self.stack.show_state(self.session.is_open, self.documents.opening)
        self._update_actions()
        self._update_title()

    def _update_actions(self) -> None:
        open_ = self.session.is_open and self.documents.opening is None
        for action in (
            *self.files.needs_plan(),
            self.find_action,
            self.export_map_action,
            self.take_snapshot_action,
            *self.navigation.actions(),
        ):
            action.setEnabled(open_)
        self.editing.update()

    def _update_title(self) -> None:
        document = self.session.document
        if document is None:
            reading = self.documents.opening
            self.setWindowTitle(f"{reading.name} — Opening… — {APP_NAME}" if reading else APP_NAME)
            self.saved_label.setText("")
            return
        if document.unsaved is not None:
            state, tip = "Not saved", document.unsaved.message
        elif document.read_only:
            state, tip = "Read-only", f"{document.path} cannot be changed here: use Save As"
        else:
            state, tip = "Saved", f"Every change is saved at once to {document.path}"
        self.setWindowTitle(f"{document.path.name} — {state} — {APP_NAME}")
        self.setWindowFilePath(str(document.path))
        self.saved_label.setText(state)
        self.saved_label.setToolTip(tooltip(tip))

    def _not_saved(self, exc: KnownError) -> None:
        self._update_title()
        self.statusBar().showMessage(exc.message, 15000)
        # After the edit's own call has returned: the offer may open Save As, which
        # replaces the document and clears the undo stack the edit is still being put on.
        QTimer.singleShot(0, lambda: self.documents.tell_not_saved(exc))

    def _refresh_overview(self) -> None:
        if self.session.is_open:
            self.overview.show_district(self.session.district, self.session.analysis)

    def _analysis_ready(self) -> None:
        from coherence_planner.ui.findings.model import summary

        self._refresh_overview()
        if self.session.analysis is not None:
            self.findings_label.setText(summary(self.session.analysis))

    def _card_pressed(self, key: str) -> None:
        self._browse(_CARD_FILTERS[key])

    def _browse(self, filters: dict[str, str]) -> None:
        self.browser.clear_filters()
        self.browser.set_filter(**filters)
        self.navigation.go_to_items()

    def _fill_in(self, item_id: str, field: str) -> None:
        """A missing fact's "Fill in": the item in the Inspector, the cursor in the field."""
        self.session.select([item_id])
        self.navigation.go_to_inspector()
        self.inspector.focus_field(field)

    def _goal_pressed(self, goal_id: str) -> None:
        self.browser.clear_filters()
        self.browser.set_filter(goal=goal_id)
        self.session.select([goal_id])

    def _item_activated(self) -> None:
        """Enter or a double-click on an item opens it in the Inspector (in the compact
        layout the Inspector is the Items list's neighbouring tab)."""
        if self.navigation.compact:
            self.navigation.go_to_inspector()

    def _take_snapshot(self) -> None:
        self.show_view(self.snapshots_view)
        self.snapshots_view.take()

    def _focus_search(self) -> None:
        self.navigation.focus(self.browser_dock, self.browser.search)
        self.browser.search.selectAll()

    def refresh_icons(self) -> None:
        """Redraw the icons in the palette's colours (after a light/dark switch)."""
        clear_cache()
        for action in self.findChildren(QAction):
            name = action.property("icon_name")
            if name:
                action.setIcon(icon(str(name)))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.may_close():
            event.ignore()  # the person chose to keep the unsaved edits open
            return
        geometry.save(self)
        if self.exits_process:
            # ui.app.run ends the process when this window has closed: only what outlives
            # the process is done here (the room's last answers written, the file closed).
            self.room.stop()
            self.documents.release_for_exit()
            super().closeEvent(event)
            return
        self.documents.close_plan(ask=False)
        if self.map_part.built is not None:
            self.map_panel.shutdown()
        if self.overview_part.built is not None:
            self.overview.money.shutdown()
        self.session.shutdown()
        super().closeEvent(event)
