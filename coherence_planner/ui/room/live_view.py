"""The presenter's view of a running round: how to join (QR code, address, code), who has
answered, each program's spread as answers arrive with the widest disagreement first, and
the vote tally. Names and reasons from phones are shown as plain text only."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.ui.room.controller import RoomController
from coherence_planner.ui.room.qr_widget import QrCode

COLUMNS = ["Program", "Answers", "Disagreement"]
DEVICE_ROLE = Qt.ItemDataRole.UserRole + 1  # a removed device's list item: its hash
NO_ADDRESS = (
    "No phone can reach this laptop: it has no network address but its own. Turn on Wi-Fi "
    "or the laptop's hotspot, then Pause and resume the round from the Retreat menu."
)
REFUSALS_MS = 2000  # how often the refused join tries are counted again
JOIN_WIDTH = 340  # the QR code's column at 1280 px; 30% of wider windows
# Disagreement in words and a colour-blind-safe tint (the word carries the meaning).
LEVELS = [(2 / 3, "Wide", "#f4a259"), (1 / 3, "Some", "#f6e27f"), (0.0, "Agree", "")]


def spread_text(sp: R.Spread) -> str:
    """The mean and range ("2.6  (1–4)"), and below it how many did not know. One rating
    is said to be one ("2, one rating"), not "all 2", which claims a room that agrees."""
    parts = []
    if sp.mean is not None:
        if sp.count == 1:
            parts.append(f"{sp.low}, one rating")
        elif sp.low == sp.high:
            parts.append(f"all {sp.count} gave {sp.low}")
        else:
            parts.append(f"{sp.mean:.1f}  ({sp.low}–{sp.high})")
    if sp.dont_know:
        parts.append(f"{sp.dont_know} don't know")
    return "\n".join(parts)


def vote_text(votes: dict[str, int]) -> str:
    return "  ".join(f"{room.VOTE_LABELS[v]} {n}" for v, n in votes.items() if n)


def plain_label(text: str = "", size: float = 0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never rich text: names come from phones
    label.setWordWrap(True)
    if size or bold:
        font = label.font()
        if size:
            font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
    return label


class LiveView(QWidget):
    """A window of its own, for the projector. Closing it pauses the round (stops listening)."""

    closed = Signal()

    def __init__(self, controller: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setWindowTitle("Rating round — Coherence Planner")
        outer = QHBoxLayout(self)

        join = QVBoxLayout()
        join.addWidget(plain_label("Rate on your phone", 20, bold=True))
        self.scan = plain_label("Scan the code, or type the address and the code.", 12)
        join.addWidget(self.scan)
        self.qr = QrCode()
        join.addWidget(self.qr, 1)
        self.address = plain_label("", 17, bold=True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = plain_label("", 30, bold=True)
        join.addWidget(self.address)
        join.addWidget(self.code)
        self.same_wifi = plain_label("Same Wi-Fi as this laptop; no internet needed.", 11)
        join.addWidget(self.same_wifi)
        # Instead of a QR code no phone could follow (127.0.0.1 is each phone itself).
        self.unreachable = plain_label(NO_ADDRESS, 14, bold=True)
        self.unreachable.setAccessibleName("No address for phones")
        self.unreachable.setAlignment(Qt.AlignmentFlag.AlignTop)
        join.addWidget(self.unreachable, 1)  # the QR code's place, when it has none
        self.join_panel = QWidget()
        self.join_panel.setLayout(join)
        self.join_panel.setFixedWidth(JOIN_WIDTH)
        outer.addWidget(self.join_panel)

        right = QVBoxLayout()
        # Shown only while answers from phones cannot be saved, until they save again.
        self.problem = plain_label("", 13, bold=True)
        self.problem.setObjectName("roomProblem")
        self.problem.setStyleSheet(
            "#roomProblem { background: #fef3c7; color: #1b1f24; border: 2px solid #b45309;"
            " border-radius: 6px; padding: 8px; }"
        )
        self.problem.setAccessibleName("Answers not saved")
        self.problem.hide()
        right.addWidget(self.problem)
        self.heading = plain_label("", 17, bold=True)
        self.summary = plain_label("", 12)
        right.addWidget(self.heading)
        right.addWidget(self.summary)
        # Wrong join codes and devices made to wait: someone may be guessing.
        self.refused = plain_label("", 11)
        self.refused.setAccessibleName("Refused join tries")
        self.refused.hide()
        right.addWidget(self.refused)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a projector shows no cursor
        self.table.setAccessibleName("Programs by disagreement")
        font = self.table.font()
        font.setPointSizeF(max(font.pointSizeF(), 11))
        self.table.setFont(font)
        right.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.members = QListWidget()
        self.members.setAccessibleName("Members")
        self.members.setMaximumHeight(96)
        self.members.setFlow(QListWidget.Flow.LeftToRight)
        self.members.setWrapping(True)
        self.members.setFont(font)
        row.addWidget(self.members, 1)
        buttons = QVBoxLayout()
        self.remove_button = QPushButton("Remove Member")
        self.remove_button.setToolTip("Remove the chosen member and every answer they gave")
        self.renew_button = QPushButton("New Link and Code")
        self.renew_button.setToolTip(
            "If the link reached someone outside the room: old links stop working; "
            "members scan again and carry on where they were"
        )
        self.let_in_button = QPushButton("Let In")
        self.let_in_button.setToolTip(
            "Let the chosen member in (one who joined past the expected number), "
            "or a removed device back"
        )
        # Joins past this number wait for the Let In button: one link cannot fill the round.
        self.expected = QSpinBox()
        self.expected.setRange(0, room.MAX_MEMBERS)
        self.expected.setSpecialValueText("Expected: any number")
        self.expected.setPrefix("Expected: ")
        self.expected.setAccessibleName("Members expected")
        self.expected.setValue(controller.store.expected)
        buttons.addWidget(self.expected)
        buttons.addWidget(self.let_in_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.renew_button)
        row.addLayout(buttons)
        right.addLayout(row)

        actions = QHBoxLayout()
        self.full_button = QPushButton("Full Screen")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip(
            "Stop taking answers for now; resume later from the Retreat menu"
        )
        self.close_button = QPushButton("Close Round and Save Ratings")
        self.close_button.setDefault(True)
        actions.addWidget(self.full_button)
        actions.addStretch()
        actions.addWidget(self.pause_button)
        actions.addWidget(self.close_button)
        right.addLayout(actions)
        outer.addLayout(right, 1)

        self.remove_button.clicked.connect(self._remove)
        self.renew_button.clicked.connect(self._renew)
        self.let_in_button.clicked.connect(self._let_in)
        self.expected.valueChanged.connect(controller.set_expected)
        self.full_button.clicked.connect(self._toggle_full_screen)
        self.pause_button.clicked.connect(self.close)
        self.close_button.clicked.connect(self._close_round)
        controller.changed.connect(self.refresh)
        controller.trouble.connect(self._show_problem)
        # Refused tries write nothing to the plan, so nothing else would show them.
        self._refusals = QTimer(self, interval=REFUSALS_MS)
        self._refusals.timeout.connect(self._show_refused)
        self._refusals.start()
        self._closing_round = False
        self.refresh()
        self._show_problem()  # a view opened again while answers still cannot be saved

    # -- showing -----------------------------------------------------------------------
    def _show_problem(self) -> None:
        sentence = self.controller.problem
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))

    def _show_refused(self) -> None:
        sentence = self.controller.refused_joins
        self.refused.setText(sentence)
        self.refused.setVisible(bool(sentence))

    def refresh(self) -> None:
        controller = self.controller
        if not controller.store.is_open:
            return
        round_ = controller.store.round
        view = room.live_view(controller.store.document.district, round_)
        credentials = controller.server.credentials
        link = controller.server.link()
        self.qr.set_text(link)
        self.address.setText(controller.server.short_address())
        code = credentials.join_code
        self.code.setText(f"Code {code[:3]} {code[3:]}")
        reachable = controller.server.reachable
        for shown in (self.scan, self.qr, self.address, self.code, self.same_wifi):
            shown.setVisible(reachable)
        self.unreachable.setVisible(not reachable)
        self.heading.setText(round_.title or "Rating round")
        cards = len(round_.programs)
        answered = sum(1 for _, _, n in view.members if n)
        finished = sum(1 for _, _, n in view.members if n >= cards)
        total = sum(n for _, _, n in view.members)
        self.summary.setText(
            f"{len(view.members)} joined, {answered} answering, {finished} finished all "
            f"{cards} programs; {total} answers saved" + ("; anonymous" if round_.anonymous else "")
        )
        self._show_refused()
        self._fill_members(view, cards)
        self._fill_table(round_, view)

    def _fill_members(self, view: room.LiveView, cards: int) -> None:
        chosen = self._chosen_member() or self._chosen_device()
        waiting = self.controller.store.waiting()
        self.members.clear()
        for member_id, name, count in view.members:
            mark = "✓" if count >= cards else f"{count}/{cards}"
            if member_id in waiting:
                mark = "— waiting for Let In"
            item = QListWidgetItem(f"{name}  {mark}")
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            self.members.addItem(item)
            if member_id == chosen:
                item.setSelected(True)
        for device, name in self.controller.store.barred().items():
            item = QListWidgetItem(f"{name or 'A device'}  — removed")
            item.setData(DEVICE_ROLE, device)
            self.members.addItem(item)
            if device == chosen:
                item.setSelected(True)

    def _fill_table(self, round_: room.Round, view: room.LiveView) -> None:
        headers = [
            *COLUMNS,
            *(s.capitalize() for s in round_.scales),
            *(["Votes"] if round_.vote else []),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(view.programs))
        for r, program in enumerate(view.programs):
            level = next(lv for lv in LEVELS if program.disagreement >= lv[0])
            word = level[1] if program.answered > 1 else ""
            cells = [
                program.name,
                str(program.answered),
                word,
                *(spread_text(program.spreads[s]) for s in round_.scales),
                *([vote_text(program.votes)] if round_.vote else []),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2 and word and level[2]:
                    item.setBackground(QBrush(QColor(level[2])))
                    item.setForeground(QBrush(QColor("#1b1f24")))
                if c == 0 and program.reasons:
                    item.setToolTip("Reasons: " + " / ".join(program.reasons))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        bold = QFont(self.table.font())
        bold.setBold(True)
        header.setFont(bold)
        self.table.resizeRowsToContents()

    def _chosen_member(self) -> str | None:
        items = self.members.selectedItems()
        found = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return str(found) if found else None

    def _chosen_device(self) -> str | None:
        items = self.members.selectedItems()
        found = items[0].data(DEVICE_ROLE) if items else None
        return str(found) if found else None

    # -- acting ------------------------------------------------------------------------
    def _remove(self) -> None:
        member = self._chosen_member()
        if member is None:
            QMessageBox.information(self, "Remove Member", "Choose a member in the list first.")
            return
        name = self.members.selectedItems()[0].text()
        answer = QMessageBox.question(
            self,
            "Remove Member",
            f"Remove {name.split('  ')[0]} and every answer they gave? "
            "Their device can no longer answer.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.remove_member(member)
            self.refresh()

    def _let_in(self) -> None:
        member, device = self._chosen_member(), self._chosen_device()
        if member is not None:
            self.controller.let_in(member)
        elif device is not None:
            self.controller.let_back(device)
        else:
            QMessageBox.information(
                self, "Let In", "Choose a waiting member or a removed device in the list first."
            )
            return
        self.refresh()

    def _renew(self) -> None:
        self.controller.renew_link()

    def _toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
            self.full_button.setText("Full Screen")
        else:
            self.showFullScreen()
            self.full_button.setText("Leave Full Screen")

    def _close_round(self) -> None:
        answer = QMessageBox.question(
            self,
            "Close the Round",
            "Close the round and save the answers as the cabinet's ratings? "
            "Phones can no longer answer. (Edit ▸ Undo takes it back.)",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.controller.close_round()
        self._closing_round = True
        self.close()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a big projector the QR code grows with the screen, to be read from the back row.
        self.join_panel.setFixedWidth(max(JOIN_WIDTH, self.width() * 3 // 10))
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.stop()
        self.closed.emit()
        super().closeEvent(event)
