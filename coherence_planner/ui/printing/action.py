"""File > Print / Export PDF…: the menu entry that opens the PDF export dialog on the open plan.

The dialog itself (options, preview, progress, atomic save) lives in dialog.py; this module
makes the action (the main window puts it in the File menu), keeps it enabled while a plan is
open, starts the save dialog in the plan's own folder, and says in the status bar where the
PDF went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from coherence_planner.ui.icons import icon
from coherence_planner.ui.session import DocumentSession

TIP = "Print the cabinet's report or the coherence map to a PDF, with a preview"


class PdfExportAction(QObject):
    def __init__(self, session: DocumentSession, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        action = self.action = QAction("&Print / Export PDF…", window)
        action.setIcon(icon("export-pdf"))
        action.setProperty("icon_name", "export-pdf")
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        action.setToolTip(TIP)
        action.setStatusTip(TIP)
        action.triggered.connect(lambda _checked=False: self.export())
        window.addAction(action)
        self.session.document_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.action.setEnabled(self.session.is_open)

    def export(self) -> Path | None:
        """Open the dialog on the plan as it is now; the saved PDF's path, or None."""
        document = self.session.document
        if document is None:
            return None
        analysis = self.session.analysis
        if analysis is None or self.session.analysis_pending:
            from coherence_planner.domain.analysis.coherence import analyse

            analysis = analyse(self.session.district)
        # The dialog brings reportlab and matplotlib: loaded on first use, not at start-up.
        from coherence_planner.ui.printing.dialog import open_pdf_export_dialog

        saved = open_pdf_export_dialog(
            self.window, self.session.district, analysis, default_dir=Path(document.path).parent
        )
        if saved is not None:
            self.window.statusBar().showMessage(f"Saved the PDF to {saved}", 15000)
        return saved
