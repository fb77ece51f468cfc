"""Thumbnails of a PDF's pages, drawn with QtPdf so that the preview needs no poppler.

QtPdf (PySide6-Addons) renders the very file that will be saved, so what the person sees is
exactly what prints.

Every page is listed at once with a blank sheet of its shape; the pictures are drawn a slice
at a time between turns of the event loop, the pages in view first, so the first page shows
as soon as the PDF is read and the window answers while the rest fill in. Beyond the first
MAX_THUMBS pages only the pages scrolled into view are drawn (a 2,000-page appendix would
otherwise hold hundreds of megabytes of pictures nobody looks at).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

THUMB = 180  # pixels, the longer side
MAX_THUMBS = 40  # pages drawn without being scrolled to
SLICE_MS = 25  # the longest stretch of drawing between two turns of the event loop


def _blank(size: QSize) -> QPixmap:
    """A white sheet with a grey edge: a page whose picture is not drawn yet."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#C8C8C8"))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return pixmap


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
        self._document = QPdfDocument(self)
        # The PDF is read from memory, not from its file: the next preview replaces that
        # file, which an open handle would forbid on Windows.
        self._buffer: QBuffer | None = None
        self._sizes: list[QSize] = []
        self._drawn: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_some)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())

    def show_pdf(self, path: Path) -> int:
        """List the pages of `path` and start drawing them; returns how many it has."""
        self._timer.stop()
        self.clear()
        self._document.close()
        self._drawn = set()
        self._sizes = []
        self.page_count = 0
        try:
            data = path.read_bytes()
        except OSError:
            return 0
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        if self._document.status() != QPdfDocument.Status.Ready:
            return 0
        self.page_count = self._document.pageCount()
        for page in range(self.page_count):
            size = self._document.pagePointSize(page)
            scale = THUMB / max(size.width(), size.height(), 1)
            pixels = QSize(
                max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
            )
            self._sizes.append(pixels)
            item = QListWidgetItem(QIcon(_blank(pixels)), f"Page {page + 1}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self._draw_some()
        return self.page_count

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.page_count:
            self._timer.start()  # pages that came into view

    def rendered_count(self) -> int:
        """How many pages have their picture (the rest show a blank sheet for now)."""
        return len(self._drawn)

    def _wanted(self) -> list[int]:
        """The pages still to draw: those in view first, then the first MAX_THUMBS."""
        view = self.viewport().rect()
        shown = [
            row
            for row in range(self.count())
            if row not in self._drawn and self.visualItemRect(self.item(row)).intersects(view)
        ]
        ahead = [row for row in range(min(self.count(), MAX_THUMBS)) if row not in self._drawn]
        return shown + [row for row in ahead if row not in shown]

    def _draw_some(self) -> None:
        """Draw wanted pages for about SLICE_MS (at least one), then let the loop turn."""
        clock = QElapsedTimer()
        clock.start()
        wanted = self._wanted()
        while wanted:
            page = wanted.pop(0)
            image = self._document.render(page, self._sizes[page])
            self.item(page).setIcon(QIcon(QPixmap.fromImage(image)))
            self._drawn.add(page)
            if clock.elapsed() >= SLICE_MS:
                break
        if wanted:
            self._timer.start()
