"""The map as a PNG (the scene rendered at twice its size on white) and the command line's
PNG exporter, which works without a display. SVG goes through `reports.map.svg.write_svg`:
one SVG writer for the app and the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem

from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.ui.map.scene import MapScene

PNG_SCALE = 2.0  # pixels per point: sharp on a projector and in a slide deck


def render_image(scene: MapScene, scale: float = PNG_SCALE) -> QImage:
    """The whole scene (title, map, legend) on white, without selection outlines."""
    source = scene.sceneRect()
    width, height = math.ceil(source.width() * scale), math.ceil(source.height() * scale)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(style.BACKGROUND))
    chosen: list[QGraphicsItem] = scene.selectedItems()
    blocked = scene.blockSignals(True)
    scene.clearSelection()
    legend_shown = scene.legend is not None and scene.legend.isVisible()
    if scene.legend is not None:
        scene.legend.setVisible(True)  # the view may pin it in its corner instead
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    with scene.detailed():  # every link drawn on its own, at the image's size
        scene.render(
            painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio
        )
    painter.end()
    if scene.legend is not None:
        scene.legend.setVisible(legend_shown)
    for item in chosen:
        item.setSelected(True)
    scene.blockSignals(blocked)
    return image


def write_png(path: Path | str, scene: MapScene, scale: float = PNG_SCALE) -> None:
    """Write the rendered map atomically: a failed export leaves the old file as it was."""
    image = render_image(scene, scale)

    # Encoded in memory, written by Python: a full disk is then ENOSPC (DiskFull, one
    # clear sentence), where QImage.save only said False.
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not encode the map as a PNG image for {path}")
    buffer.close()
    png = bytes(data.data())

    def build(temp: Path) -> None:
        temp.write_bytes(png)

    write_atomically(Path(path), build)


_app: QApplication | None = None  # kept alive for the command line's lifetime


def ensure_application() -> None:
    """A QApplication for drawing; on a Linux machine without a display, the offscreen one."""
    global _app
    if QApplication.instance() is not None:
        return
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication(sys.argv[:1])


def export_png(district: District, out: Path, args: argparse.Namespace) -> None:
    """`coherence-planner export FILE OUT.png [--goal G1]`: the map, focused on request."""
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.layout.pipeline import layout_map

    ensure_application()
    analysis = analyse(district)
    layout = layout_map(
        district, analysis, goal_focus=getattr(args, "goal", None), today=dt.date.today()
    )
    scene = MapScene()
    scene.build(district, analysis, layout)
    write_png(out, scene)
