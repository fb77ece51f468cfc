"""File > Print / Export PDF: choose what to print and how, preview the pages, save.

The dialog builds the real PDF (the same reports.pdf_export call as the command line) in a
worker thread with a progress bar and a Cancel button, shows its pages with QtPdf, and saves
through a temporary file moved into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.style import VERMILLION
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import plural
from coherence_planner.reports.book.scale import report_scale
from coherence_planner.reports.map.pdf import plan_map
from coherence_planner.reports.map.printed_poster import smallest_poster_grid
from coherence_planner.reports.paper import MAX_TILES, PAPERS, ExportError, Sheet
from coherence_planner.reports.pdf_export import PdfOptions, print_problems
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.storage.errors import KnownError
from coherence_planner.ui.plain_text import file_stem
from coherence_planner.ui.printing.job import PdfJob
from coherence_planner.ui.printing.preview import PagePreview

AUTO_PREVIEW_MS = 700  # after a number is typed: the next digit may follow
CHOICE_PREVIEW_MS = 0  # after a choice from a list or a box ticked: at once
FONT_NOTES = 3  # names that will not print, listed before "and N more"
WHAT = (
    ("report", "The cabinet's report"),
    ("map", "The coherence map"),
    ("goal", "The map of one goal"),
)


class PdfExportDialog(QDialog):
    def __init__(
        self,
        district: District,
        analysis: Analysis,
        *,
        default_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print / Export PDF")
        self.district = district
        self.analysis = analysis
        self.default_dir = Path(default_dir)
        self.saved_path: Path | None = None
        # (pages, smallest text) per map options: the hint and Save both ask on each change,
        # and setting a 2,000-program map for paper takes a fifth of a second.
        self._map_plans: dict[PdfOptions, tuple[int, float]] = {}
        self._preview_of: PdfOptions | None = None
        self._saving_to: Path | None = None
        self._temp = Path(tempfile.mkdtemp(prefix="coherence-pdf-"))
        self.job = PdfJob(self)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        self.job.drafted.connect(self._drafted)
        # The preview starts by itself when the dialog opens and again when an option
        # changes: at once for a choice (the paper), after a pause for a number being typed
        # (so typing "12" does not start a build for "1"). A choice made while a build runs
        # cancels it (see _auto_preview), so clicking through options costs nothing.
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.setInterval(AUTO_PREVIEW_MS)
        self._auto.timeout.connect(self._auto_preview)
        self._restart_preview = False
        self._save_after: PdfOptions | None = None  # a save that waits for a preview to stop
        self._build()
        self._options_changed()

    # -- widgets -----------------------------------------------------------------------
    def _build(self) -> None:
        self.what = QComboBox()
        for key, label in WHAT:
            self.what.addItem(label, key)
        self.goal = QComboBox()
        for goal in self.district.items_of("goal"):
            if goal.live:
                self.goal.addItem(goal.label, goal.id)
        if self.goal.count() == 0:
            self.what.model().item(2).setEnabled(False)  # type: ignore[attr-defined]
        self.paper = QComboBox()
        for key, (label, _size) in PAPERS.items():
            self.paper.addItem(label, key)
        self.orientation = QComboBox()
        self.orientation.addItem("Portrait", False)
        self.orientation.addItem("Landscape", True)
        self.fit = QRadioButton("Set for paper")
        self.fit.setToolTip(
            "One page when every name prints at 7 pt or more; otherwise pages that break "
            "between goal lanes and rows, never through a card."
        )
        self.tile = QRadioButton("Tile as a poster:")
        self.tile.setToolTip(
            "The map set for paper, flowed across this grid of sheets, cut between goal "
            "lanes and rows; sheets overlap for taping."
        )
        self.fit.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.fit)
        group.addButton(self.tile)
        self.columns = QSpinBox(minimum=1, maximum=MAX_TILES, value=2, suffix=" across")
        self.rows = QSpinBox(minimum=1, maximum=MAX_TILES, value=2, suffix=" down")
        self.smallest = QPushButton("Smallest readable grid")
        tiles = QHBoxLayout()
        for widget in (self.fit, self.tile, self.columns, self.rows, self.smallest):
            tiles.addWidget(widget)
        tiles.addStretch(1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # A large plan's report summarises; its every-item appendix is then off by default.
        scale = report_scale(self.district)
        self.appendix = QCheckBox("Every item, in an appendix")
        self.appendix.setChecked(scale.appendix)
        self.appendix.setToolTip(
            f"The plan has {scale.programs:,} programs: the report summarises them, and the "
            "appendix lists every item (long for a large plan)."
            if scale.summarised
            else "The report ends with a table of every goal, strategy, program and policy."
        )

        form = QFormLayout()
        form.addRow("Print", self.what)
        form.addRow("Goal", self.goal)
        form.addRow("Paper", self.paper)
        form.addRow("Orientation", self.orientation)
        form.addRow("Map pages", tiles)
        form.addRow("Report", self.appendix)
        form.addRow("", self.hint)
        # Names the PDF font cannot draw (Chinese, Japanese, Korean, emoji; Arabic unjoined)
        # are said before printing, not found later as empty boxes on the board's copy.
        problems = print_problems(self.district)
        self.font_note = QLabel()
        self.font_note.setWordWrap(True)
        self.font_note.setTextFormat(Qt.TextFormat.PlainText)
        self.font_note.setStyleSheet(f"color: {VERMILLION};")
        if problems:
            shown = "; ".join(problems[:FONT_NOTES])
            more = len(problems) - FONT_NOTES
            self.font_note.setText(
                f"{plural(len(problems), 'name')} will not print as written: {shown}"
                + (f"; and {more:,} more." if more > 0 else ".")
            )
            form.addRow("", self.font_note)
        else:
            self.font_note.hide()

        self.preview = PagePreview()
        self.status = QLabel("The preview starts by itself and follows your choices.")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.preview_button = QPushButton("Preview")
        self.save_button = QPushButton("Save PDF…")
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.hide()
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)
        for button in (self.preview_button, self.save_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        for combo in (self.what, self.goal, self.paper, self.orientation):
            combo.currentIndexChanged.connect(self._options_changed)
        for spin in (self.columns, self.rows):
            spin.valueChanged.connect(self._options_changed)
        self.fit.toggled.connect(self._options_changed)
        self.appendix.toggled.connect(self._options_changed)
        self.smallest.clicked.connect(self._use_smallest_grid)
        self.preview_button.clicked.connect(self.start_preview)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.job.cancel)
        self.close_button.clicked.connect(self.reject)
        self.resize(760, 640)

    # -- options -----------------------------------------------------------------------
    def options(self) -> PdfOptions:
        what = self.what.currentData()
        is_map = what in ("map", "goal")
        return PdfOptions(
            kind="map" if is_map else "report",
            paper=self.paper.currentData(),
            landscape=bool(self.orientation.currentData()),
            tile=(self.columns.value(), self.rows.value())
            if is_map and self.tile.isChecked()
            else None,
            goal=self.goal.currentData() if what == "goal" else None,
            appendix=None if is_map else self.appendix.isChecked(),
        )

    @Slot()
    def _options_changed(self) -> None:
        options = self.options()
        is_map = options.kind == "map"
        self.goal.setEnabled(self.what.currentData() == "goal")
        for widget in (self.fit, self.tile):
            widget.setEnabled(is_map)
        self.smallest.setEnabled(is_map and self.tile.isChecked())
        self.appendix.setEnabled(not is_map)
        for spin in (self.columns, self.rows):
            spin.setEnabled(is_map and self.tile.isChecked())
        self.hint.setText(self._readability(options) if is_map else "")
        # Save stays available while a preview builds (it takes the preview's place).
        self.save_button.setEnabled(self._saving_to is None and self._printable(options))
        if self.isVisible() and options != self._preview_of:
            typed = self.sender() in (self.columns, self.rows)
            self._auto.start(AUTO_PREVIEW_MS if typed else CHOICE_PREVIEW_MS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_of is None and not self.job.running:
            QTimer.singleShot(0, self._auto_preview)

    @Slot()
    def _auto_preview(self) -> None:
        if not self.isVisible() or self._saving_to is not None:
            return  # a save is building: it is not interrupted
        if self.job.running:  # an earlier preview, of options no longer chosen
            self._restart_preview = True
            self.job.cancel()
            return
        if self._printable(self.options()) and self._preview_of != self.options():
            self.start_preview()

    def _printable(self, options: PdfOptions) -> bool:
        if options.kind != "map":
            return True
        try:
            self._map_pages(options)
        except ExportError:
            return False
        return True

    def _map_pages(self, options: PdfOptions) -> tuple[int, float]:
        """(pages, smallest text in points) of the map as these options print it."""
        if options not in self._map_plans:
            self._map_plans[options] = plan_map(
                self.district, self.analysis, options.sheet, options.tile, options.goal
            )
        return self._map_plans[options]

    def _readability(self, options: PdfOptions) -> str:
        try:
            pages, smallest = self._map_pages(options)
        except ExportError as exc:
            return str(exc).replace("--tile ", "tile ").replace("--landscape", "landscape")
        if options.tile is None:
            cut = "" if pages == 1 else ", cut between goal lanes and rows"
            return f"{plural(pages, 'page')}{cut}; the smallest text prints at {smallest:.1f} pt."
        return f"{plural(pages, 'page')}; the smallest text prints at {smallest:.1f} pt."

    @Slot()
    def _use_smallest_grid(self) -> None:
        options = self.options()
        columns, rows = smallest_poster_grid(
            self.district, self.analysis, options.sheet, options.goal
        )
        self.tile.setChecked(True)
        self.columns.setValue(min(columns, MAX_TILES))
        self.rows.setValue(min(rows, MAX_TILES))

    # -- running -----------------------------------------------------------------------
    def _run(self, target: Path, options: PdfOptions, *, draft: bool = False) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(self._saving_to is None)
        self.status.setText("Starting…")
        self.job.start(self.district, self.analysis, target, options, draft=draft)

    @Slot()
    def start_preview(self) -> None:
        self._saving_to = None
        self._preview_of = None
        self._run(self._temp / "preview.pdf", self.options(), draft=True)

    @Slot()
    def save(self) -> None:
        options = self.options()
        kind = "map" if options.kind == "map" else "report"
        suggestion = self.default_dir / f"{file_stem(self.district.name)} {kind}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save PDF", str(suggestion), "PDF documents (*.pdf)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        preview = self._temp / "preview.pdf"
        if self._preview_of == options and preview.exists():

            def copy(temp: Path) -> None:
                shutil.copyfile(preview, temp)

            try:
                write_atomically(target, copy)
            except KnownError as exc:
                self.status.setText(exc.message)
                return
            self._saved(target)
            return
        self._saving_to = target
        if self.job.running:  # a preview is building: stop it, then build the PDF to save
            self._restart_preview = False
            self._save_after = options
            self.save_button.setEnabled(False)
            self.job.cancel()
            return
        self._run(target, options)

    @Slot(float, str)
    @Slot(int, object)
    def _drafted(self, pages: int, path: Path) -> None:
        """The report's pages with boxes where the charts go; the charts follow."""
        self.preview.show_pdf(path)
        self.status.setText(f"{pages} pages; drawing the charts…")

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.status.setText(message)

    @Slot(int, str)
    def _finished(self, pages: int, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.preview_button.setEnabled(True)
        if self._save_after is not None and self._saving_to is not None:
            # Save was pressed while a preview was building: now build the PDF to save.
            options, self._save_after = self._save_after, None
            self._run(self._saving_to, options)
            return
        saving_to = self._saving_to
        if pages < 0:
            self._saving_to = None  # Save can be pressed again
        self._options_changed()
        if pages < 0:
            self.status.setText(message)
            if self._restart_preview:
                self._restart_preview = False
                self._auto_preview()
            return
        if saving_to is not None:
            self._saved(saving_to)
            return
        self._preview_of = self.options()
        self.preview.show_pdf(self._temp / "preview.pdf")
        sheet = Sheet(self._preview_of.paper, self._preview_of.landscape)
        self.status.setText(f"{pages} pages on {sheet.label}. Save PDF… to keep it.")

    def _saved(self, target: Path) -> None:
        self.saved_path = target
        self.status.setText(f"Saved {target}")
        self.accept()

    def done(self, result: int) -> None:
        self.job.stop()
        shutil.rmtree(self._temp, ignore_errors=True)
        super().done(result)


def open_pdf_export_dialog(
    parent: QWidget | None, district: District, analysis: Analysis, *, default_dir: Path
) -> Path | None:
    """Show the dialog modally; the path of the saved PDF, or None if nothing was saved."""
    dialog = PdfExportDialog(district, analysis, default_dir=default_dir, parent=parent)
    try:
        dialog.exec()
        return dialog.saved_path
    finally:
        dialog.deleteLater()
