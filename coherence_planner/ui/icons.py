"""Icons from icons/, drawn in the palette's text colour so they suit light and dark themes.

The SVGs are drawn in `currentColor`; QtSvg does not know a current colour, so the text is
recoloured before rendering. Icons are cached per colour and cleared when the theme changes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from coherence_planner import assets

SIZES = (16, 20, 24, 32, 48, 64)


def _render(svg: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(round(size * ratio), round(size * ratio), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    source = assets.icon_svg(name)
    icon = QIcon()
    for colour, mode in ((normal, QIcon.Mode.Normal), (disabled, QIcon.Mode.Disabled)):
        svg = source.replace(b"currentColor", colour.encode())
        for size in SIZES:
            icon.addPixmap(_render(svg, size, ratio), mode)
    return icon


def icon(name: str) -> QIcon:
    """The icon `name` (file name without .svg) in the current theme's colours."""
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if disabled == normal:
        disabled = QColor(normal)
        disabled.setAlphaF(0.4)
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return _icon(name, _svg_colour(normal), _svg_colour(disabled), ratio)


def _svg_colour(colour: QColor) -> str:
    # SVG wants #rrggbb (+ opacity); mixing the alpha into the colour keeps one attribute.
    if colour.alpha() == 255:
        return colour.name(QColor.NameFormat.HexRgb)
    return f"rgba({colour.red()},{colour.green()},{colour.blue()},{colour.alphaF():.2f})"


def app_icon() -> QIcon:
    """The application's icon, in its own colours."""
    icon = QIcon()
    svg = assets.icon_svg("app")
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_render(svg, size, 1.0))
    return icon


def clear_cache() -> None:
    """Forget rendered icons (after the colour scheme changed)."""
    _icon.cache_clear()


def icon_size() -> QSize:
    return QSize(20, 20)
