"""The filter boxes the item browser and the map share: one look, one way to refill them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

from coherence_planner.ui.browse.model import ANY


def filter_combo(name: str, everything: str, tooltip: str) -> QComboBox:
    """A box whose first entry ("All kinds", "Any school"...) means no filter.

    Long school and theme names must not set the window's minimum width (1366x768
    laptops): the box shows about eight characters, its popup the whole names.
    """
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tooltip)
    combo.addItem(everything, ANY)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def set_choices(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
    """Replace the entries after the first ("any") one, keeping the current choice if it is
    still there; quiet (no signals) and a no-op when nothing changed."""
    current = combo.currentData()
    wanted = [(combo.itemText(0), combo.itemData(0)), *entries]
    present = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    if present == wanted:
        return
    combo.blockSignals(True)
    combo.clear()
    for text, data in wanted:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
