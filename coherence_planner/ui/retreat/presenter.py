"""Presenter mode: the retreat on a projector.

Full screen, white on black, type sized from the screen (36 px body at 1080 lines, scaled
down in proportion: 24 px at 720), and nothing but the step in hand. The agenda (domain/retreat/agenda.py)
walks the room through each goal, the orphans, then each removal candidate; the cabinet
decides with the number keys and the running tally of money freed stays in the corner.

Keys: Left/Right (or Page Up/Down, Space) move; 1 keep, 2 expand, 3 modify, 4 sunset,
5 remove, 0 undecided; R types the reason (Enter keeps it, Esc drops it); Ctrl+Z undoes;
Esc leaves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Item, Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words, money, money_short, plural, sentence
from coherence_planner.domain.retreat import agenda as A
from coherence_planner.domain.retreat.decisions import (
    DECIDABLE_KINDS,
    DECISION_KEYS,
    DECISION_LABELS,
    decide,
    tally,
)
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.map.sight import GoalMapView
from coherence_planner.ui.retreat.fitting import FittingLabel
from coherence_planner.ui.retreat.projector import (
    ACCENT,
    BACKGROUND,
    BODY_PX_AT_1080,
    HEADING,
    LONG_REASON,
    MAX_LINES,
    MUTED,
    TEXT,
    WARN,
    escape,
    fte,
)
from coherence_planner.ui.retreat.state import RetreatState
from coherence_planner.ui.session import DocumentSession


class Presenter(QWidget):
    """A top-level window; `enter()` shows it full screen on the current screen."""

    left = Signal()  # the presenter closed

    def __init__(
        self, session: DocumentSession, state: RetreatState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.state = state
        self.steps: list[A.Step] = []
        self.index = 0
        self.analysis: Analysis | None = None
        self.pending_reason = ""
        self.setWindowTitle("Coherence Planner — presenter")
        self.setObjectName("presenter")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.where = QLabel()
        self.tally = QLabel()
        self.tally.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tally.setAccessibleName("Money freed")
        self.title = QLabel()
        self.title.setWordWrap(True)
        # The columns set their type smaller rather than cut a word read aloud.
        self.left_body = FittingLabel()
        self.right_body = FittingLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.choices = QLabel()
        self.choices.setTextFormat(Qt.TextFormat.RichText)
        self.choices.setAccessibleName("Decision")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Why")
        self.reason_edit.setPlaceholderText("Type the reason, Enter to keep it, Esc to drop it")
        self.reason_edit.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.help = QLabel(
            "← → move    1 keep  2 expand  3 modify  4 sunset  5 remove  0 undecided"
            "    R reason    Esc leave"
        )

        layout = self.outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.tally)
        layout.addLayout(top)
        layout.addWidget(self.title)
        # A goal's step shows its line of sight as a map, beside the words.
        self.goal_map = GoalMapView()
        self.goal_map.hide()
        # Too small to read from the room, the map gives its place to the words beside it.
        self.goal_map.legibility.connect(self._map_legible)
        columns = self.columns = QHBoxLayout()
        columns.addWidget(self.goal_map, 1)
        columns.addWidget(self.left_body, 1)
        columns.addWidget(self.right_body, 1)
        layout.addLayout(columns, 1)
        layout.addWidget(self.choices)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.help)
        self.reason_edit.returnPressed.connect(self._reason_done)
        session.changed.connect(lambda _c: self.redraw() if self.isVisible() else None)
        self._apply_style(1080)

    def _map_legible(self, legible: bool) -> None:
        if not legible:
            self.goal_map.hide()

    # -- entering and leaving ------------------------------------------------------------
    def start(self) -> None:
        """Build the agenda from the district as it is now and go to its first step."""
        district = self.session.district
        self.analysis = analyse(district)
        self.steps = A.build_agenda(district, self.analysis)
        self.index = 0
        self.pending_reason = ""
        self.redraw()

    def enter(self) -> None:
        """Start and go full screen: on the projector when there is a second screen (any
        screen but the main window's), else on the main window's screen."""
        self.start()
        parent = self.parentWidget()
        here = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not here]
        target = others[0] if others else here
        if target is not None:
            self.setGeometry(target.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def leave(self) -> None:
        self.close()
        self.left.emit()

    # -- sizes and colours ---------------------------------------------------------------
    def body_px(self) -> int:
        """Body type in pixels: 36 px at 1080 lines, in proportion below (24 px at 720)."""
        scale = min(self.height() / 1080, self.width() / 1920)
        return max(16, round(BODY_PX_AT_1080 * scale))

    def _apply_style(self, _height: int) -> None:
        body = self.body_px()
        small = round(body * 0.8)
        self.setStyleSheet(
            f"""
            QWidget#presenter {{ background: {BACKGROUND}; }}
            QLabel {{ color: {TEXT}; font-size: {body}px; background: transparent; }}
            QLineEdit {{ color: {TEXT}; background: #1A1A1A; border: 2px solid {ACCENT};
                         font-size: {body}px; padding: 6px; }}
            """
        )
        margin = round(body * 1.2)
        self.outer.setContentsMargins(margin, round(margin * 0.6), margin, round(margin * 0.6))
        self.outer.setSpacing(round(body * 0.5))
        self.columns.setSpacing(round(body * 1.5))
        self.title.setStyleSheet(f"font-size: {round(body * 1.7)}px; font-weight: bold;")
        self.where.setStyleSheet(f"font-size: {small}px; color: {MUTED};")
        self.tally.setStyleSheet(f"font-size: {body}px; color: {ACCENT}; font-weight: bold;")
        self.help.setStyleSheet(f"font-size: {small}px; color: {MUTED};")
        self.reason.setStyleSheet(f"color: {ACCENT};")
        self.choices.setStyleSheet(f"font-size: {round(body * 1.15)}px;")
        self.message.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        for label in (self.left_body, self.right_body):
            label.set_base_px(body)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._apply_style(event.size().height())
        super().resizeEvent(event)

    # -- drawing -------------------------------------------------------------------------
    @property
    def step(self) -> A.Step | None:
        return self.steps[self.index] if self.steps else None

    def current_item(self) -> Item | None:
        step = self.step
        if step is None or not step.item_id:
            return None
        return self.session.district.items.get(step.item_id)

    def redraw(self) -> None:
        step = self.step
        if step is None or not self.session.is_open:
            return
        district = self.session.district
        t = tally(district)
        self.tally.setText(f"Freed {money_short(t.freed_cost)} · {fte(t.freed_fte)}")
        self.tally.setToolTip(f"Sunset and remove decisions free {money(t.freed_cost)} a year")
        self.where.setText(f"Step {self.index + 1} of {len(self.steps)} · {self._section(step)}")
        self.choices.hide()
        self.reason.hide()
        self.message.setText("")
        self.goal_map.setVisible(step.kind == A.GOAL)
        draw = {
            A.OPENING: self._opening,
            A.GOAL: self._goal,
            A.ORPHANS: self._orphans,
            A.CANDIDATE: self._candidate,
            A.CLOSE: self._close,
        }[step.kind]
        draw(step)

    def _section(self, step: A.Step) -> str:
        same = [s for s in self.steps if s.kind == step.kind]
        number = same.index(step) + 1
        if step.kind == A.GOAL:
            return f"Goal {number} of {len(same)}"
        if step.kind == A.CANDIDATE:
            return f"Removal candidate {number} of {len(same)}"
        return {A.OPENING: "Opening", A.ORPHANS: "Orphans", A.CLOSE: "Close"}[step.kind]

    def _heading(self, text: str) -> str:
        return f'<p style="color:{HEADING}; font-weight:bold; margin:0.4em 0 0.2em 0">{escape(text)}</p>'

    def _list(self, lines: list[str], limit: int = MAX_LINES) -> str:
        shown = lines[:limit]
        if len(lines) > limit:
            shown.append(f'<span style="color:{MUTED}">…and {len(lines) - limit} more</span>')
        return "".join(f"<p style='margin:0 0 0.35em 0'>{line}</p>" for line in shown)

    def _opening(self, step: A.Step) -> None:
        district = self.session.district
        assert self.analysis is not None
        res = self.analysis.resources
        counts = {k: len(district.items_of(k)) for k in vocab.ITEM_KINDS}
        self.title.setText(step.title)
        self.left_body.setText(
            self._heading("Today")
            + self._list(
                [
                    escape(
                        f"{plural(counts['goal'], 'goal')}, {plural(counts['program'], 'program')}, "
                        f"{plural(counts['policy'], 'policy', 'policies')}"
                    ),
                    escape(f"Program spend {money_short(res.total_cost)} a year"),
                    escape(f"{plural(len(self.analysis.orphans), 'item')} tied to no goal"),
                    escape(f"{plural(len(self.analysis.competing), 'competing group')}"),
                    f'<span style="color:{ACCENT}">'
                    + escape(
                        f"{plural(len(self.analysis.removal_candidates), 'removal candidate')}: "
                        f"{money_short(res.freed_cost)} and {fte(res.freed_fte)}"
                    )
                    + "</span>",
                ]
            )
        )
        self.right_body.setText(
            self._heading("The agenda")
            + self._list(
                [
                    "Each goal: its line of sight, indicators, competing programs",
                    "What serves no goal",
                    "Each removal candidate: decide with the number keys",
                    "What we decided, and what it frees",
                ]
            )
        )

    def _goal(self, step: A.Step) -> None:
        district = self.session.district
        assert self.analysis is not None
        brief = A.goal_brief(district, self.analysis, step.item_id)
        self.title.setText(brief.goal.name)
        self.goal_map.show_goal(district, self.analysis, brief.goal.id)
        left = self._heading(
            f"Line of sight: {plural(brief.programs, 'program')}, {money_short(brief.cost)}"
        )
        if brief.unsupported:
            left += f'<p style="color:{WARN}; font-weight:bold">⚠ Nothing in the plan serves this goal.</p>'
        left += self._list(
            [
                escape(
                    f"{line.label} — {plural(line.programs, 'program')}, {money_short(line.cost)}"
                )
                for line in brief.lines
            ]
        )
        self.left_body.setText(left)
        right = self._heading("Indicators") + self._list(
            [escape(text) for text in brief.indicators] or ["None recorded"], 3
        )
        right += self._heading("Competing programs")
        groups = []
        names = Names(district)
        for group in brief.competing:  # names in full: the room reads them aloud
            others = [names.plain(m) for m in group.members if m not in group.kept]
            kept = join_words([names.plain(k) for k in group.kept])
            groups.append(escape(f"{kept} is kept over {join_words(others)}"))
        right += self._list(groups or ["None"], 3)
        self.right_body.setText(right)

    def _orphans(self, step: A.Step) -> None:
        assert self.analysis is not None
        district = self.session.district
        self.title.setText(step.title)
        lines = []
        cost = 0.0
        for orphan in self.analysis.orphans:
            item = district.items[orphan.id]
            extra = ""
            if isinstance(item, Program):
                cost += item.annual_cost or 0
                extra = f" — {money_short(item.annual_cost)}"
            lines.append(escape(f"{item.label}{extra}"))
        self.left_body.setText(
            self._heading(f"{plural(len(lines), 'item')}, {money_short(cost)} a year")
            + self._list(lines, 8)
        )
        self.right_body.setText(
            self._heading("Why it matters")
            + self._list(
                [
                    "Nothing they do is tied, directly or through a strategy, "
                    "to a student-learning goal.",
                    "Link each to the goal it serves, or decide to stop it.",
                ]
            )
        )

    def _candidate(self, step: A.Step) -> None:
        assert self.analysis is not None
        item = self.current_item()
        candidate = self.analysis.candidate(step.item_id)
        if item is None:
            self.title.setText(f"{step.title} is no longer in the plan")
            self.left_body.setText("")
            self.right_body.setText("")
            return
        self.title.setText(item.label)
        facts = [escape(vocab.KIND_LABELS[item.kind])]
        if isinstance(item, Program):
            tier = f", Tier {item.tier}" if item.tier else ""
            facts[0] = escape(f"{item.type.replace('-', ' ').capitalize()} program{tier}")
            facts.append(
                f'<span style="color:{ACCENT}">'
                + escape(f"{money(item.annual_cost)} a year · {fte(item.fte)}")
                + "</span>"
            )
            if item.students_served:
                facts.append(escape(f"Serves {item.students_served:,} students"))
            facts.append(escape(vocab.EVIDENCE_LABELS[item.evidence_tier]))
        if item.owner:
            facts.append(escape(f"Owner: {item.owner}"))
        self.left_body.setText(self._heading("The facts") + self._list(facts))
        reasons = " ".join(sentence(r) for r in candidate.reasons) if candidate else ""
        reasons = reasons or "No longer a candidate."
        # Read aloud in full, never cut: a long reason is set a little smaller instead.
        size = "" if len(reasons) <= LONG_REASON else ' style="font-size: 85%"'
        self.right_body.setText(
            self._heading("Why it is a candidate") + f"<p{size}>{escape(reasons)}</p>"
        )
        if item.kind in DECIDABLE_KINDS:
            self._show_choices(str(getattr(item, "decision", "undecided")))
            why = self.pending_reason or str(getattr(item, "decision_rationale", ""))
            self.reason.setText(f"Why: {why}" if why else "Press R to give the reason")
            self.reason.show()

    def _show_choices(self, current: str) -> None:
        parts = []
        for key in ("1", "2", "3", "4", "5", "0"):
            decision = DECISION_KEYS[key]
            label = f"{key} {DECISION_LABELS[decision]}"
            if decision == current:
                parts.append(
                    f'<span style="background:{ACCENT}; color:{BACKGROUND}; font-weight:bold">'
                    f"&nbsp;{label}&nbsp;</span>"
                )
            else:
                parts.append(f'<span style="color:{MUTED}">&nbsp;{label}&nbsp;</span>')
        self.choices.setText("&nbsp;&nbsp;".join(parts))
        self.choices.show()

    def _close(self, step: A.Step) -> None:
        district = self.session.district
        t = tally(district)
        self.title.setText(step.title)
        counts = [
            escape(f"{DECISION_LABELS[d]}: {t.counts[d]}") for d in vocab.DECISIONS if t.counts[d]
        ]
        self.left_body.setText(
            self._heading(f"Frees {money(t.freed_cost)} and {fte(t.freed_fte)} a year")
            + self._list(counts, 6)
        )
        stopped = [
            escape(f"{item.label} — {DECISION_LABELS[item.decision].lower()}")  # type: ignore[attr-defined]
            for item in district.ordered_items()
            if item.kind in DECIDABLE_KINDS
            and getattr(item, "decision", "") in ("sunset", "remove")
        ]
        self.right_body.setText(self._heading("Stopping") + self._list(stopped or ["Nothing yet"]))

    # -- keys ----------------------------------------------------------------------------
    def go(self, index: int) -> None:
        if self.steps:
            self.index = max(0, min(index, len(self.steps) - 1))
            self.pending_reason = ""
            self.reason_edit.hide()
            self.redraw()

    def decide_current(self, decision: str) -> bool:
        item = self.current_item()
        if item is None or item.kind not in DECIDABLE_KINDS:
            self.message.setText("Decisions are taken on the removal candidates' steps.")
            return False
        try:
            self.session.push(
                decide(
                    self.session.district,
                    item.id,
                    decision,
                    self.pending_reason,
                    self.state.who,
                    self.state.on,
                )
            )
        except USER_ERRORS as exc:
            self.message.setText(explain(exc))
            return False
        self.pending_reason = ""
        self.redraw()
        return True

    def _reason_done(self) -> None:
        text = self.reason_edit.text().strip()
        self.reason_edit.hide()
        self.setFocus()
        item = self.current_item()
        if not text or item is None:
            return
        decision = str(getattr(item, "decision", "undecided"))
        if decision != "undecided":
            self.pending_reason = text  # record the reason with the decision already taken
            self.decide_current(decision)
        else:
            self.pending_reason = text  # kept for the number key that decides
            self.redraw()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.reason_edit.isVisible():
            if key == Qt.Key.Key_Escape:
                self.reason_edit.hide()
                self.setFocus()
                return
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.session.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.session.undo_stack.redo()
            return
        text = event.text()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.go(self.index + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Backspace):
            self.go(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.steps) - 1)
        elif text in DECISION_KEYS:
            self.decide_current(DECISION_KEYS[text])
        elif key == Qt.Key.Key_R:
            item = self.current_item()
            if item is not None and item.kind in DECIDABLE_KINDS:
                self.reason_edit.setText(
                    self.pending_reason or str(getattr(item, "decision_rationale", ""))
                )
                self.reason_edit.show()
                self.reason_edit.setFocus()
                self.reason_edit.selectAll()
        elif key == Qt.Key.Key_Escape:
            self.leave()
        else:
            super().keyPressEvent(event)
