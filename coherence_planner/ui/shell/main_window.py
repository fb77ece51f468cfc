"""The main window: item browser, central views (Overview, later the Map), inspector and
findings, with menus, toolbar and shortcuts for everything."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

import coherence_planner
from coherence_planner.domain import vocab
from coherence_planner.domain.commands import AddItem, RemoveItems, SetDistrictFields
from coherence_planner.domain.items import ITEM_CLASSES
from coherence_planner.ui import settings
from coherence_planner.ui.browse.browser import ItemBrowser
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.errors import USER_ERRORS
from coherence_planner.ui.findings.model import summary
from coherence_planner.ui.findings.overview import Overview
from coherence_planner.ui.findings.panel import FindingsPanel
from coherence_planner.ui.icons import app_icon, clear_cache, icon
from coherence_planner.ui.importing.actions import SpreadsheetActions
from coherence_planner.ui.inspect.inspector import Inspector
from coherence_planner.ui.map.map_panel import MapPanel
from coherence_planner.ui.map.matrix import AlignmentMatrix
from coherence_planner.ui.plain_text import tooltip
from coherence_planner.ui.printing.action import PdfExportAction
from coherence_planner.ui.retreat.views import Retreat
from coherence_planner.ui.room.actions import RoomActions
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.shell.district_dialog import DistrictDialog
from coherence_planner.ui.shell.start_page import StartPage

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


class MainWindow(QMainWindow):
    def __init__(self, session: DocumentSession | None = None) -> None:
        super().__init__()
        self.session = session or DocumentSession(self)
        self.session.setParent(self)
        self.documents = DocumentController(self.session, self)
        self.setWindowIcon(app_icon())
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        # Central: a start page, or the views of the open plan.
        self.stack = QStackedWidget()
        self.start_page = StartPage()
        self.central_tabs = QTabWidget()
        self.central_tabs.setDocumentMode(True)
        self.overview = Overview()
        self.add_central_view(self.overview, "Overview")
        self.map_panel = MapPanel(self.session)
        self.add_central_view(self.map_panel, "Map")
        self.central_tabs.setTabIcon(self.central_tabs.count() - 1, icon("map"))
        self.matrix = AlignmentMatrix(self.session)
        self.add_central_view(self.matrix, "Alignment")
        self._add_framework_views()
        self.retreat = Retreat(self.session, self)
        self.room = RoomActions(self.session, self)
        for title, widget in self.retreat.tabs.items():
            self.add_central_view(widget, title)
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.central_tabs)
        self.setCentralWidget(self.stack)

        self.browser = ItemBrowser(self.session)
        self.inspector = Inspector(self.session)
        self.findings = FindingsPanel(self.session)
        self.browser_dock = self._dock("Items", self.browser, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock(
            "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.findings_dock = self._dock(
            "Findings", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        # The side columns run the full height; the findings sit under the central views.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks(
            [self.browser_dock, self.inspector_dock], [340, 400], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.findings_dock], [260], Qt.Orientation.Vertical)

        self.saved_label = QLabel()
        self.saved_label.setAccessibleName("Save state")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.findings_label = QLabel()
        self.statusBar().addWidget(self.findings_label, 1)

        self.spreadsheets = SpreadsheetActions(self.session, self.documents, self)
        self.pdf_export = PdfExportAction(self.session, self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._add_framework_menu()

        self.start_page.new_requested.connect(self.documents.new_plan)
        self.start_page.open_requested.connect(lambda: self.documents.open_plan())
        self.start_page.sample_requested.connect(self.documents.open_sample)
        self.start_page.import_requested.connect(self.documents.import_json)
        self.start_page.recent_requested.connect(self.documents.open_plan)
        self.start_page.spreadsheet_requested.connect(
            lambda: self.spreadsheets.import_spreadsheet()
        )
        self.documents.recent_changed.connect(self._recent_changed)
        self.overview.filter_requested.connect(self._card_pressed)
        self.overview.goal_requested.connect(self._goal_pressed)
        self.findings.browse_requested.connect(self._browse)
        self.map_panel.open_item.connect(
            lambda _id: self._focus(self.inspector_dock, self.inspector)
        )
        self.session.document_changed.connect(self._document_changed)
        self.session.changed.connect(lambda _c: self._refresh_overview())
        self.session.analysis_ready.connect(lambda _a: self._analysis_ready())
        self.session.selection_changed.connect(lambda _ids: self._update_actions())
        self.session.failed.connect(lambda exc: self.documents.fail(exc, "Could not undo"))
        self.session.undo_stack.indexChanged.connect(lambda _i: self._update_title())

        self._recent_changed(settings.recent_files())
        self._restore_geometry()
        self._document_changed()

    # -- layout ------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _add_framework_views(self) -> None:
        """The improvement framework's tabs: themes, indicators, snapshots (branch framework)."""
        from coherence_planner.ui.map.theme_matrix import ThemeMatrix
        from coherence_planner.ui.progress.indicators import IndicatorsView
        from coherence_planner.ui.progress.snapshots import SnapshotsView

        self.theme_matrix = ThemeMatrix(self.session)
        self.add_central_view(self.theme_matrix, "Themes")
        self.indicators_view = IndicatorsView(self.session)
        self.add_central_view(self.indicators_view, "Indicators")
        self.snapshots_view = SnapshotsView(self.session)
        self.add_central_view(self.snapshots_view, "Snapshots")

    def _add_framework_menu(self) -> None:
        bar = self.menuBar()
        help_action = next((a for a in bar.actions() if a.text() == "&Help"), None)
        plan = QMenu("&Plan", self)
        if help_action is not None:
            bar.insertMenu(help_action, plan)
        else:
            bar.addMenu(plan)
        take = plan.addAction("Take &snapshot…")
        take.triggered.connect(self.snapshots_view.take)
        compare = plan.addAction("&Compare snapshots…")
        compare.triggered.connect(lambda: self.central_tabs.setCurrentWidget(self.snapshots_view))
        self.plan_menu = plan

    def add_central_view(self, widget: QWidget, title: str) -> int:
        """Add a tab to the central area."""
        return self.central_tabs.addTab(widget, title)

    def show_view(self, widget: QWidget) -> None:
        """Bring one of the central views to the front."""
        self.central_tabs.setCurrentWidget(widget)

    # -- actions -----------------------------------------------------------------------
    def _action(
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
        d = self.documents
        K = QKeySequence.StandardKey
        self.new_action = self._action(
            "&New Plan…", d.new_plan, K.New, "new", "Start a new, empty plan"
        )
        self.open_action = self._action(
            "&Open…", lambda: d.open_plan(), K.Open, "open", "Open a plan"
        )
        self.sample_action = self._action(
            "Open the &Sample District",
            d.open_sample,
            None,
            "map",
            "Open a copy of the sample district Riverside Unified",
        )
        self.save_as_action = self._action(
            "Save &As…", d.save_as, K.SaveAs, None, "Continue working in a copy under a new name"
        )
        self.save_copy_action = self._action(
            "Save a &Copy…",
            d.save_copy,
            "Ctrl+Alt+S",
            "save-copy",
            "Write a copy of the plan; keep working in this one",
        )
        self.import_action = self._action(
            "&Import District JSON…",
            d.import_json,
            "Ctrl+I",
            "import",
            "Make a plan from a district JSON file",
        )
        self.export_action = self._action(
            "&Export District JSON…",
            d.export_json,
            "Ctrl+E",
            "export",
            "Write the plan as district JSON",
        )
        self.close_action = self._action("&Close", d.close_plan, K.Close, None, "Close the plan")
        self.quit_action = self._action("&Quit", self.close, K.Quit, None, "Quit Coherence Planner")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setProperty("icon_name", "undo")
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(K.Redo))
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setProperty("icon_name", "redo")
        self.add_actions = {
            kind: self._action(
                f"Add {vocab.KIND_LABELS[kind]}",
                lambda kind=kind: self.add_item(kind),
                f"Ctrl+Shift+{number}",
                f"add-{kind}",
                f"Add a new {vocab.KIND_LABELS[kind].lower()}",
            )
            for number, kind in enumerate(vocab.ITEM_KINDS, start=1)
        }
        self.link_action = self._action(
            "Add &Link…",
            lambda: self.inspector.links.add_link("supports"),
            "Ctrl+L",
            "link",
            "Link the selected item to what it supports",
        )
        self.conflict_action = self._action(
            "Add C&onflict…",
            lambda: self.inspector.links.add_link("conflicts"),
            "Ctrl+Shift+L",
            "conflict",
            "Mark an item that works against the selected one",
        )
        self.delete_action = self._action(
            "&Delete",
            self.delete_selected,
            K.Delete,
            "delete",
            "Remove the selected items and their links",
        )
        self.district_action = self._action(
            "District &Details…",
            self.edit_district,
            None,
            None,
            "Name, school year and notes of the district",
        )
        self.find_action = self._action(
            "&Find Items", self._focus_search, K.Find, "search", "Search the items"
        )
        self.go_browser = self._action(
            "Go to &Items", lambda: self._focus(self.browser_dock, self.browser.view), "Alt+1"
        )
        self.go_inspector = self._action(
            "Go to &Inspector", lambda: self._focus(self.inspector_dock, self.inspector), "Alt+2"
        )
        self.go_findings = self._action(
            "Go to &Findings",
            lambda: self._focus(self.findings_dock, self.findings.view),
            "Alt+3",
            "findings",
        )
        self.go_central = self._action(
            "Go to &Overview", lambda: self.central_tabs.currentWidget().setFocus(), "Alt+0"
        )
        self.go_map = self._action(
            "Go to the &Map",
            lambda: self._show_central(self.map_panel, self.map_panel.view),
            "Alt+4",
            "map",
            "The coherence map: every item and the goals it serves",
        )
        self.go_matrix = self._action(
            "Go to the &Alignment Matrix",
            lambda: self._show_central(self.matrix, self.matrix.table),
            "Alt+5",
            None,
            "Strategies, programs and policies by goals",
        )
        self.export_map_action = self._action(
            "Export the &Map…",
            lambda: self.map_panel.export(),
            None,
            "export",
            "Save the coherence map as a PNG image or an SVG drawing",
        )
        self.go_retreat = [  # Alt+0-5 are the panes and views above
            self._action(
                f"Go to {title}",
                lambda widget=widget: self.show_view(widget),
                f"Alt+{n}",
            )
            for n, (title, widget) in enumerate(self.retreat.tabs.items(), start=6)
        ]
        self.about_action = self._action("&About Coherence Planner", self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = self.file_menu = bar.addMenu("&File")
        file.addActions([self.new_action, self.open_action])
        self.recent_menu = file.addMenu("Open &Recent")
        file.addAction(self.sample_action)
        file.addSeparator()
        file.addActions([self.save_as_action, self.save_copy_action])
        file.addSeparator()
        file.addActions([self.import_action, self.export_action])
        sheets = self.spreadsheets
        file.addAction(sheets.import_action)
        file.addMenu(sheets.export_menu)
        file.addAction(sheets.template_action)
        file.addActions([self.export_map_action, self.pdf_export.action])
        file.addSeparator()
        file.addActions([self.close_action, self.quit_action])
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions(list(self.add_actions.values()))
        edit.addSeparator()
        edit.addActions([self.link_action, self.conflict_action, self.delete_action])
        edit.addSeparator()
        edit.addActions([self.district_action, self.find_action])
        view = bar.addMenu("&View")
        view.addActions([self.go_central, self.go_browser, self.go_inspector, self.go_findings])
        view.addActions([self.go_map, self.go_matrix])
        view.addSeparator()
        for dock in (self.browser_dock, self.inspector_dock, self.findings_dock):
            view.addAction(dock.toggleViewAction())
        retreat = bar.addMenu("&Retreat")
        retreat.addAction(self.retreat.present_action)
        retreat.addAction(self.room.action)
        retreat.addSeparator()
        retreat.addActions(self.go_retreat)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.sample_action)
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("toolbar-main")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addToolBar(bar)
        bar.addActions([self.new_action, self.open_action, self.save_copy_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addActions(list(self.add_actions.values()))
        bar.addActions([self.link_action, self.conflict_action, self.delete_action])
        bar.addSeparator()
        bar.addActions([self.import_action, self.export_action])
        bar.addSeparator()
        bar.addAction(self.retreat.present_action)
        for action in bar.actions():
            button = bar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.toolbar = bar

    # -- state -------------------------------------------------------------------------
    def _document_changed(self) -> None:
        open_ = self.session.is_open
        self.stack.setCurrentWidget(self.central_tabs if open_ else self.start_page)
        for dock in (self.browser_dock, self.inspector_dock, self.findings_dock):
            dock.setVisible(open_)
        self._refresh_overview()
        self.findings_label.setText("")
        self._update_actions()
        self._update_title()

    def _update_actions(self) -> None:
        open_ = self.session.is_open
        for action in (
            self.save_as_action,
            self.save_copy_action,
            self.export_action,
            self.close_action,
            self.district_action,
            self.find_action,
            self.export_map_action,
            self.go_map,
            self.go_matrix,
            *self.go_retreat,
            *self.add_actions.values(),
        ):
            action.setEnabled(open_)
        one = open_ and len(self.session.selection) == 1
        self.link_action.setEnabled(one)
        self.conflict_action.setEnabled(one)
        self.delete_action.setEnabled(open_ and bool(self.session.selection))

    def _update_title(self) -> None:
        document = self.session.document
        if document is None:
            self.setWindowTitle(APP_NAME)
            self.saved_label.setText("")
            return
        state = "Read-only" if document.read_only else "Saved"
        self.setWindowTitle(f"{document.path.name} — {state} — {APP_NAME}")
        self.setWindowFilePath(str(document.path))
        self.saved_label.setText(state)
        self.saved_label.setToolTip(
            tooltip(
                f"{document.path} cannot be changed here: use Save As to edit a copy"
                if document.read_only
                else f"Every change is saved at once to {document.path}"
            )
        )

    def _refresh_overview(self) -> None:
        if self.session.is_open:
            self.overview.show_district(self.session.district, self.session.analysis)

    def _analysis_ready(self) -> None:
        self._refresh_overview()
        if self.session.analysis is not None:
            self.findings_label.setText(summary(self.session.analysis))

    def _recent_changed(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.documents.open_plan(p))
        if paths:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self._clear_recent)
        self.recent_menu.setEnabled(bool(paths))
        self.start_page.set_recent(paths)

    def _clear_recent(self) -> None:
        settings.clear_recent_files()
        self._recent_changed([])

    def _card_pressed(self, key: str) -> None:
        self._browse(_CARD_FILTERS[key])

    def _browse(self, filters: dict[str, str]) -> None:
        self.browser.clear_filters()
        self.browser.set_filter(**filters)
        self._focus(self.browser_dock, self.browser.view)

    def _goal_pressed(self, goal_id: str) -> None:
        self.browser.clear_filters()
        self.browser.set_filter(goal=goal_id)
        self.session.select([goal_id])

    def _focus(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_central(self, page: QWidget, widget: QWidget) -> None:
        self.central_tabs.setCurrentWidget(page)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_search(self) -> None:
        self._focus(self.browser_dock, self.browser.search)
        self.browser.search.selectAll()

    # -- editing -----------------------------------------------------------------------
    def add_item(self, kind: str) -> str | None:
        """Add a new item of `kind`, select it and put the cursor in its name."""
        if not self.session.is_open:
            return None
        district = self.session.district
        item = ITEM_CLASSES[kind](
            id=district.new_id(kind), name=f"New {vocab.KIND_LABELS[kind].lower()}"
        )
        try:
            self.session.push(AddItem(item))
        except USER_ERRORS as exc:
            self.documents.fail(exc)
            return None
        self.session.select([item.id])
        name_editor = self.inspector.editors.get("name")
        if name_editor is not None:
            self._focus(self.inspector_dock, name_editor)
            name_editor.edit.selectAll()  # type: ignore[attr-defined]
        return item.id

    def delete_selected(self) -> None:
        ids = list(self.session.selection)
        if not ids:
            return
        try:
            self.session.push(RemoveItems(self.session.district, ids))
        except USER_ERRORS as exc:
            self.documents.fail(exc)

    def edit_district(self) -> None:
        if not self.session.is_open:
            return
        dialog = DistrictDialog(self.session.district, self)
        if dialog.exec() != DistrictDialog.DialogCode.Accepted:
            return
        district = self.session.district
        values = {k: v for k, v in dialog.values().items() if getattr(district, k) != v}
        if values:
            try:
                self.session.push(SetDistrictFields(values))
            except USER_ERRORS as exc:
                self.documents.fail(exc)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {coherence_planner.__version__}</h3>"
            "<p>See which programs and policies serve a school district's student-learning "
            "goals, and decide what to stop doing.</p>"
            "<p>Every change is saved as you make it. Use Save a Copy to share a plan.</p>",
        )

    def refresh_icons(self) -> None:
        """Redraw the icons in the palette's colours (after a light/dark switch)."""
        clear_cache()
        for action in self.findChildren(QAction):
            name = action.property("icon_name")
            if name:
                action.setIcon(icon(str(name)))

    # -- geometry ----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        store = settings.settings()
        geometry = store.value("window/geometry")
        state = store.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        store = settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        self.documents.close_plan()
        self.map_panel.shutdown()
        self.session.shutdown()
        super().closeEvent(event)
