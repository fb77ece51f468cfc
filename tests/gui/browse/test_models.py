"""The browser and findings models are thin adapters, tested without a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.commands import AddItem, Changes, SetItemFields
from coherence_planner.domain.model.items import Program
from coherence_planner.ui.browse.model import ID_ROLE, Filters, ItemFilter, ItemTreeModel
from coherence_planner.ui.findings.model import IDS_ROLE, FindingsModel
from tests.gui.conftest import sample_district


def shown_ids(proxy: ItemFilter) -> set[str]:
    ids = set()
    for group in range(proxy.rowCount()):
        parent = proxy.index(group, 0)
        for row in range(proxy.rowCount(parent)):
            ids.add(proxy.index(row, 0, parent).data(ID_ROLE))
    return ids


def make_models() -> tuple[Any, ItemTreeModel, ItemFilter]:
    district = sample_district()
    model = ItemTreeModel()
    model.set_district(district)
    model.set_analysis(analyse(district))
    return district, model, ItemFilter(model)


def test_groups_show_counts_and_items_in_order(qtmodeltester: Any) -> None:
    _district, model, _proxy = make_models()
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(4)] == [
        "Goals (6)",
        "Strategies (16)",
        "Programs (63)",
        "Policies (14)",
    ]
    programs = model.index(2, 0)
    assert model.index(0, 0, programs).data(ID_ROLE) == "P1"
    assert model.index(0, 1, programs).data() == "$480K"
    assert "Removal candidate" in model.index_of("P4").data(Qt.ItemDataRole.ToolTipRole)


def test_filters_by_each_criterion() -> None:
    district, model, proxy = make_models()
    analysis = model.analysis
    proxy.set_filters(Filters(kind="goal"))
    assert shown_ids(proxy) == {g.id for g in district.items_of("goal")}
    proxy.set_filters(Filters(flag="orphan"))
    assert shown_ids(proxy) == {o.id for o in analysis.orphans}
    proxy.set_filters(Filters(goal="G3"))
    assert shown_ids(proxy) == {"G3"} | {
        i for i, goals in analysis.goals_of.items() if "G3" in goals
    }
    proxy.set_filters(Filters(status="retired"))
    assert shown_ids(proxy) == {i.id for i in district.items.values() if i.status == "retired"}
    proxy.set_filters(Filters(school="Lincoln Park Middle School"))
    shown = shown_ids(proxy)
    assert "P14" in shown
    assert all(isinstance(district.items[i], Program) for i in shown)
    proxy.set_filters(Filters(grade_band="High (9-12)"))
    assert "P21" in shown_ids(proxy) and "P2" not in shown_ids(proxy)
    proxy.set_filters(Filters(text="phonics groups"))
    assert shown_ids(proxy) == {"P2"}
    # The group says how many of its items show, not its total beside one row.
    programs = len(district.items_of("program"))
    assert proxy.index(0, 0).data() == f"Programs (1 of {programs})"
    proxy.set_filters(Filters(kind="program", flag="removal"))
    assert shown_ids(proxy) == {c.id for c in analysis.removal_candidates if c.kind == "program"}
    proxy.set_filters(Filters())
    assert len(shown_ids(proxy)) == len(district.items)
    assert proxy.index(0, 0).data() == f"Goals ({len(district.items_of('goal'))})"


def test_edits_refresh_rows_and_new_items_appear() -> None:
    district, model, _proxy = make_models()
    changed: list[QModelIndex] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top))
    command = SetItemFields(district, "P1", {"name": "Renamed"})
    model.apply_changes(command.do(district))
    assert changed and changed[0].data(ID_ROLE) == "P1"
    assert model.index_of("P1").data() == "Renamed"
    add = AddItem(Program(id="P99", name="Brand new"))
    model.apply_changes(add.do(district))
    assert model.index(2, 0).data() == "Programs (64)"
    model.apply_changes(add.undo(district))
    assert model.index(2, 0).data() == "Programs (63)"
    model.apply_changes(Changes())


def test_findings_model_sections_reasons_and_ids() -> None:
    district = sample_district()
    analysis = analyse(district)
    model = FindingsModel()
    model.set_analysis(district, analysis)
    titles = [model.item(r).text() for r in range(model.rowCount())]
    assert titles[0] == f"Orphans ({len(analysis.orphans)})"
    assert titles[4].startswith(
        f"Removal candidates ({len(analysis.removal_candidates)}) · frees $"
    )
    orphans = model.section_index("orphans")
    assert orphans.child(0).data(IDS_ROLE) == [analysis.orphans[0].id]
    assert "not linked to any student-learning goal" in orphans.child(0).toolTip()
    conflicts = model.section_index("conflicts")
    assert conflicts.child(0).data(IDS_ROLE) == [analysis.conflicts[0].a, analysis.conflicts[0].b]
    removal = model.section_index("removal")
    p4 = next(
        removal.child(r)
        for r in range(removal.rowCount())
        if removal.child(r).data(IDS_ROLE) == ["P4"]
    )
    assert "$180,000" in p4.text() and "2 FTE" in p4.text()


def test_long_sections_stop_at_the_row_limit_with_a_row_that_lists_the_rest(
    monkeypatch: Any,
) -> None:
    from coherence_planner.ui.findings import model as findings_model
    from coherence_planner.ui.findings.model import FILTER_ROLE, REASON_ROLE

    monkeypatch.setattr(findings_model, "ROW_LIMIT", 2)
    district = sample_district()
    analysis = analyse(district)
    assert len(analysis.orphans) > 2 and len(analysis.conflicts) <= 2
    model = FindingsModel()
    model.set_analysis(district, analysis)
    orphans = model.section_index("orphans")
    assert orphans.text() == f"Orphans ({len(analysis.orphans)})"
    assert orphans.rowCount() == 3
    assert [orphans.child(r).data(IDS_ROLE) for r in range(2)] == [
        [o.id] for o in analysis.orphans[:2]
    ]
    more = orphans.child(2)
    assert more.text() == f"… and {len(analysis.orphans) - 2} more"
    assert more.data(IDS_ROLE) == []
    assert more.data(FILTER_ROLE) == {"flag": "orphan"}
    assert f"first 2 of {len(analysis.orphans)}" in more.data(REASON_ROLE)
    conflicts = model.section_index("conflicts")
    assert conflicts.rowCount() == len(analysis.conflicts)
    assert all(conflicts.child(r).data(FILTER_ROLE) is None for r in range(conflicts.rowCount()))


def test_opening_the_more_row_lists_the_whole_section_in_the_browser(
    window: Any, sample_plan: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from coherence_planner.ui.findings import model as findings_model
    from tests.gui.helpers import wait_for_analysis

    monkeypatch.setattr(findings_model, "ROW_LIMIT", 2)
    assert window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    orphans = window.findings.model.section_index("orphans")
    more = window.findings.model.indexFromItem(orphans.child(2))
    window.findings.view.activated.emit(more)
    assert window.browser.filters().flag == "orphan"
    assert window.session.selection == []
    assert window.findings.reason.text().startswith("This list shows the first 2 of")
