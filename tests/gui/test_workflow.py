"""A cabinet member builds a district from scratch through the window: new plan, items,
fields, links, findings that follow every edit, undo and redo, Save As, reopen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from coherence_planner.ui.browse.model import ID_ROLE
from coherence_planner.ui.findings.model import IDS_ROLE, REASON_ROLE
from coherence_planner.ui.inspect.link_picker import LinkPicker
from coherence_planner.ui.shell.district_dialog import DistrictDialog
from tests.gui.helpers import findings_count, type_into, wait_for_analysis

LEFT = Qt.MouseButton.LeftButton


def pick_in_dialog(
    monkeypatch: pytest.MonkeyPatch, search: str, item_id: str, strength: str, why: str
) -> None:
    """The link picker, answered the way a person would: search, choose, strength, why."""

    def exec_(self: LinkPicker) -> int:
        self.search.setText(search)
        self.choose(item_id)
        self.strength.setCurrentIndex(self.strength.findData(strength))
        self.rationale.setText(why)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkPicker, "exec", exec_)


def test_create_a_district_from_scratch(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    messages: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.stack.currentWidget() is window.start_page

    # File > New, from the start page.
    dialogs.answer(tmp_path / "Lakeside")
    qtbot.mouseClick(window.start_page.new_button, LEFT)
    assert window.session.is_open
    assert window.windowTitle().startswith("Lakeside.coherence — Saved")
    assert (tmp_path / "Lakeside.coherence").exists()

    # District details.
    def details(self: DistrictDialog) -> int:
        self.name.setText("Lakeside Unified")
        self.school_year.setText("2026-27")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DistrictDialog, "exec", details)
    window.editing.district_action.trigger()
    assert window.session.district.name == "Lakeside Unified"

    # A goal, named in the inspector.
    window.editing.add_actions["goal"].trigger()
    goal_id = window.session.selection[0]
    type_into(qtbot, window.inspector.editors["name"].edit, "Every student reads by grade 3")
    assert window.session.district.items[goal_id].name == "Every student reads by grade 3"
    assert window.session.undo_stack.undoText() == "Change name of New goal"
    wait_for_analysis(qtbot, window)
    assert findings_count(window, "unsupported") == 1

    # A program with a cost, an evidence tier and grades.
    window.editing.add_actions["program"].trigger()
    program_id = window.session.selection[0]
    type_into(qtbot, window.inspector.editors["name"].edit, "Phonics intervention")
    cost = window.inspector.editors["annual_cost"].box
    type_into(qtbot, cost.lineEdit(), "120000")
    evidence = window.inspector.editors["evidence_tier"].combo
    evidence.setCurrentIndex(evidence.findData(2))
    evidence.activated.emit(evidence.currentIndex())
    qtbot.mouseClick(window.inspector.editors["grades"].buttons["K"], LEFT)
    qtbot.mouseClick(window.inspector.editors["grades"].buttons["1"], LEFT)
    program = window.session.district.items[program_id]
    assert (program.name, program.annual_cost, program.evidence_tier) == (
        "Phonics intervention",
        120000,
        2,
    )
    assert program.grades == ["K-1"]
    wait_for_analysis(qtbot, window)
    assert findings_count(window, "orphans") == 1
    assert "$120,000" in window.findings.model.section_index("removal").text()

    # Link it to the goal through the picker.
    pick_in_dialog(monkeypatch, "reads", goal_id, "strong", "Direct instruction in decoding")
    qtbot.mouseClick(window.inspector.links.add_button, LEFT)
    link = window.session.district.links[("supports", program_id, goal_id)]
    assert (link.strength, link.rationale) == ("strong", "Direct instruction in decoding")
    assert (
        window.session.undo_stack.undoText()
        == "Link Phonics intervention to Every student reads by grade 3"
    )
    wait_for_analysis(qtbot, window)
    assert findings_count(window, "orphans") == 0
    assert findings_count(window, "unsupported") == 0

    # Change the link's strength in the inspector.
    window.inspector.links.tree.setCurrentItem(window.inspector.links.tree.topLevelItem(0))
    strength = window.inspector.links.strength
    strength.setCurrentIndex(strength.findData("weak"))
    strength.activated.emit(strength.currentIndex())
    assert link.strength == "weak"

    # Undo the strength and the link, watch the orphan come back; redo brings the link back.
    window.undo_action.trigger()
    assert link.strength == "strong"
    window.undo_action.trigger()
    assert ("supports", program_id, goal_id) not in window.session.district.links
    wait_for_analysis(qtbot, window)
    assert findings_count(window, "orphans") == 1
    window.redo_action.trigger()
    assert (
        window.session.undo_stack.undoText()
        == "Link Phonics intervention to Every student reads by grade 3"
    )
    wait_for_analysis(qtbot, window)
    assert findings_count(window, "orphans") == 0

    # Save As, close, reopen: everything is there.
    dialogs.answer(tmp_path / "Lakeside copy.coherence")
    window.files.save_as_action.trigger()
    assert window.windowTitle().startswith("Lakeside copy.coherence — Saved")
    window.files.close_action.trigger()
    assert window.stack.currentWidget() is window.start_page
    dialogs.answer(tmp_path / "Lakeside copy.coherence")
    window.files.open_action.trigger()
    district = window.session.district
    assert district.name == "Lakeside Unified"
    assert district.items[program_id].annual_cost == 120000
    assert district.items[goal_id].name == "Every student reads by grade 3"
    assert ("supports", program_id, goal_id) in district.links
    assert messages.shown == []


def test_delete_and_undo_restores_item_and_links(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    district = window.session.district
    links_before = len(district.links)
    touching = len(district.links_of("P4"))
    window.session.select(["P4"])
    window.editing.delete_action.trigger()
    assert "P4" not in district.items
    assert len(district.links) == links_before - touching
    assert window.session.undo_stack.undoText().startswith("Remove Intensive Reading")
    window.undo_action.trigger()
    assert "P4" in district.items and len(district.links) == links_before


def test_clicking_a_finding_selects_its_items(qtbot: Any, window: Any, sample_plan: Path) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    head = window.findings.model.section_index("competing")
    group = head.child(0)
    window.findings.view.setCurrentIndex(group.index())
    ids = group.data(IDS_ROLE)
    assert len(ids) >= 2
    assert window.session.selection == list(ids)
    assert "Kept:" in window.findings.reason.text()
    assert group.data(REASON_ROLE) == window.findings.reason.text()
    # The browser shows the same selection.
    rows = window.browser.view.selectionModel().selectedRows()
    assert {r.data(ID_ROLE) for r in rows} == set(ids)


def test_inspector_refuses_an_empty_name_and_keeps_the_old_one(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    window.session.select(["G1"])
    before = window.session.district.items["G1"].name
    editor = window.inspector.editors["name"].edit
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.district.items["G1"].name == before
    assert not window.inspector.error.isHidden()
    assert "empty" in window.inspector.error.text()
    assert editor.text() == before


def test_overview_numbers_filter_the_browser(qtbot: Any, window: Any, sample_plan: Path) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    analysis = window.session.analysis
    card = window.overview.cards["orphan"]
    assert card.value == str(len(analysis.orphans))
    qtbot.mouseClick(card, LEFT)
    assert window.browser.proxy.visible_count() == len(analysis.orphans)
    assert window.browser.count.text() == f"Showing {len(analysis.orphans)} of 99 items"
    qtbot.mouseClick(window.browser.clear_button, LEFT)
    assert window.browser.proxy.visible_count() == 99


def test_search_as_you_type(qtbot: Any, window: Any, sample_plan: Path) -> None:
    window.documents.open_plan(sample_plan)
    window.find_action.trigger()
    qtbot.keyClicks(window.browser.search, "phonics")
    qtbot.waitUntil(lambda: window.browser.proxy.visible_count() < 99, timeout=2000)
    shown = window.browser.proxy.visible_count()
    expected = sum(
        "phonics" in f"{item.name} {item.description} {item.owner}".lower()
        for item in window.session.district.items.values()
    )
    assert shown == expected and shown > 0


def test_clicking_a_goal_in_the_money_flow_shows_what_serves_it(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    flow = window.overview.money
    qtbot.waitUntil(lambda: "G3" in flow.goal_ids(), timeout=5000)
    x, y, w, h = flow.picture.boxes["G3"]
    from PySide6.QtCore import QPoint

    from coherence_planner.ui.findings.money_flow_view import INSET

    qtbot.mouseClick(flow, LEFT, pos=QPoint(int(x + w / 2) + INSET, int(y + h / 2) + INSET))
    serving = {i for i, goals in window.session.analysis.goals_of.items() if "G3" in goals}
    assert window.browser.proxy.visible_count() == len(serving) + 1
    assert window.session.selection == ["G3"]


def test_link_picker_offers_only_links_that_can_be_made(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    district = window.session.district
    goal_picker = LinkPicker(district, "G1", "supports", window)
    qtbot.addWidget(goal_picker)
    assert goal_picker.incoming.isChecked() and not goal_picker.outgoing.isEnabled()
    offered = {
        goal_picker.list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(goal_picker.list.count())
    }
    assert not any(district.items[i].kind == "goal" for i in offered)  # goals never support
    assert not {link.src for link in district.supported_by("G1")} & offered  # existing links
    picker = LinkPicker(district, "P1", "supports", window)
    qtbot.addWidget(picker)
    picker.search.setText("G1")
    assert [
        picker.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(picker.list.count())
    ] in ([], ["G1"])
    picker.search.setText("zzz no such item")
    assert picker.list.count() == 0
    assert not picker.buttons.button(picker.buttons.StandardButton.Ok).isEnabled()


def test_window_geometry_is_remembered(qtbot: Any, window: Any) -> None:
    from coherence_planner.ui.shell.main_window import MainWindow

    window.resize(760, 560)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    # restoreGeometry keeps a window on its screen (the offscreen one is 800 px wide).
    screen_width = again.screen().availableGeometry().width()
    assert again.height() == 560
    assert abs(again.width() - min(window.width(), screen_width)) <= 4  # window frame
    again.close()
