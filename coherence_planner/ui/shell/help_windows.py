"""Help's windows: a short illustrated guide to the cabinet's workflow (from the district's spreadsheet
to a printed map and decided plan) and a sheet of every keyboard shortcut.

The shortcut sheet is read from the menus themselves, so it can never advertise a key the
window does not have. Both windows are non-modal: a person can keep them open beside the
plan while trying the steps. Made when first asked for (help.py): the start page shows
neither, and their widget classes cost the first paint (issue 29).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coherence_planner import assets
from coherence_planner.ui.shell.menus import shortcuts

# (picture, heading, what to do): the steps a cabinet takes, in order.
GUIDE_STEPS = (
    (
        "guide-import.png",
        "1. Bring in the district's spreadsheet",
        "<b>File › Import Spreadsheet…</b> (Ctrl+Shift+I) reads the program inventory "
        "(.xlsx or .csv). Check how its columns were matched, read the preview of what will "
        "be created, and press <b>Import</b>. Nothing changes before that, and one Undo "
        "takes the whole import back.",
    ),
    (
        "guide-findings.png",
        "2. Read what does not fit",
        "The <b>Findings</b> view (Alt+3) lists orphans, competing programs, conflicts, "
        "goals nothing works toward, and money outside the goals. Select a finding to read "
        "why, in words to say aloud; its items are selected in the <b>Items</b> list "
        "(Alt+0) and the <b>Inspector</b> (Alt+6) shows and edits them.",
    ),
    (
        "guide-map.png",
        "3. See the plan on one map",
        "The <b>Map</b> view (Alt+2) draws every strategy, program and policy under the "
        "goals it serves; lines that are missing are the conversation. Its other parts "
        "are the alignment matrix and the themes (Ctrl+PgDown moves to the next part).",
    ),
    (
        "guide-print.png",
        "4. Print the map and the report",
        "<b>File › Print / Export PDF…</b> (Ctrl+P) makes the board's report and a wall "
        "poster of the map, with a preview of every page.",
    ),
    (
        "guide-retreat.png",
        "5. Decide at the retreat",
        "The <b>Retreat</b> view (Alt+4) holds the decisions, scenarios, the cabinet's "
        "ratings and the load on schools. <b>Retreat › Present</b> (F5) shows the plan "
        "full screen on the projector. Each decision (keep, modify, sunset, remove) is "
        "logged with who decided and why, and shows what it frees.",
    ),
    (
        "",
        "6. Follow up",
        "The <b>Progress</b> view (Alt+5) keeps the indicators against their targets and "
        "snapshots of the plan: take one before the retreat, compare it after. The "
        "<b>Plan</b> view (Alt+1) shows the plan at a glance.",
    ),
)


def guide_html() -> str:
    parts = [
        "<h2>How a cabinet uses Coherence Planner</h2>",
        "<p>From the district's spreadsheet to a printed map and a decided plan. Every "
        "change is saved as you make it; Undo (Ctrl+Z) takes any step back.</p>",
    ]
    for picture, heading, text in GUIDE_STEPS:
        parts.append(f"<h3>{heading}</h3><p>{text}</p>")
        if picture:
            parts.append(f'<p><img src="guide:{picture}" width="560"></p>')
    parts.append(
        "<p>Help › Keyboard Shortcuts (Ctrl+/) lists every shortcut. Help › Open the "
        "Sample District opens a complete example to try all of this on.</p>"
    )
    return "".join(parts)


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guide — Coherence Planner")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenExternalLinks(False)
        document = self.browser.document()
        for picture, _heading, _text in GUIDE_STEPS:
            if picture:
                image = QImage.fromData(assets.guide_image(picture))
                document.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(f"guide:{picture}"), image
                )
        self.browser.setHtml(guide_html())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(660, 620)


class ShortcutsWindow(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts — Coherence Planner")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Alt+0 to Alt+6 go left to right across the window: the Items list, the five "
            "views (Plan, Map, Findings, Retreat, Progress), the Inspector. Ctrl+PgDown and "
            "Ctrl+PgUp move between the parts of a view."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = shortcuts(window.menuBar())
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Command", "Menu"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate((row.keys, row.text.rstrip("…"), row.menu)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(620, 560)


def present(dialog: QDialog) -> None:
    """Show `dialog` in front, restored if it was minimised."""
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.setWindowState(dialog.windowState() & ~Qt.WindowState.WindowMinimized)
