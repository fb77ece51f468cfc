"""The Map tab's two rows of tools, each a row that wraps so that every tool stays on screen
at 1280x720: the tool bar (fit, zoom, Link/Conflict mode, goal focus, find, refresh,
export, legend, side panels) and the filter bar (kind, finding, school, grade band, theme,
hide the rest, and the map's status line).

The bars make the widgets and actions; the Map panel connects them to what they do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.ui.browse.filter_combos import filter_combo
from coherence_planner.ui.browse.model import ANY
from coherence_planner.ui.flags import FLAG_LABELS, FLAG_ORDER
from coherence_planner.ui.icons import icon
from coherence_planner.ui.map.filtering import MapFilters
from coherence_planner.ui.map.flow import FlowLayout
from coherence_planner.ui.map.view import MapView

WHOLE_MAP = ""  # the Focus box's choice that focuses on no goal


def _pair(first: QWidget, second: QWidget) -> QWidget:
    """Two widgets that wrap together (a label and its box)."""
    both = QWidget()
    row = QHBoxLayout(both)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(first)
    row.addWidget(second)
    return both


def _combo(name: str, everything: str) -> QComboBox:
    return filter_combo(name, everything, f"Map: dim the cards without this {name.lower()}")


def map_action(
    owner: QWidget,
    text: str,
    icon_name: str | None,
    keys: list[str],
    slot: Callable[[], object] | None = None,
) -> QAction:
    """An action of `owner` whose shortcuts work while the focus is anywhere in it."""
    action = QAction(text, owner)
    if icon_name:
        action.setIcon(icon(icon_name))
        action.setProperty("icon_name", icon_name)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({keys[0]})")
    if slot is not None:
        action.triggered.connect(lambda _c=False: slot())
    owner.addAction(action)
    return action


def _tool(action: QAction, text_too: bool = True) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setAutoRaise(True)
    button.setToolButtonStyle(
        Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if text_too
        else Qt.ToolButtonStyle.ToolButtonIconOnly
    )
    button.setAccessibleName(action.text())
    return button


class MapToolbar(QWidget):
    """The map's tools; their actions belong to `owner` (the Map panel), so that their
    shortcuts work wherever the focus is in the panel."""

    def __init__(self, owner: QWidget, view: MapView) -> None:
        super().__init__()
        self.setAccessibleName("Map tools")
        self.fit_action = map_action(owner, "Fit", "fit", ["Ctrl+0", "F"], view.fit)
        self.fit_width_action = map_action(owner, "Fit Width", "fit", ["W"], view.fit_width)
        self.fit_width_action.setToolTip("Fill the width with the map; scroll for the rest (W)")
        self.zoom_in_action = map_action(
            owner, "Zoom In", "zoom-in", ["Ctrl++", "Ctrl+="], view.zoom_in
        )
        self.zoom_out_action = map_action(owner, "Zoom Out", "zoom-out", ["Ctrl+-"], view.zoom_out)
        flow = FlowLayout(self)
        flow.addWidget(_tool(self.fit_action))
        flow.addWidget(_tool(self.fit_width_action))
        flow.addWidget(_tool(self.zoom_out_action, text_too=False))
        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(40)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        flow.addWidget(self.zoom_label)
        flow.addWidget(_tool(self.zoom_in_action, text_too=False))
        self.link_mode = map_action(owner, "Link", "link", [], lambda: _set_mode(view, False))
        self.link_mode.setToolTip("Drag from a card to what it supports")
        self.conflict_mode = map_action(
            owner, "Conflict", "conflict", [], lambda: _set_mode(view, True)
        )
        self.conflict_mode.setToolTip(
            "Drag between two cards that work against each other (or Alt-drag)"
        )
        group = QActionGroup(owner)
        for action in (self.link_mode, self.conflict_mode):
            action.setCheckable(True)
            group.addAction(action)
            flow.addWidget(_tool(action))
        self.link_mode.setChecked(True)
        focus_label = QLabel("Focus:")
        self.focus = QComboBox()
        self.focus.setAccessibleName("Focus on a goal")
        self.focus.setToolTip("Highlight everything that reaches one goal; dim the rest")
        self.focus.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.focus.setMinimumContentsLength(18)
        self.focus.addItem("Whole map", WHOLE_MAP)
        focus_label.setBuddy(self.focus)
        flow.addWidget(_pair(focus_label, self.focus))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find on map")
        self.search.setAccessibleName("Find on map")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setFixedWidth(200)
        flow.addWidget(self.search)
        # Its tooltip, with the size above which it is needed, is the panel's to write.
        self.refresh_action = map_action(owner, "Refresh Map", None, ["Ctrl+R"])
        self.refresh_action.setEnabled(False)
        self.refresh_button = _tool(self.refresh_action)
        self.refresh_button.setVisible(False)  # shown only when a large plan is stale
        flow.addWidget(self.refresh_button)
        self.export_action = map_action(owner, "Export…", "export", [])
        self.export_action.setToolTip("Save the map as a PNG image or an SVG drawing")
        flow.addWidget(_tool(self.export_action))
        self.legend_action = map_action(owner, "Legend", None, [])
        self.legend_action.setCheckable(True)
        self.legend_action.setToolTip("Show or fold away what the colours, borders and lines mean")
        flow.addWidget(_tool(self.legend_action))
        self.panels_action = map_action(owner, "Side Panels", None, [])
        self.panels_action.setToolTip(
            "Show the Items and Inspector panels beside the map (they step aside "
            "while the map is shown, to give it the window)"
        )
        flow.addWidget(_tool(self.panels_action))

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")


def _set_mode(view: MapView, conflict: bool) -> None:
    view.conflict_mode = conflict


class MapFilterBar(QWidget):
    """Filters that dim (or hide) the cards they leave out, and the map's status line."""

    changed = Signal()  # a filter or "Hide the rest" changed

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Map filters")
        # Rows that wrap, not a tool bar: a tool bar's overflow menu hid these filters.
        flow = FlowLayout(self)
        funnel = QLabel()
        funnel.setPixmap(icon("filter").pixmap(16, 16))
        flow.addWidget(_pair(funnel, QLabel("Filter:")))
        self.kind = _combo("Kind", "All kinds")
        for kind in vocab.ITEM_KINDS:
            self.kind.addItem(vocab.KIND_PLURALS[kind], kind)
        self.flag = _combo("Finding", "Any finding")
        for flag in FLAG_ORDER:
            self.flag.addItem(FLAG_LABELS[flag], flag)
        self.school = _combo("School", "Any school")
        self.grade_band = _combo("Grade band", "Any grades")
        for label, _tokens in vocab.GRADE_BANDS:
            self.grade_band.addItem(label, label)
        self.theme = _combo("Theme", "Any theme")
        self.filter_combos = (self.kind, self.flag, self.school, self.grade_band, self.theme)
        for combo in self.filter_combos:
            flow.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.hide_others = QCheckBox("Hide the rest")
        self.hide_others.setToolTip("Hide the cards the filters leave out instead of dimming them")
        self.hide_others.toggled.connect(lambda _on: self.changed.emit())
        flow.addWidget(self.hide_others)
        self.status = QLabel()
        self.status.setAccessibleName("Map status")
        self.status.setMinimumWidth(260)
        self.status.setMaximumWidth(520)
        flow.addWidget(self.status)

    def filters(self) -> MapFilters:
        return MapFilters(
            kind=self.kind.currentData() or ANY,
            flag=self.flag.currentData() or ANY,
            school=self.school.currentData() or ANY,
            grade_band=self.grade_band.currentData() or ANY,
            theme=self.theme.currentData() or ANY,
        )
