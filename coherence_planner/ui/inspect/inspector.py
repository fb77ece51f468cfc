"""The inspector: every field of the selected item, each with its own editor, and its links.

Each finished change becomes one SetItemFields command (so one undo step, with text like
"Change annual cost of Phonics intervention"). A refused value is explained under the
form and the editor shows the stored value again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW
from coherence_planner.domain.analysis.gaps import gap_sentence, program_gaps
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import Changes, SetItemFields, confirm_guess
from coherence_planner.domain.model.items import Item, Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import sentence
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.flags import flags_text
from coherence_planner.ui.inspect.editors import make_editor
from coherence_planner.ui.inspect.field_widgets import Editor
from coherence_planner.ui.inspect.framework_notes import framework_lines
from coherence_planner.ui.inspect.guess_hint import GuessHint, show_guesses
from coherence_planner.ui.inspect.links_editor import LinksEditor
from coherence_planner.ui.session import DocumentSession


class Inspector(QWidget):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.item_id: str | None = None
        self.editors: dict[str, Editor] = {}
        self._form_kind: str | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel("Nothing selected")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        outer.addWidget(self.title)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setAccessibleName("Problem with the last change")
        self.error.hide()
        outer.addWidget(self.error)

        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName("Fields of the selected item")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A narrow Inspector scrolls sideways rather than cutting its fields off.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        outer.addWidget(self.scroll_area, 1)
        self.body = QWidget()
        self.scroll_area.setWidget(self.body)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        self.body_layout.addWidget(self.findings)
        self.form_host = QWidget()
        self.body_layout.addWidget(self.form_host)
        self.links_title = QLabel("<b>Links</b>")
        self.body_layout.addWidget(self.links_title)
        self.links = LinksEditor(session, self.show_error)
        self.body_layout.addWidget(self.links)
        self.body_layout.addStretch()

        session.selection_changed.connect(self._selection_changed)
        session.changed.connect(self._changed)
        session.analysis_ready.connect(lambda _a: self._show_findings())
        session.document_changed.connect(lambda: self.show_item(None))
        self.show_item(None)

    # -- which item --------------------------------------------------------------------
    def _selection_changed(self, ids: list[str]) -> None:
        self.show_item(ids[0] if len(ids) == 1 else None, count=len(ids))

    def show_item(self, item_id: str | None, count: int = 0) -> None:
        self.error.hide()
        district = self.session.district if self.session.is_open else None
        if district is None or item_id is None or item_id not in district.items:
            self.item_id = None
            self._build_form(None)
            self.title.setText(
                f"{count} items selected"
                if count > 1
                else "Select an item to see and edit it"
                if district
                else "No plan open"
            )
            self.findings.setText("")
            self.links_title.hide()
            self.links.hide()
            self.links.show_item(None)
            return
        item = district.items[item_id]
        if item.kind != self._form_kind:
            self._build_form(item.kind)
        self.item_id = item_id
        self._show_title(item)
        self._load_values()
        self._show_findings()
        self.links_title.show()
        self.links.show()
        self.links.show_item(item_id)

    def _show_title(self, item: Item) -> None:
        """The kind and the name; the id, a code for files and spreadsheets, is a tooltip."""
        self.title.setText(f"{vocab.KIND_LABELS[item.kind]}: {item.label}")
        self.title.setToolTip(f"Id in files and spreadsheets: {item.id}")

    def _build_form(self, kind: str | None) -> None:
        old = self.form_host
        self.form_host = QWidget()
        form = QFormLayout(self.form_host)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels above their fields: in a side panel of a laptop (about 380 px) a field beside
        # its label had 250 px, too few for the sample's names, owners and indicator tables.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors = {}
        self.guess_hints: dict[str, GuessHint] = {}
        self._form_kind = kind
        if kind is not None:
            for spec in F.form_fields(kind):
                if spec.type in F.SHOWN_BESIDE:
                    continue
                editor = make_editor(spec)
                editor.committed.connect(lambda name=spec.name: self._commit(name))
                label = QLabel(spec.label)
                label.setBuddy(editor)
                form.addRow(label, editor)
                self.editors[spec.name] = editor
        self.form = form
        self.body_layout.replaceWidget(old, self.form_host)
        old.hide()  # deleteLater runs on the next event-loop pass; never show two forms
        old.deleteLater()

    def _load_values(self) -> None:
        if self.item_id is None:
            return
        item = self.session.district.items[self.item_id]
        for name, editor in self.editors.items():
            editor.set_value(getattr(item, name))
        for name in show_guesses(self.form, self.editors, self.guess_hints, item.guessed):
            self.guess_hints[name].confirm.connect(lambda name=name: self._confirm(name))

    def _show_findings(self) -> None:
        analysis = self.session.analysis
        if self.item_id is None or analysis is None or not self.session.is_open:
            self.findings.setText("")
            return
        item = self.session.district.items.get(self.item_id)
        if item is None:
            return
        lines = []
        flags = analysis.flags_of(item.id)
        if flags:
            lines.append(f"Findings: {flags_text(flags)}.")
        orphan = analysis.orphan(item.id)
        if orphan:
            lines.append(f"It is {orphan.reason}.")
        if item.id in analysis.kept_by_law:
            lines.append(f"{sentence(KEPT_BY_LAW)} It competes, but the law keeps it.")
        lines.extend(sentence(r) for r in analysis.not_kept_reasons.get(item.id, ()))
        if isinstance(item, Program):
            gaps = program_gaps(
                item, analysis.goals_of.get(item.id, ()), analysis.might_compete.get(item.id, ())
            )
            if gaps is not None:
                district = self.session.district
                lines.append(f"Missing facts: {gap_sentence(district, gaps, Names(district))}")
        lines.extend(framework_lines(item, self.session.district.school_year))
        goals = analysis.goals_of.get(item.id, ())
        if goals and item.kind != "goal":
            names = ", ".join(self.session.district.items[g].label for g in goals)
            lines.append(f"Serves: {names}.")
        self.findings.setText("\n".join(lines) if lines else "No findings: this item is coherent.")

    def focus_field(self, name: str) -> bool:
        """Put the cursor in a field of the shown item, scrolled into view ("goal": the
        button that links the item to what it serves). False if the item has no such field."""
        if name == "goal":
            target: QWidget = self.links.add_button
        elif name in self.editors:
            target = self.editors[name]
        else:
            return False
        self.scroll_area.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- editing -----------------------------------------------------------------------
    def _commit(self, name: str) -> None:
        if self.item_id is None:
            return
        editor = self.editors[name]
        try:
            value: Any = editor.value()
            item = self.session.district.items[self.item_id]
            if value == getattr(item, name):
                return
            district = self.session.district
            if name == "decision":  # through the decision log, like every decision
                # Imported here: the retreat's widgets load when first used (issue 29).
                from coherence_planner.ui.retreat.decision_widgets import (
                    decision_from_inspector,
                )

                self.session.push(decision_from_inspector(district, item, value))
            else:
                self.session.push(SetItemFields(district, self.item_id, {name: value}))
        except USER_ERRORS as exc:
            self.show_error(exc)
            self._load_values()
        else:
            self.error.hide()

    def _confirm(self, name: str) -> None:
        """The guessed value is right: keep it, and it is no longer a guess (one undo step)."""
        if self.item_id is None:
            return
        try:
            self.session.push(confirm_guess(self.session.district, self.item_id, name))
        except USER_ERRORS as exc:
            self.show_error(exc)
            self._load_values()
        else:
            self.error.hide()

    def show_error(self, exc: Exception) -> None:
        self.error.setText(explain(exc))
        self.error.show()

    def _changed(self, changes: Changes) -> None:
        if self.item_id is None:
            return
        if self.item_id not in self.session.district.items:
            self.show_item(None)
            return
        if self.item_id in changes.items:
            self._show_title(self.session.district.items[self.item_id])
            self._load_values()
        if changes.links or self.item_id in changes.items:
            self.links.show_item(self.item_id)
