"""Thumbnails of a PDF's pages, drawn with QtPdf so that the preview needs no poppler.

QtPdf (PySide6-Addons) renders the very file that will be saved, so what the person sees is
exactly what prints.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

THUMB = 180  # pixels, the longer side
MAX_THUMBS = 40  # a 400-page report previews its first pages; the count says the rest


class PagePreview(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setSpacing(8)
        self.setMinimumSize(420, 300)
        self.page_count = 0

    def show_pdf(self, path: Path) -> int:
        """Show the pages of `path`; returns how many the PDF has."""
        self.clear()
        document = QPdfDocument(self)
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.page_count = 0
            return 0
        self.page_count = document.pageCount()
        for page in range(min(self.page_count, MAX_THUMBS)):
            size = document.pagePointSize(page)
            scale = THUMB / max(size.width(), size.height())
            pixels = QSize(
                max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
            )
            image = document.render(page, pixels)
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), f"Page {page + 1}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        document.close()
        document.deleteLater()
        return self.page_count
