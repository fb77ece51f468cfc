"""Editing on the map: linking two cards as the user dragged (with a sentence for each link
the rules refuse), the strip that edits the one selected link's strength and rationale, and
deleting the selected links or, after asking, the selected items.

Every edit goes through the session as a domain command (AddLink, SetLinkFields, RemoveLink,
RemoveItems), so it is undoable and every other view follows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import (
    AddLink,
    Batch,
    Command,
    RemoveItems,
    RemoveLink,
    SetLinkFields,
)
from coherence_planner.domain.model.items import Link, link_key
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.icons import icon
from coherence_planner.ui.map.view import MapView
from coherence_planner.ui.session import DocumentSession


class EdgeStrip(QFrame):
    """Strength, rationale and Delete for the one selected link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.strength = QComboBox()
        self.strength.setAccessibleName("Link strength")
        for strength in vocab.STRENGTHS:
            self.strength.addItem(strength.capitalize(), strength)
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText("Why (rationale)")
        self.rationale.setAccessibleName("Link rationale")
        self.delete = QPushButton(icon("delete"), "Delete link")
        row.addWidget(self.label, 2)
        row.addWidget(QLabel("Strength:"))
        row.addWidget(self.strength)
        row.addWidget(self.rationale, 3)
        row.addWidget(self.delete)
        self.key: tuple[str, str, str] | None = None


class MapEditor(QObject):
    """Turns the map's gestures into commands on `session`; `say` puts a sentence in the
    map's status line; `parent` is the Map panel (the parent of its questions)."""

    def __init__(
        self,
        session: DocumentSession,
        view: MapView,
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self._say = say
        self._panel = parent
        self.strip = EdgeStrip()
        self.strip.hide()
        self.strip.strength.activated.connect(lambda _i: self._set_strength())
        self.strip.rationale.editingFinished.connect(self._set_rationale)
        self.strip.delete.clicked.connect(self.delete_selected)

    def add_link(self, src: str, dst: str, kind: str) -> bool:
        """Link two items as the user dragged; a link the rules refuse is explained."""
        if not self.session.is_open:
            return False
        district = self.session.district
        if not dst:
            self._say("Drop the line on another card to link them.")
            return False
        if src == dst:
            self._say("An item cannot be linked to itself.")
            return False
        if src not in district.items or dst not in district.items:
            self._say("That item is no longer in the plan.")
            return False
        if kind == "supports" and district.items[src].kind == "goal":
            self._say(
                "A goal cannot support another item: drag from the program, policy or "
                "strategy to the goal it serves."
            )
            return False
        if link_key(kind, src, dst) in district.links:
            what = "linked" if kind == "supports" else "marked as conflicting"
            self._say(
                f"{district.items[src].label} and {district.items[dst].label} are already {what}."
            )
            return False
        try:
            self.session.push(AddLink(district, Link(src, dst, kind)))
        except USER_ERRORS as exc:
            self._say(explain(exc))
            return False
        verb = "now supports" if kind == "supports" else "now conflicts with"
        self._say(f"{district.items[src].label} {verb} {district.items[dst].label}.")
        return True

    def update_edge_strip(self) -> None:
        edges = self.view.selected_edges()
        strip = self.strip
        if len(edges) != 1 or self.view.selected_cards() or not self.session.is_open:
            strip.hide()
            strip.key = None
            return
        key = edges[0].key
        link = self.session.district.links.get(key)
        if link is None:
            strip.hide()
            return
        items = self.session.district.items
        joiner = " supports " if link.kind == "supports" else " conflicts with "
        strip.key = key
        strip.label.setText(items[link.src].label + joiner + items[link.dst].label)
        strip.strength.setCurrentIndex(max(0, strip.strength.findData(link.strength)))
        strip.strength.setEnabled(link.kind == "supports")
        strip.rationale.setText(link.rationale)
        strip.show()

    def _push(self, command: Command) -> bool:
        try:
            self.session.push(command)
        except USER_ERRORS as exc:
            self._say(explain(exc))
            return False
        return True

    def _set_strength(self) -> None:
        key = self.strip.key
        if key is None or key not in self.session.district.links:
            return
        value = self.strip.strength.currentData()
        if self.session.district.links[key].strength != value:
            self._push(SetLinkFields(self.session.district, key, {"strength": value}))

    def _set_rationale(self) -> None:
        key = self.strip.key
        if key is None or key not in self.session.district.links:
            return
        text = self.strip.rationale.text().strip()
        if self.session.district.links[key].rationale != text:
            self._push(SetLinkFields(self.session.district, key, {"rationale": text}))

    def delete_selected(self) -> None:
        """Delete the selected links; or, after asking, the selected items and their links."""
        if not self.session.is_open:
            return
        district = self.session.district
        keys = [e.key for e in self.view.selected_edges() if e.key in district.links]
        if keys and not self.view.selected_cards():
            commands: list[Command] = [RemoveLink(district, k) for k in keys]
            self._push(commands[0] if len(commands) == 1 else Batch("Remove links", commands))
            return
        ids = [c.item_id for c in self.view.selected_cards() if c.item_id in district.items]
        if not ids:
            return
        what = district.items[ids[0]].label if len(ids) == 1 else f"these {len(ids)} items"
        answer = QMessageBox.question(
            self._panel,
            "Remove from the plan",
            f"Remove {what} and every link to it from the plan? (Undo brings it back.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(RemoveItems(district, ids))
