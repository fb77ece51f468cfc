"""Choose the other end of a new link, without the map: a searchable list of items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Link, link_key


class LinkPicker(QDialog):
    """Pick an item to link `item_id` with; `link()` is the result after accept().

    kind 'supports': the item supports the chosen one ("outgoing"), or the chosen one
    supports the item ("incoming"); a goal can only be supported. kind 'conflicts': either.
    """

    def __init__(
        self, district: District, item_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.district = district
        self.item = district.get(item_id)
        self.kind = kind
        self.setWindowTitle("Link to…" if kind == "supports" else "Mark a conflict with…")
        self.setMinimumSize(440, 480)
        layout = QVBoxLayout(self)

        self.outgoing = QRadioButton(f"“{self.item.label}” supports the chosen item")
        self.incoming = QRadioButton(f"The chosen item supports “{self.item.label}”")
        self._direction = QButtonGroup(self)
        for button in (self.outgoing, self.incoming):
            self._direction.addButton(button)
        if kind == "supports":
            if self.item.kind == "goal":
                self.incoming.setChecked(True)
                self.outgoing.setEnabled(False)
            else:
                self.outgoing.setChecked(True)
            layout.addWidget(self.outgoing)
            layout.addWidget(self.incoming)
            self._direction.buttonToggled.connect(lambda *_: self._fill())
        else:
            layout.addWidget(QLabel(f"Items that work against “{self.item.label}”:"))

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search items by name or id")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search items")
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName("Items")
        layout.addWidget(self.list, 1)

        form = QFormLayout()
        self.strength = QComboBox()
        for value in vocab.STRENGTHS:
            self.strength.addItem(value.capitalize(), value)
        self.strength.setCurrentIndex(vocab.STRENGTHS.index(vocab.DEFAULT_STRENGTH))
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText("Why (optional)")
        form.addRow("Strength", self.strength)
        form.addRow("Rationale", self.rationale)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(lambda _text: self._fill())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._update_ok())
        self._fill()
        self.search.setFocus()

    def _allowed(self, other_id: str) -> bool:
        other = self.district.items[other_id]
        if other_id == self.item.id:
            return False
        if self.kind == "conflicts" or self.outgoing.isChecked():
            src, dst = self.item.id, other_id
        else:
            src, dst = other_id, self.item.id
            if other.kind == "goal":
                return False
        return link_key(self.kind, src, dst) not in self.district.links

    def _fill(self) -> None:
        needle = self.search.text().casefold().split()
        self.list.clear()
        for kind in vocab.ITEM_KINDS:
            for item in self.district.items_of(kind):
                text = f"{item.label}  ·  {vocab.KIND_LABELS[kind]} {item.id}"
                if needle and not all(word in text.casefold() for word in needle):
                    continue
                if not self._allowed(item.id):
                    continue
                row = QListWidgetItem(text)
                row.setData(Qt.ItemDataRole.UserRole, item.id)
                self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.list.currentItem() is not None
        )

    def chosen_id(self) -> str | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row else None

    def choose(self, item_id: str) -> None:
        """Make `item_id` the current choice (the search may need clearing first)."""
        for number in range(self.list.count()):
            if self.list.item(number).data(Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentRow(number)
                return
        raise KeyError(item_id)

    def link(self) -> Link | None:
        other = self.chosen_id()
        if other is None:
            return None
        if self.kind == "supports" and self.incoming.isChecked():
            src, dst = other, self.item.id
        else:
            src, dst = self.item.id, other
        return Link(src, dst, self.kind, self.strength.currentData(), self.rationale.text().strip())
