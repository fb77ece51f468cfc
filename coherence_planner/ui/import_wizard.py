"""Bring a program inventory in from a spreadsheet, and send the plan back out as one.

File > Import Spreadsheet… reads the file (safely, see storage.spreadsheets.reading), then
`ImportDialog` walks through two steps: the column mapping (guessed, correctable, savable as
JSON for next year) and a preview of what would be created, updated and linked, with every
unreadable value named by sheet, row and column. Nothing is written until Import is pressed;
then the whole plan goes through the session as ONE command, so it is one transaction and one
undo step. With no plan open, importing makes a new plan of the spreadsheet.

File > Export > Spreadsheet (.xlsx)… / Programs as CSV… and File > Save Spreadsheet
Template… write through storage.spreadsheets as well. `install_spreadsheet_actions(window)`
adds all of this to a MainWindow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.district import District
from coherence_planner.storage.schema import SUFFIX
from coherence_planner.storage.spreadsheets import (
    ImportPlan,
    Sheet,
    guess_mappings,
    load_mappings,
    plan_import,
    read_spreadsheet,
    save_mappings,
    write_csv,
    write_template,
    write_xlsx,
)
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.icons import icon
from coherence_planner.ui.import_mapping import MappingPage
from coherence_planner.ui.import_preview import PreviewPage, plural

if TYPE_CHECKING:
    from coherence_planner.ui.main_window import MainWindow

SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"
XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV file (*.csv)"
MAPPING_FILTER = "Column mapping (*.json)"
TEMPLATE_NAME = "Program inventory template.xlsx"
BUSY_ROWS = 1000  # above this many rows, re-planning shows a busy cursor


def _with_suffix(path: str, suffix: str) -> Path:
    result = Path(path)
    return result if result.suffix.lower() == suffix else result.with_name(result.name + suffix)


class ImportDialog(QDialog):
    """Mapping, then preview; `plan_to_apply()` is what Import confirmed.

    `district` is what the plan is worked out against: the open plan, or an empty district
    when the import makes a new plan. The dialog never changes it.
    """

    MAPPING, PREVIEW = 0, 1

    def __init__(
        self,
        sheets: list[Sheet],
        district: District,
        source: str,
        parent: QWidget | None = None,
        *,
        new_plan: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {source}")
        self.setObjectName("import-dialog")
        self.sheets = sheets
        self.district = district
        self.source = source
        self.new_plan = new_plan
        self.plan = ImportPlan(source=source)

        self.step = QLabel()
        font = self.step.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.step.setFont(font)
        self.mapping_page = MappingPage(sheets, guess_mappings(sheets))
        self.preview_page = PreviewPage(sheets)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.preview_page)
        self.live = QLabel()  # on the mapping step: what the mapping would import
        self.live.setWordWrap(True)
        self.live.setAccessibleName("What this mapping would import")

        self.save_mapping_button = QPushButton("Save Mapping…")
        self.save_mapping_button.setToolTip("Keep this mapping in a file for the next import")
        self.load_mapping_button = QPushButton("Load Mapping…")
        self.load_mapping_button.setToolTip("Use a mapping saved from an earlier import")
        self.back_button = QPushButton("< Back")
        self.next_button = QPushButton("Next: Preview >")
        self.import_button = QPushButton(icon("import"), "Import")
        self.cancel_button = QPushButton("Cancel")
        buttons = QDialogButtonBox()
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        row = QHBoxLayout()
        row.addWidget(self.save_mapping_button)
        row.addWidget(self.load_mapping_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.live)
        layout.addLayout(row)

        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.load_mapping_button.clicked.connect(self.load_mapping)
        self.back_button.clicked.connect(lambda: self.go_to(self.MAPPING))
        self.next_button.clicked.connect(lambda: self.go_to(self.PREVIEW))
        self.import_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self.mapping_page.changed.connect(self.replan)
        self.preview_page.skip_changed.connect(lambda _on: self._update_buttons())

        self.resize(980, 660)
        self.replan()
        self.go_to(self.MAPPING)

    # -- planning ----------------------------------------------------------------------
    @property
    def skip_problem_rows(self) -> bool:
        return self.preview_page.skip.isChecked()

    def replan(self) -> None:
        """Work the plan out again from the mapping as it stands (changes nothing).

        Planning takes about 0.2 s per thousand rows, so a big inventory shows a busy cursor.
        """
        busy = sum(len(sheet.rows) for sheet in self.sheets) > BUSY_ROWS
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = plan_import(
                self.sheets, self.mapping_page.mappings(), self.district, source=self.source
            )
        finally:
            if busy:
                QApplication.restoreOverrideCursor()
        self.preview_page.show_plan(self.plan, self.district)
        self.live.setText(f"With this mapping: {self.plan.summary()}.")
        self._update_buttons()

    def plan_to_apply(self) -> ImportPlan:
        """The plan as Import would apply it (problem rows left out when asked to skip)."""
        if self.plan.problems and self.skip_problem_rows:
            return self.plan.without_problem_rows()
        return self.plan

    def blocker(self) -> str | None:
        """Why Import is off, in one sentence; None when it is on."""
        plan = self.plan
        if plan.problems and not self.skip_problem_rows:
            rows = len(plan.problem_rows())
            if rows < len(plan.problems) and not rows:
                return (
                    "Import is off: the mapping has problems (listed above). Go back and "
                    "correct the mapping."
                )
            return (
                f"Import is off: {plural(rows, 'row')} "
                f"{'has values' if rows == 1 else 'have values'} that cannot be read "
                "(listed above). Correct the spreadsheet and import it again, change the "
                "mapping, or tick the box above to leave "
                f"{'that row' if rows == 1 else 'those rows'} out."
            )
        if self.plan_to_apply().is_empty:
            if plan.problems:
                return "Nothing to import once the rows with problems are skipped."
            if self.new_plan or not self.district.items:
                return f"Nothing to import: {self.source} has no rows to import."
            return f"Nothing to import: the plan already matches {self.source}."
        return None

    def _update_buttons(self) -> None:
        on_preview = self.pages.currentIndex() == self.PREVIEW
        reason = self.blocker()
        self.import_button.setEnabled(on_preview and reason is None)
        self.import_button.setVisible(on_preview)
        self.next_button.setVisible(not on_preview)
        self.back_button.setEnabled(on_preview)
        self.save_mapping_button.setVisible(not on_preview)
        self.load_mapping_button.setVisible(not on_preview)
        self.live.setVisible(not on_preview)
        if reason is None:
            applied = self.plan_to_apply()
            target = "a new plan" if self.new_plan else "the plan"
            reason = (
                f"Import writes {applied.summary()} into {target} as one step; "
                "Edit > Undo takes it all back."
            )
        self.preview_page.reason.setText(reason)

    def go_to(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.step.setText(
            "Step 1 of 2: Match the columns"
            if page == self.MAPPING
            else "Step 2 of 2: Check what will change"
        )
        self._update_buttons()
        (self.next_button if page == self.MAPPING else self.import_button).setDefault(True)

    # -- mapping files -----------------------------------------------------------------
    def save_mapping(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save column mapping", f"{Path(self.source).stem} mapping.json", MAPPING_FILTER
        )
        if not path:
            return False
        try:
            save_mappings(self.mapping_page.mappings(), _with_suffix(path, ".json"))
        except USER_ERRORS as exc:
            _fail(self, exc, "Could not save the mapping")
            return False
        return True

    def load_mapping(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load column mapping", "", f"{MAPPING_FILTER};;All files (*)"
        )
        if not path:
            return False
        try:
            mappings = load_mappings(path)
        except USER_ERRORS as exc:
            _fail(self, exc, "Could not use the mapping")
            return False
        self.mapping_page.set_mappings(mappings)
        return True


def _fail(parent: QWidget, exc: BaseException, title: str) -> None:
    QMessageBox.warning(parent, title, explain(exc))


class SpreadsheetActions(QObject):
    """The spreadsheet menu actions of one window, and the flows behind them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: ImportDialog | None = None  # the import dialog while it is open
        self.export_menu = QMenu("Export", window)
        self.export_menu.setIcon(icon("export"))
        self.import_action = self._action(
            "Import &Spreadsheet…",
            self.import_spreadsheet,
            "import",
            "Bring in programs, goals, strategies and policies from an .xlsx or .csv inventory",
            "Ctrl+Shift+I",
        )
        self.export_xlsx_action = self._action(
            "Spreadsheet (.&xlsx)…",
            self.export_xlsx,
            "export",
            "Write every item, link, indicator and finding to an Excel workbook",
        )
        self.export_csv_action = self._action(
            "&Programs as CSV…", self.export_csv, None, "Write the programs to a CSV file"
        )
        self.template_action = self._action(
            "Save Spreadsheet &Template…",
            self.save_template,
            None,
            "A workbook with the columns the import expects and an example row",
        )
        self.export_menu.addActions([self.export_xlsx_action, self.export_csv_action])
        self.session.document_changed.connect(self._update_actions)
        self._update_actions()

    def _action(
        self, text: str, slot: object, icon_name: str | None, tip: str, shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
            action.setProperty("icon_name", icon_name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)
        return action

    def _update_actions(self) -> None:
        open_ = self.session.is_open
        self.export_xlsx_action.setEnabled(open_)
        self.export_csv_action.setEnabled(open_)
        tip = (
            "Bring in programs, goals, strategies and policies from an .xlsx or .csv inventory"
            if open_
            else "Make a new plan from an .xlsx or .csv inventory"
        )
        self.import_action.setToolTip(tip)
        self.import_action.setStatusTip(tip)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def _start_dir(self, name: str = "") -> str:
        return self.window.documents._start_dir(name)

    # -- import ------------------------------------------------------------------------
    def import_spreadsheet(self, path: str | Path | None = None) -> ImportDialog | None:
        """Ask for a spreadsheet, read it and open the import dialog (window-modal).

        The import itself happens when the dialog is accepted (`finish_import`).
        """
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "Import spreadsheet", self._start_dir(), SPREADSHEET_FILTER
            )
            if not chosen:
                return None
            path = chosen
        source = Path(path)
        try:
            sheets = read_spreadsheet(source)
        except USER_ERRORS as exc:
            _fail(self.window, exc, "Could not read the spreadsheet")
            return None
        new_plan = not self.session.is_open
        district = District(name=source.stem) if new_plan else self.session.district
        dialog = ImportDialog(sheets, district, source.name, self.window, new_plan=new_plan)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.finish_import(dialog))
        dialog.finished.connect(lambda _r: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: ImportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def finish_import(self, dialog: ImportDialog) -> bool:
        """Apply what the dialog confirmed as one undoable command; say what happened."""
        plan, source = dialog.plan, dialog.source
        applied = dialog.plan_to_apply()
        if applied.is_empty:
            self._status(dialog.blocker() or f"Nothing to import from {source}.")
            return False
        if dialog.new_plan and not self._create_plan_for(source, dialog.district.name):
            self._status(f"Nothing was imported from {source}: no plan was created.")
            return False
        district = self.session.district
        try:
            command = plan.to_command(district, skip_problem_rows=dialog.skip_problem_rows)
            command.text = f"Import {source}"
            self.session.push(command)
        except USER_ERRORS as exc:
            _fail(self.window, exc, "Could not import the spreadsheet")
            return False
        skipped = len(plan.problem_rows()) if plan.problems else 0
        tail = f"; {plural(skipped, 'row')} with problems skipped" if skipped else ""
        self._status(f"Imported {source}: {applied.summary()}{tail}.")
        return True

    def _create_plan_for(self, source: str, name: str) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Save the new plan as",
            self._start_dir(f"{Path(source).stem}{SUFFIX}"),
            f"Coherence plans (*{SUFFIX})",
        )
        if not path:
            return False
        return self.window.documents._create(_with_suffix(path, SUFFIX), District(name=name))

    # -- export ------------------------------------------------------------------------
    def _ask_export(self, caption: str, name: str, filter_: str, suffix: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, caption, self._start_dir(name), filter_)
        return _with_suffix(path, suffix) if path else None

    def export_xlsx(self) -> Path | None:
        document = self.session.document
        if document is None:
            return None
        target = self._ask_export(
            "Export spreadsheet", f"{document.path.stem}.xlsx", XLSX_FILTER, ".xlsx"
        )
        if target is None:
            return None
        from coherence_planner.domain.coherence import analyse

        analysis = self.session.analysis
        if analysis is None or self.session.analysis_pending:
            analysis = analyse(self.session.district)
        try:
            write_xlsx(self.session.district, analysis, target)
        except USER_ERRORS as exc:
            _fail(self.window, exc, "Could not export the spreadsheet")
            return None
        self._status(f"Exported the plan and its findings to {target.name}.")
        return target

    def export_csv(self) -> Path | None:
        document = self.session.document
        if document is None:
            return None
        target = self._ask_export(
            "Export programs as CSV", f"{document.path.stem} programs.csv", CSV_FILTER, ".csv"
        )
        if target is None:
            return None
        try:
            write_csv(self.session.district, target, kind="program")
        except USER_ERRORS as exc:
            _fail(self.window, exc, "Could not export the programs")
            return None
        count = len(self.session.district.items_of("program"))
        self._status(f"Exported {plural(count, 'program')} to {target.name}.")
        return target

    def save_template(self) -> Path | None:
        target = self._ask_export("Save spreadsheet template", TEMPLATE_NAME, XLSX_FILTER, ".xlsx")
        if target is None:
            return None
        try:
            write_template(target)
        except USER_ERRORS as exc:
            _fail(self.window, exc, "Could not save the template")
            return None
        self._status(
            f"Saved the template {target.name}: fill it in, then File > Import Spreadsheet…"
        )
        return target


def install_spreadsheet_actions(window: MainWindow) -> SpreadsheetActions:
    """Add Import Spreadsheet…, Export > …, and Save Spreadsheet Template… to the File menu
    (after Export District JSON…), and Import a spreadsheet… to the start page."""
    actions = SpreadsheetActions(window)
    file_menu: QMenu = window.file_menu
    entries = file_menu.actions()
    before = entries[entries.index(window.export_action) + 1]  # the separator after it
    file_menu.insertAction(before, actions.import_action)
    file_menu.insertMenu(before, actions.export_menu)
    file_menu.insertAction(before, actions.template_action)
    window.start_page.spreadsheet_requested.connect(lambda: actions.import_spreadsheet())
    return actions
