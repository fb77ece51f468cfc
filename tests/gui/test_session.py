"""The session: edits go through the document, undo/redo, analysis coalesced and, for large
districts, computed in a worker thread whose stale results are dropped."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.commands import AddLink, SetItemFields
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Link
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.errors import FileReplaced
from coherence_planner.ui import analysis_runner
from coherence_planner.ui.session import DocumentSession
from tests.factories import g, make, p


def open_session(tmp_path: Path, qtbot: Any) -> DocumentSession:
    district = make(goals=[g("G1")], programs=[p("P1", name="Phonics intervention")])
    session = DocumentSession()
    session.set_document(Document.create(tmp_path / "plan.coherence", district))
    with qtbot.waitSignal(session.analysis_ready, timeout=3000):
        pass
    return session


def test_push_writes_to_disk_and_undo_reverts_it(tmp_path: Path, qtbot: Any) -> None:
    session = open_session(tmp_path, qtbot)
    assert [o.id for o in session.analysis.orphans] == ["P1"]
    with qtbot.waitSignal(session.analysis_ready, timeout=3000):
        session.push(AddLink(session.district, Link("P1", "G1")))
    assert session.analysis.orphans == []
    assert session.undo_stack.undoText() == "Link Phonics intervention to Goal G1"
    with _reopen(session) as doc:
        assert ("supports", "P1", "G1") in doc.district.links
    with qtbot.waitSignal(session.analysis_ready, timeout=3000):
        session.undo_stack.undo()
    assert [o.id for o in session.analysis.orphans] == ["P1"]
    assert ("supports", "P1", "G1") not in session.district.links
    session.shutdown()


def _reopen(session: DocumentSession) -> Document:
    """Read the file as it is on disk, through a copy (the live one is locked)."""
    assert session.document is not None
    copy = session.document.path.with_name("check.coherence")
    session.document.save_copy(copy)
    return Document.open(copy)


def test_a_burst_of_edits_costs_one_analysis(tmp_path: Path, qtbot: Any) -> None:
    session = open_session(tmp_path, qtbot)
    results: list[object] = []
    session.analysis_ready.connect(results.append)
    for cost in (1, 2, 3, 4, 5):
        session.push(SetItemFields(session.district, "P1", {"annual_cost": cost}))
    qtbot.waitUntil(lambda: not session.analysis_pending, timeout=3000)
    assert len(results) == 1
    assert results[0].resources.total_cost == 5
    session.shutdown()


def test_slow_analyses_run_in_a_worker_and_stale_results_are_dropped(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(tmp_path, qtbot)
    runner = session._runner
    gate = threading.Event()
    seen: list[District] = []

    def slow_analyse(district: District) -> Analysis:
        seen.append(district)
        gate.wait(5)
        return analyse(district)

    monkeypatch.setattr(analysis_runner, "analyse", slow_analyse)
    runner.last_duration = 10.0  # as if the district were huge: the next run goes to the thread
    results: list[Any] = []
    session.analysis_ready.connect(results.append)
    try:
        session.push(SetItemFields(session.district, "P1", {"annual_cost": 100}))
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
        # An edit while the worker runs: the worker's snapshot keeps the old value, and its
        # result is stale, so it is dropped and a fresh run follows.
        session.push(SetItemFields(session.district, "P1", {"annual_cost": 200}))
        assert seen[0].items["P1"].annual_cost == 100
        assert seen[0] is not session.district
        gate.set()
        qtbot.waitUntil(lambda: bool(results) and not session.analysis_pending, timeout=5000)
        assert [r.resources.total_cost for r in results] == [200]
        assert len(seen) == 2
    finally:
        gate.set()
        session.shutdown()
    assert runner._thread is None


def test_selection_drops_ids_that_do_not_exist(tmp_path: Path, qtbot: Any) -> None:
    session = open_session(tmp_path, qtbot)
    with qtbot.waitSignal(session.selection_changed) as signal:
        session.select(["P1", "nope", "P1"])
    assert signal.args == [["P1"]]
    session.shutdown()


def test_an_undo_the_district_refuses_is_reported_and_history_restarts(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(tmp_path, qtbot)
    session.push(SetItemFields(session.district, "P1", {"annual_cost": 10}))
    assert session.document is not None

    def refused(_command: Any, **_options: Any) -> Any:
        raise DistrictError("P1 is not there any more")

    monkeypatch.setattr(session.document, "revert", refused)
    with qtbot.waitSignal(session.failed) as failed:
        session.undo_stack.undo()
    assert isinstance(failed.args[0], DistrictError)
    qtbot.waitUntil(lambda: session.undo_stack.count() == 0, timeout=2000)
    assert session.district.items["P1"].annual_cost == 10
    session.shutdown()


def test_an_undo_the_file_refuses_stays_in_memory_and_on_the_stack(
    tmp_path: Path, qtbot: Any
) -> None:
    session = open_session(tmp_path, qtbot)
    session.push(SetItemFields(session.district, "P1", {"annual_cost": 10}))
    moved = tmp_path / "moved.coherence"
    (tmp_path / "plan.coherence").rename(moved)  # the file manager, while the plan is open
    with qtbot.waitSignal(session.not_saved) as said:
        session.undo_stack.undo()
    assert isinstance(said.args[0], FileReplaced)
    assert session.unsaved
    assert session.district.items["P1"].annual_cost is None  # the undo happened, in memory
    assert (session.undo_stack.count(), session.undo_stack.index()) == (1, 0)
    session.undo_stack.redo()  # and can be redone, in memory
    assert session.district.items["P1"].annual_cost == 10
    session.shutdown()
    assert read_plan(moved).items["P1"].annual_cost == 10  # the file was never written after


def test_a_large_open_plan_is_kept_out_of_full_garbage_collections(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from coherence_planner.ui import session as session_module

    (tmp_path / "small").mkdir()
    small = open_session(tmp_path / "small", qtbot)
    assert gc.get_freeze_count() == 0  # a plan under FREEZE_ITEMS leaves the collector be
    small.close()
    monkeypatch.setattr(session_module, "FREEZE_ITEMS", 2)
    session = open_session(tmp_path, qtbot)
    try:
        assert gc.get_freeze_count() > 2
        collected = {id(obj) for obj in gc.get_objects()}  # the permanent generation aside
        assert not any(id(item) in collected for item in session.district.items.values())
    finally:
        session.close()
    assert gc.get_freeze_count() == 0


def test_a_large_plans_first_analysis_runs_in_the_worker(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opening a 10,000-program plan froze the window while its first analysis ran on the
    # window's thread; from WORKER_ITEMS items it goes to the worker like a slow edit's.
    district = district_from_dict(generate(1000, 1))
    assert len(district.items) >= analysis_runner.WORKER_ITEMS
    threads: list[threading.Thread] = []

    def recording(analysed: District) -> Analysis:
        threads.append(threading.current_thread())
        return analyse(analysed)

    monkeypatch.setattr(analysis_runner, "analyse", recording)
    runner = analysis_runner.AnalysisRunner()
    results: list[Any] = []
    runner.ready.connect(results.append)
    try:
        runner.set_district(district)
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        assert threads and threads[0] is not threading.main_thread()
        assert results[0].resources.total_cost > 0
    finally:
        runner.shutdown()
