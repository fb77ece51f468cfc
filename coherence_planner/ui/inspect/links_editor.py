"""The inspector's links section: what an item supports, what supports it, what it conflicts
with; add and remove links and set their strength and rationale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import AddLink, RemoveLink, SetLinkFields
from coherence_planner.domain.model.items import Link, LinkKey
from coherence_planner.ui.errors import USER_ERRORS
from coherence_planner.ui.icons import icon
from coherence_planner.ui.inspect.link_picker import LinkPicker
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.wrapping_rows import wrap_rows

KEY_ROLE = Qt.ItemDataRole.UserRole + 20


class LinksEditor(QWidget):
    """Links of the item the inspector shows. `pick` opens the picker (tests replace it)."""

    def __init__(
        self,
        session: DocumentSession,
        report: Callable[[Exception], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._report = report
        self.item_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Link", "Strength"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Links of this item")
        # "Supported by <a whole item's name>" is longer than the Inspector is wide: each
        # link wraps to the lines it needs rather than hiding the name a person decides by.
        wrap_rows(self.tree)
        self.tree.setMinimumHeight(120)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        layout.addWidget(self.tree)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("link"), "Add link…")
        self.add_button.setToolTip("Link this item to a goal, strategy or program it supports")
        self.conflict_button = QPushButton(icon("conflict"), "Add conflict…")
        self.conflict_button.setToolTip("Mark an item that works against this one")
        self.remove_button = QPushButton(icon("delete"), "Remove link")
        self.remove_button.setToolTip("Remove the selected link")
        for button in (self.add_button, self.conflict_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)

        form = QFormLayout()
        self.strength = QComboBox()
        self.strength.setAccessibleName("Link strength")
        for value in vocab.STRENGTHS:
            self.strength.addItem(value.capitalize(), value)
        self.rationale = QLineEdit()
        self.rationale.setAccessibleName("Link rationale")
        self.rationale.setPlaceholderText("Why these two are linked")
        form.addRow("Strength", self.strength)
        form.addRow("Rationale", self.rationale)
        layout.addLayout(form)

        self.add_button.clicked.connect(lambda: self.add_link("supports"))
        self.conflict_button.clicked.connect(lambda: self.add_link("conflicts"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.tree.currentItemChanged.connect(lambda *_: self._show_link())
        self.strength.activated.connect(
            lambda _row: self._set_link("strength", self.strength.currentData())
        )
        self.rationale.editingFinished.connect(self._rationale_done)

    # -- showing -----------------------------------------------------------------------
    def show_item(self, item_id: str | None) -> None:
        keep = self.current_key() if item_id == self.item_id else None
        self.item_id = item_id
        self.tree.clear()
        if (
            item_id is None
            or not self.session.is_open
            or item_id not in self.session.district.items
        ):
            self._show_link()
            return
        district = self.session.district
        for link in district.links_of(item_id):
            other = district.items[link.other(item_id)]
            name = f"{other.label} ({vocab.KIND_LABELS[other.kind].lower()})"
            if link.kind == "conflicts":
                text = f"Conflicts with {name}"
            elif link.src == item_id:
                text = f"Supports {name}"
            else:
                text = f"Supported by {name}"
            row = QTreeWidgetItem([text, link.strength])
            row.setData(0, KEY_ROLE, link.key)
            row.setToolTip(0, link.rationale or text)
            self.tree.addTopLevelItem(row)
            if link.key == keep:
                self.tree.setCurrentItem(row)
        self._show_link()

    def current_key(self) -> LinkKey | None:
        row = self.tree.currentItem()
        return row.data(0, KEY_ROLE) if row else None

    def _current_link(self) -> Link | None:
        key = self.current_key()
        if key is None or not self.session.is_open:
            return None
        return self.session.district.links.get(key)

    def _show_link(self) -> None:
        link = self._current_link()
        for widget in (self.strength, self.rationale, self.remove_button):
            widget.setEnabled(link is not None)
        for button in (self.add_button, self.conflict_button):
            button.setEnabled(self.item_id is not None)
        self.strength.setCurrentIndex(vocab.STRENGTHS.index(link.strength) if link else 1)
        self.rationale.setText(link.rationale if link else "")

    # -- editing -----------------------------------------------------------------------
    def pick(self, kind: str) -> Link | None:
        """Ask for the other end of a new link (a modal picker)."""
        assert self.item_id is not None
        dialog = LinkPicker(self.session.district, self.item_id, kind, self.window())
        return dialog.link() if dialog.exec() == LinkPicker.DialogCode.Accepted else None

    def add_link(self, kind: str) -> None:
        if self.item_id is None:
            return
        link = self.pick(kind)
        if link is None:
            return
        try:
            self.session.push(AddLink(self.session.district, link))
        except USER_ERRORS as exc:  # say so in one sentence; nothing changed
            self._report(exc)

    def remove_selected(self) -> None:
        key = self.current_key()
        if key is None:
            return
        try:
            self.session.push(RemoveLink(self.session.district, key))
        except USER_ERRORS as exc:
            self._report(exc)

    def _rationale_done(self) -> None:
        link = self._current_link()
        if link is not None and self.rationale.text() != link.rationale:
            self._set_link("rationale", self.rationale.text())

    def _set_link(self, name: str, value: str) -> None:
        key = self.current_key()
        link = self._current_link()
        if key is None or link is None or getattr(link, name) == value:
            return
        try:
            self.session.push(SetLinkFields(self.session.district, key, {name: value}))
        except USER_ERRORS as exc:
            self._report(exc)
