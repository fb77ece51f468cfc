"""The spreadsheet import dialog: step 1 maps columns, step 2 previews the plan.

It works the plan out against a district it never changes (`storage.spreadsheets.plan_import`),
again after every change to the mapping, and `plan_to_apply()` is what Import confirmed. The
caller applies it (see import_wizard.SpreadsheetActions.finish_import).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets import (
    ImportPlan,
    Sheet,
    load_mappings,
    plan_import,
    save_mappings,
)
from coherence_planner.storage.spreadsheets.choosing import most_like_inventory, opening_mappings
from coherence_planner.storage.spreadsheets.confirming import confirm_guessed
from coherence_planner.storage.spreadsheets.money_mapping import explain_money
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.icons import icon
from coherence_planner.ui.importing.mapping import MappingPage
from coherence_planner.ui.importing.preview import PreviewPage, plural
from coherence_planner.ui.importing.remembered import remember_mappings, remembered_mappings

MAPPING_FILTER = "Column mapping (*.json)"
BUSY_ROWS = 1000  # above this many rows, re-planning shows a busy cursor


def with_suffix(path: str, suffix: str) -> Path:
    """The chosen path, with `suffix` added when the person typed a name without it."""
    result = Path(path)
    return result if result.suffix.lower() == suffix else result.with_name(result.name + suffix)


def show_error(parent: QWidget, exc: BaseException, title: str) -> None:
    """A KnownError (or a refused edit) as one clear sentence; nothing was changed."""
    QMessageBox.warning(parent, title, explain(exc))


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
        self.chosen_layout: str | None = None  # the layout the planner chose; None: as read
        self.confirmed: set[str] = set()  # guessed fields confirmed in the preview

        self.step = QLabel()
        font = self.step.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.step.setFont(font)
        self.mapping_page = MappingPage(sheets, opening_mappings(sheets))
        # The choices made the last time this workbook was imported, when it had these
        # sheets and headers (remembered.py); else the guesses.
        self.remembered = remembered_mappings(source, sheets)
        if self.remembered is not None:
            self.mapping_page.set_mappings(self.remembered)
        inventory = most_like_inventory(sheets)
        if inventory is not None:
            self.mapping_page.tabs.setCurrentIndex(sheets.index(inventory))
        self.preview_page = PreviewPage(sheets)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.preview_page)
        self.restored = QLabel(
            "These are the column choices you made when you last imported a workbook with "
            "these sheets and columns."
        )
        self.restored.setWordWrap(True)
        self.guesses_button = QPushButton("Use the Guesses Instead")
        self.guesses_button.setToolTip("Forget those choices and match the columns afresh")
        restored_row = QHBoxLayout()
        restored_row.addWidget(self.restored, 1)
        restored_row.addWidget(self.guesses_button)
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
        layout.addLayout(restored_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.live)
        layout.addLayout(row)

        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.load_mapping_button.clicked.connect(self.load_mapping)
        self.back_button.clicked.connect(lambda: self.go_to(self.MAPPING))
        self.next_button.clicked.connect(lambda: self.go_to(self.PREVIEW))
        self.guesses_button.clicked.connect(self.use_guesses)
        self.import_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self.mapping_page.changed.connect(self.replan)
        self.preview_page.cost_chosen.connect(self.choose_cost)
        self.preview_page.confirm_chosen.connect(self.confirm)
        self.preview_page.layout_chooser.chosen.connect(self.choose_layout)
        self.preview_page.skip_changed.connect(lambda _on: self._update_buttons())

        self._fit_to_screen()
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
            mappings = self.mapping_page.mappings()
            self.plan = plan_import(
                self.sheets, mappings, self.district, source=self.source, layout=self.chosen_layout
            )
            explain_money(self.plan, self.sheets, mappings)  # the cost line and the totals
            for field_name in self.confirmed:
                confirm_guessed(self.plan, field_name)
        finally:
            if busy:
                QApplication.restoreOverrideCursor()
        self.preview_page.show_plan(
            self.plan, self.district, new_plan=self.new_plan, plan_name=self.plan_name
        )
        self.live.setText(f"With this mapping: {self.plan.summary()}.")
        self._update_buttons()

    def choose_cost(self, sheet: str, header: str) -> None:
        """The preview's click on another money column: it becomes the annual cost."""
        editor = self.mapping_page.editors.get(sheet)
        if editor is not None and header in editor.column_combos:
            editor.choose(header, "annual_cost")  # the mapping changes, and the plan with it

    def confirm(self, field_name: str) -> None:
        """The preview's one click confirming every guessed value of a field as listed."""
        self.confirmed.add(field_name)
        self.replan()

    def choose_layout(self, layout: str) -> None:
        """Read the sheets in the layout the planner pressed, and show the plan at once."""
        self.chosen_layout = layout
        self.replan()

    @property
    def plan_name(self) -> str:
        """The name a new plan gets: the district on the title block, else the file's."""
        return self.plan.district_name or Path(self.source).stem

    def plan_to_apply(self) -> ImportPlan:
        """The plan as Import would apply it: a sheet that cannot be read is left out (it is
        listed as a problem), rows with problems only when the planner asked to skip them."""
        if self.plan.problems and (self.skip_problem_rows or not self.plan.problem_rows()):
            return self.plan.without_problem_rows()
        return self.plan

    def left_out_sheets(self) -> list[str]:
        """The sheets that cannot be read, named as the problems list names them."""
        return [p.place for p in self.plan.problems if p.row is None]

    def blocker(self) -> str | None:
        """Why Import is off, in one sentence; None when it is on."""
        plan = self.plan
        if plan.problem_rows() and not self.skip_problem_rows:
            rows = len(plan.problem_rows())
            # Not "values that cannot be read": a row may be fine and have another problem
            # (the same name as a row of another sheet); the list above says which.
            return (
                f"Import is off: {plural(rows, 'row')} cannot be imported as "
                f"{'it is' if rows == 1 else 'they are'} (listed above, each with why). "
                "Correct the spreadsheet and import it again, change the "
                "mapping, or tick the box above to leave "
                f"{'that row' if rows == 1 else 'those rows'} out."
            )
        if self.plan_to_apply().is_empty:
            if plan.problems:
                return (
                    "Nothing to import once the sheets and rows with problems are left out "
                    "(listed above). Go back and correct the mapping."
                )
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
        self.restored.setVisible(not on_preview and self.remembered is not None)
        self.guesses_button.setVisible(not on_preview and self.remembered is not None)
        if reason is None:
            applied = self.plan_to_apply()
            target = f"a new plan, “{self.plan_name}”," if self.new_plan else "the plan"
            left = self.left_out_sheets()
            leaving = (
                f"{'; '.join(left)} cannot be read and "
                f"{'is' if len(left) == 1 else 'are'} left out (see the problems above). "
                if left
                else ""
            )
            reason = (
                f"{leaving}Import writes {applied.summary()} into {target} as one step; "
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

    def _fit_to_screen(self) -> None:
        """Roomy, but never larger than the screen (a 1366x768 laptop shows it whole)."""
        width, height = 1040, 700
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)
        self.resize(width, height)

    # -- remembered mappings -------------------------------------------------------------
    def use_guesses(self) -> None:
        """Back to the app's guesses; the remembered choices stay until the next import."""
        self.remembered = None
        self.mapping_page.set_mappings(opening_mappings(self.sheets))
        self._update_buttons()

    def remember(self) -> None:
        """Keep this mapping for the next import of the same workbook (after Import)."""
        remember_mappings(self.source, self.sheets, self.mapping_page.mappings())

    # -- mapping files -----------------------------------------------------------------
    def save_mapping(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save column mapping", f"{Path(self.source).stem} mapping.json", MAPPING_FILTER
        )
        if not path:
            return False
        try:
            save_mappings(self.mapping_page.mappings(), with_suffix(path, ".json"))
        except USER_ERRORS as exc:
            show_error(self, exc, "Could not save the mapping")
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
            show_error(self, exc, "Could not use the mapping")
            return False
        self.mapping_page.set_mappings(mappings)
        return True
