"""Deciding on the selected program or policy: keep / expand / modify / sunset / remove
(or undecided), why, who and when. Every decision goes through `decisions.decide`, so it is
one undo step and lands in the decision log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import Changes, Command
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item
from coherence_planner.domain.model.wording import money
from coherence_planner.domain.retreat.decisions import (
    DECIDABLE_KINDS,
    DECISION_KEYS,
    DECISION_LABELS,
    decide,
)
from coherence_planner.domain.retreat.ratings import members
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.retreat.state import RetreatState
from coherence_planner.ui.session import DocumentSession

KEY_OF = {decision: key for key, decision in DECISION_KEYS.items()}


def decision_from_inspector(district: District, item: Item, decision: str) -> Command:
    """A decision changed in the inspector's Decision field: logged like any other, with the
    reason and person the form shows, dated today."""
    return decide(
        district,
        item.id,
        decision,
        str(getattr(item, "decision_rationale", "")),
        str(getattr(item, "decided_by", "")),
        dt.date.today().isoformat(),
    )


class MemberBox(QComboBox):
    """An editable list of the cabinet members: pick one or type another name."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("Who decided")
        self.refresh()

    def refresh(self) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        if self.session.is_open:
            self.addItems([m.name for m in members(self.session.district)])
        self.setEditText(text)
        self.blockSignals(False)


class WhoAndWhen(QWidget):
    """The person recording and the date, bound to the shared RetreatState."""

    def __init__(
        self, session: DocumentSession, state: RetreatState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.who = MemberBox(session)
        self.who.setAccessibleName("Decided by")
        self.who.setEditText(state.who)
        self.when = QDateEdit(QDate.fromString(state.on, Qt.DateFormat.ISODate))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setAccessibleName("Decided on")
        form.addRow("Decided by", self.who)
        form.addRow("Date", self.when)
        self.who.editTextChanged.connect(state.set_who)
        self.when.dateChanged.connect(lambda d: state.set_on(d.toString(Qt.DateFormat.ISODate)))
        state.changed.connect(self._follow)
        session.changed.connect(lambda _c: self.who.refresh())
        session.document_changed.connect(self.who.refresh)

    def _follow(self) -> None:
        if self.who.currentText() != self.state.who:
            self.who.setEditText(self.state.who)
        date = QDate.fromString(self.state.on, Qt.DateFormat.ISODate)
        if self.when.date() != date:
            self.when.setDate(date)


class DecisionPanel(QWidget):
    """Decide on the item selected in any view."""

    def __init__(
        self, session: DocumentSession, state: RetreatState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.state = state
        self.item_id: str | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.facts)
        grid = QGridLayout()
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        order = ("keep", "expand", "modify", "sunset", "remove", "undecided")
        for n, decision in enumerate(order):
            button = QPushButton(f"{KEY_OF[decision]}  {DECISION_LABELS[decision]}")
            button.setCheckable(True)
            button.setProperty("decision", decision)
            # No Alt+digit shortcut: those move between the window's panes. Presenter mode
            # decides with bare number keys.
            button.setToolTip(f"Decide: {DECISION_LABELS[decision].lower()}")
            self.buttons.addButton(button, n)
            grid.addWidget(button, n // 3, n % 3)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Why"))
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Why")
        self.rationale.setPlaceholderText("The reason the cabinet gives, in a sentence")
        self.rationale.setMaximumHeight(110)
        layout.addWidget(self.rationale)
        self.who_when = WhoAndWhen(session, state)
        layout.addWidget(self.who_when)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch()
        self.buttons.buttonClicked.connect(lambda b: self.decide(str(b.property("decision"))))
        session.selection_changed.connect(self._selection_changed)
        session.changed.connect(self._changed)
        session.document_changed.connect(lambda: self.show_item(None))
        self.show_item(None)

    def _selection_changed(self, ids: list[str]) -> None:
        self.show_item(ids[0] if len(ids) == 1 else None)

    def _changed(self, changes: Changes) -> None:
        if self.item_id is not None and (
            self.item_id in changes.items or self.item_id not in self.session.district.items
        ):
            self.show_item(self.item_id if self.item_id in self.session.district.items else None)

    def show_item(self, item_id: str | None) -> None:
        self.error.hide()
        district = self.session.district if self.session.is_open else None
        item = district.items.get(item_id) if district and item_id else None
        enabled = item is not None and item.kind in DECIDABLE_KINDS
        for button in self.buttons.buttons():
            button.setEnabled(enabled)
        self.rationale.setEnabled(enabled)
        if item is None or not enabled:
            self.item_id = None
            self.title.setText(
                "Select a program or policy to decide on it"
                if item is None
                else f"{item.label}: decisions are taken on programs and policies"
            )
            self.facts.setText("")
            self.buttons.setExclusive(False)
            for button in self.buttons.buttons():
                button.setChecked(False)
            self.buttons.setExclusive(True)
            self.rationale.setPlainText("")
            return
        changed_item = item_id != self.item_id
        self.item_id = item.id
        self.title.setText(f"{vocab.KIND_LABELS[item.kind]}: {item.label}")  # a name, no id
        current = str(getattr(item, "decision", "undecided"))
        facts = [f"Decision now: {DECISION_LABELS[current]}"]
        if getattr(item, "decided_by", ""):
            facts.append(f"by {item.decided_by} on {item.decided_on}")  # type: ignore[attr-defined]
        if item.kind == "program":
            facts.append(f"Annual cost {money(item.annual_cost)}")  # type: ignore[attr-defined]
        self.facts.setText(" · ".join(facts))
        for button in self.buttons.buttons():
            button.setChecked(button.property("decision") == current)
        if changed_item:
            self.rationale.setPlainText(str(getattr(item, "decision_rationale", "")))

    def decide(self, decision: str) -> bool:
        """Record `decision` with the typed reason, person and date; False if refused."""
        if self.item_id is None:
            return False
        try:
            self.session.push(
                decide(
                    self.session.district,
                    self.item_id,
                    decision,
                    self.rationale.toPlainText().strip(),
                    self.state.who,
                    self.state.on,
                )
            )
        except USER_ERRORS as exc:
            self.error.setText(explain(exc))
            self.error.show()
            self.show_item(self.item_id)
            return False
        return True
