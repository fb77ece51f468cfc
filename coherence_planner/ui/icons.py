"""Icons from icons/, drawn in the palette's text colour so they suit light and dark themes.

The SVGs are drawn in `currentColor`; QtSvg does not know a current colour, so the text is
recoloured before rendering. Icons are cached per colour and cleared when the theme changes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
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


class _SvgIconEngine(QIconEngine):
    """Draws an icon's SVG at a size when that size is first asked for, and keeps it.

    Rendering every icon at every size and mode up front (12 pixmaps each, 250 in all, the
    app's icon at 256 px among them) was a tenth of start-up before the window's first paint
    (issue 29); a window shows each icon at one or two sizes, only once it paints.
    """

    def __init__(self, svgs: dict[QIcon.Mode, bytes], sizes: tuple[int, ...]) -> None:
        super().__init__()
        self._svgs = svgs  # Normal, and Disabled when it is drawn in its own colour
        self._sizes = sizes
        self._drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def _svg(self, mode: QIcon.Mode) -> bytes:
        return self._svgs.get(mode) or self._svgs[QIcon.Mode.Normal]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, round(scale * 100), mode if mode in self._svgs else QIcon.Mode.Normal)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = _render(self._svg(mode), side, scale)
        return drawn

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(side, side) for side in self._sizes]

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._svgs, self._sizes)

    def key(self) -> str:
        return "coherence-svg"


@cache
def _icon(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    source = assets.icon_svg(name)
    svgs = {
        mode: source.replace(b"currentColor", colour.encode())
        for colour, mode in ((normal, QIcon.Mode.Normal), (disabled, QIcon.Mode.Disabled))
    }
    return QIcon(_SvgIconEngine(svgs, SIZES))


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
    return QIcon(
        _SvgIconEngine({QIcon.Mode.Normal: assets.icon_svg("app")}, (16, 24, 32, 48, 64, 128, 256))
    )


def clear_cache() -> None:
    """Forget rendered icons (after the colour scheme changed)."""
    _icon.cache_clear()


def icon_size() -> QSize:
    return QSize(20, 20)
