"""Bring a program inventory in from a spreadsheet, and send the plan back out as one.

File > Import Spreadsheet… reads the file (safely, see storage.spreadsheets.reading), then
`ImportDialog` (dialog.py) walks through two steps: the column mapping (guessed, correctable, savable as
JSON for next year) and a preview of what would be created, updated and linked, with every
unreadable value named by sheet, row and column. Nothing is written until Import is pressed;
then the whole plan goes through the session as ONE command, so it is one transaction and one
undo step. With no plan open, importing makes a new plan of the spreadsheet.

File > Export > Spreadsheet (.xlsx)… / Programs as CSV… and File > Save Spreadsheet
Template… write through storage.spreadsheets as well. The main window puts these actions
in its menus and start page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from coherence_planner.storage.schema import SUFFIX
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.errors import user_errors
from coherence_planner.ui.icons import icon
from coherence_planner.ui.session import DocumentSession

# The import dialog and storage.spreadsheets (readers, planning, writers) are imported where
# they are used: the window makes these actions at start-up, and loading the whole import
# machinery then cost the start page a quarter of a second.
if TYPE_CHECKING:
    from coherence_planner.ui.importing.dialog import ImportDialog

SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"
XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV file (*.csv)"
TEMPLATE_NAME = "Program inventory template.xlsx"


class SpreadsheetActions(QObject):
    """The spreadsheet menu actions of one window, and the flows behind them."""

    def __init__(
        self, session: DocumentSession, documents: DocumentController, window: QMainWindow
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.documents = documents
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
        return self.documents.start_dir(name)

    # -- import ------------------------------------------------------------------------
    def import_spreadsheet(self, path: str | Path | None = None) -> ImportDialog | None:
        """Ask for a spreadsheet, read it and open the import dialog (window-modal).

        The import itself happens when the dialog is accepted (`finish_import`).
        """
        from coherence_planner.ui.importing.dialog import ImportDialog, show_error
        from coherence_planner.ui.importing.reading_job import read_with_progress

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "Import spreadsheet", self._start_dir(), SPREADSHEET_FILTER
            )
            if not chosen:
                return None
            path = chosen
        source = Path(path)
        try:
            sheets = read_with_progress(self.window, source)
        except user_errors() as exc:
            show_error(self.window, exc, "Could not read the spreadsheet")
            return None
        if sheets is None:  # the person cancelled reading: nothing changed
            return None
        from coherence_planner.domain.model.district import District

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
        from coherence_planner.ui.importing.dialog import show_error

        plan, source = dialog.plan, dialog.source
        applied = dialog.plan_to_apply()
        if applied.is_empty or dialog.blocker() is not None:
            self._status(dialog.blocker() or f"Nothing to import from {source}.")
            return False
        # A new plan is named after the district on the title block (else after the file).
        if dialog.new_plan and not self._create_plan_for(dialog.plan_name):
            self._status(f"Nothing was imported from {source}: no plan was created.")
            return False
        district = self.session.district
        try:
            # Problems are already left out of `applied` (see ImportDialog.plan_to_apply).
            command = applied.to_command(district)
            command.text = f"Import {source}"
            self.session.push(command)
        except user_errors() as exc:
            show_error(self.window, exc, "Could not import the spreadsheet")
            return False
        from coherence_planner.domain.model.wording import plural

        dialog.remember()
        skipped = len(plan.problem_rows())
        left = len(dialog.left_out_sheets())
        tail = "".join(
            f"; {text}"
            for count, text in (
                (skipped, f"{plural(skipped, 'row')} with problems skipped"),
                (left, f"{plural(left, 'sheet')} that cannot be read left out"),
            )
            if count
        )
        into = f" into the new plan {dialog.plan_name}" if dialog.new_plan else ""
        # Never "imported" alone when the file refused it: it is kept in memory only.
        unsaved = " Not saved: use File ▸ Save As… to keep it." if self.session.unsaved else ""
        self._status(f"Imported {source}{into}: {applied.summary()}{tail}.{unsaved}")
        return True

    def _create_plan_for(self, name: str) -> bool:
        from coherence_planner.domain.model.district import District
        from coherence_planner.ui.importing.dialog import with_suffix
        from coherence_planner.ui.plain_text import file_stem

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Save the new plan as",
            self._start_dir(f"{file_stem(name)}{SUFFIX}"),
            f"Coherence plans (*{SUFFIX})",
        )
        if not path:
            return False
        return self.documents.create_plan(with_suffix(path, SUFFIX), District(name=name))

    # -- export ------------------------------------------------------------------------
    def _ask_export(self, caption: str, name: str, filter_: str, suffix: str) -> Path | None:
        from coherence_planner.ui.importing.dialog import with_suffix

        path, _ = QFileDialog.getSaveFileName(self.window, caption, self._start_dir(name), filter_)
        return with_suffix(path, suffix) if path else None

    def export_xlsx(self) -> Path | None:
        from coherence_planner.storage.spreadsheets import write_xlsx
        from coherence_planner.ui.importing.dialog import show_error

        document = self.session.document
        if document is None:
            return None
        target = self._ask_export(
            "Export spreadsheet", f"{document.path.stem}.xlsx", XLSX_FILTER, ".xlsx"
        )
        if target is None:
            return None
        from coherence_planner.domain.analysis.coherence import analyse

        analysis = self.session.analysis
        if analysis is None or self.session.analysis_pending:
            analysis = analyse(self.session.district)
        try:
            write_xlsx(self.session.district, analysis, target)
        except user_errors() as exc:
            show_error(self.window, exc, "Could not export the spreadsheet")
            return None
        self._status(f"Exported the plan and its findings to {target.name}.")
        return target

    def export_csv(self) -> Path | None:
        from coherence_planner.domain.model.wording import plural
        from coherence_planner.storage.spreadsheets import write_csv
        from coherence_planner.ui.importing.dialog import show_error

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
        except user_errors() as exc:
            show_error(self.window, exc, "Could not export the programs")
            return None
        count = len(self.session.district.items_of("program"))
        self._status(f"Exported {plural(count, 'program')} to {target.name}.")
        return target

    def save_template(self) -> Path | None:
        from coherence_planner.storage.spreadsheets import write_template
        from coherence_planner.ui.importing.dialog import show_error

        target = self._ask_export("Save spreadsheet template", TEMPLATE_NAME, XLSX_FILTER, ".xlsx")
        if target is None:
            return None
        try:
            write_template(target)
        except user_errors() as exc:
            show_error(self.window, exc, "Could not save the template")
            return None
        self._status(
            f"Saved the template {target.name}: fill it in, then File > Import Spreadsheet…"
        )
        return target
