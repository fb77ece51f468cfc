"""Follow the system's light or dark scheme.

Where the platform gives Qt a dark palette (Windows 11, macOS, GNOME and KDE through their
portals) Fusion uses it as is. Where the platform reports a dark scheme but hands over a
light palette (some Linux desktops), this module supplies a dark Fusion palette. Icons are
redrawn in the new text colour either way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from coherence_planner.ui.icons import clear_cache


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3a3d41",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#34373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ee",
        QPalette.ColorRole.Highlight: "#2f7fc1",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8d91",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d81"))
    return palette


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Use a palette that matches `scheme` (Unknown leaves the platform's choice alone)."""
    style = app.style()
    if scheme == Qt.ColorScheme.Dark and not _is_dark(app.palette()):
        app.setPalette(dark_palette())
    elif scheme == Qt.ColorScheme.Light and _is_dark(app.palette()):
        app.setPalette(style.standardPalette())
    clear_cache()


def follow_system(app: QApplication, on_change: Callable[[], None]) -> None:
    """Apply the system scheme now and whenever it changes; `on_change` redraws icons."""
    hints = QGuiApplication.styleHints()

    def changed(scheme: Qt.ColorScheme) -> None:
        apply(app, scheme)
        on_change()

    hints.colorSchemeChanged.connect(changed)
    apply(app, hints.colorScheme())
