"""Audit case 8 (issue 18): names reached Qt as rich text (the item browser's tooltips and
header, the theme matrix, the indicators' status label; `<font color=...>` from a name was
parsed). Every name here is HTML; every view is shown in turn, and no label, cell or tooltip
may hand a name to Qt's rich-text engine unescaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from coherence_planner.domain.model import codec
from coherence_planner.storage.document import Document
from tests.gui.conftest import sample_district

PAYLOAD = "<font color=red>Hostile</font><img src=x>"


def hostile_plan(tmp_path: Path) -> Path:
    district = sample_district()
    data = codec.district_to_dict(district)
    data["district"]["name"] = PAYLOAD + " district"
    for section in ("goals", "strategies", "programs", "policies"):
        for item in data[section]:
            item["name"] = f"{PAYLOAD} {item['id']}"
            for indicator in item.get("indicators", []):
                indicator["name"] = f"{PAYLOAD} indicator"
    path = tmp_path / "hostile.coherence"
    Document.create(path, codec.district_from_dict(data)).close()
    return path


def rendered_as_html(text: str, rich: bool) -> bool:
    """True when Qt would parse the payload's tags (shown as markup, not as typed)."""
    return "<font color=red>" in text and (rich or GuiQt.mightBeRichText(text))


def label_problems(window: Any) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        fmt = label.textFormat()
        if fmt == Qt.TextFormat.PlainText:
            continue
        if rendered_as_html(label.text(), fmt == Qt.TextFormat.RichText):
            found.append(f"label {label.objectName() or label.text()[:60]!r}")
        if rendered_as_html(label.toolTip(), False):
            found.append(f"tooltip of label {label.text()[:40]!r}")
    return found


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model keeps columnCount private: one column
        return 1


def _indexes(model: QAbstractItemModel, parent: QModelIndex, budget: list[int]) -> list[Any]:
    out = []
    for row in range(min(model.rowCount(parent), 60)):
        for column in range(_columns(model, parent)):
            if budget[0] <= 0:
                return out
            budget[0] -= 1
            index = model.index(row, column, parent)
            out.append(index)
            if column == 0 and model.rowCount(index) > 0:
                out += _indexes(model, index, budget)
    return out


def model_problems(window: Any) -> list[str]:
    found = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for index in _indexes(model, QModelIndex(), [3000]):
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and rendered_as_html(tip, False):
                found.append(f"{type(view).__name__} cell tooltip {tip[:60]!r}")
        for column in range(_columns(model, QModelIndex())):
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and rendered_as_html(tip, False):
                found.append(f"{type(view).__name__} header tooltip {tip[:60]!r}")
    return found


def test_hostile_names_are_shown_as_typed_in_every_view(
    window: Any, tmp_path: Path, qtbot: Any
) -> None:
    window.documents.open_plan(hostile_plan(tmp_path))
    district = window.session.district
    goal = next(i for i in district.items.values() if i.kind == "goal" and i.indicators)
    window.session.select([goal.id])
    problems: list[str] = []
    for view in window.views.views.values():  # every part of every view
        for title, part in view.parts.items():
            window.show_view(part)
            for _ in range(3):
                QApplication.processEvents()
            qtbot.wait(50)
            where = f"{view.title} › {title}"
            problems += [f"{where}: {p}" for p in label_problems(window)]
            problems += [f"{where}: {p}" for p in model_problems(window)]
    assert sorted(set(problems)) == []
