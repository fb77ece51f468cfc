"""File flows through the window: refusals get one clear sentence and the app keeps going;
the sample opens as a copy; import and export; recent files; the lock between windows."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coherence_planner.assets import sample_district_path
from coherence_planner.domain.model.codec import district_from_dict, district_to_dict
from coherence_planner.storage import schema
from coherence_planner.ui import settings
from coherence_planner.ui.documents import controller as documents_module
from coherence_planner.ui.documents import locks
from coherence_planner.ui.shell.main_window import MainWindow


def test_sample_opens_as_a_copy_and_the_original_is_untouched(
    window: Any, messages: Any, qtbot: Any
) -> None:
    before = hashlib.sha256(sample_district_path().read_bytes()).hexdigest()
    window.files.sample_action.trigger()
    # The copy is made in the opening worker: the window names it meanwhile (issue 29).
    assert window.stack.currentWidget() is window.opening_page
    assert "Riverside" in window.windowTitle() and "Opening…" in window.windowTitle()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=10000)
    assert window.stack.currentWidget() is window.views
    path = window.session.document.path
    assert path.suffix == ".coherence" and "sample" in path.name
    assert window.session.district.name.startswith("Riverside")
    assert hashlib.sha256(sample_district_path().read_bytes()).hexdigest() == before
    assert messages.shown == []


def test_a_damaged_file_is_explained_and_the_app_keeps_running(
    window: Any, dialogs: Any, messages: Any, sample_plan: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(sample_plan)
    damaged = tmp_path / "damaged.coherence"
    data = bytearray(sample_plan.read_bytes())
    data[200:4000] = b"\xff" * 3800
    damaged.write_bytes(bytes(data))
    dialogs.answer(damaged)
    window.files.open_action.trigger()
    assert len(messages.shown) == 1
    assert "damaged.coherence" in messages.texts()[0]
    # The plan that was open stays open and editable.
    assert window.session.document.path == sample_plan
    window.editing.add_actions["goal"].trigger()
    assert len(window.session.district.items_of("goal")) == 7


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"just some text, not a plan", "neither"),
        (b"{}", "not a valid"),
    ],
)
def test_foreign_files_are_refused_with_a_sentence(
    window: Any, messages: Any, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "foreign.coherence"
    path.write_bytes(content)
    assert not window.documents.open_plan(path)
    assert len(messages.shown) == 1
    assert "foreign.coherence" in messages.texts()[0]
    assert window.stack.currentWidget() is window.start_page


def test_a_plan_from_a_newer_version_is_refused(
    window: Any, messages: Any, sample_plan: Path
) -> None:
    conn = sqlite3.connect(sample_plan)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 5}")
    conn.commit()
    conn.close()
    assert not window.documents.open_plan(sample_plan)
    assert "newer" in messages.texts()[0].lower()


def test_a_plan_held_by_another_window_says_so(
    window: Any, messages: Any, sample_plan: Path
) -> None:
    held = locks.acquire(sample_plan)  # another running instance
    try:
        assert not window.documents.open_plan(sample_plan)
    finally:
        held.unlock()
    assert "another Coherence Planner window" in messages.texts()[0]
    assert window.documents.open_plan(sample_plan)


def test_a_plan_in_a_synced_folder_gets_a_warning(
    window: Any, messages: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        documents_module,
        "cloud_or_network_reason",
        lambda path: "This plan is in a Dropbox folder.",
    )
    assert window.documents.open_plan(sample_plan)
    assert messages.shown[0][0] == "warning"
    assert "Dropbox" in messages.texts()[0]
    assert window.session.is_open


def test_import_and_export_json(window: Any, dialogs: Any, messages: Any, tmp_path: Path) -> None:
    dialogs.answer(sample_district_path(), tmp_path / "imported.coherence")
    window.files.import_action.trigger()
    assert window.session.document.path == tmp_path / "imported.coherence"
    assert len(window.session.district.items_of("program")) == 63
    dialogs.answer(tmp_path / "out")
    window.files.export_action.trigger()
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    original = json.loads(sample_district_path().read_text(encoding="utf-8"))
    # The export carries the plan's lineage (its id and revision, for merging copies later).
    assert exported["district"].pop("lineage")["plan_id"]
    assert district_to_dict(district_from_dict(exported)) == district_to_dict(
        district_from_dict(original)
    )
    assert messages.shown == []


def test_an_invalid_import_lists_its_problems_and_writes_nothing(
    window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "coherence-planner/district",
                "version": 1,
                "goals": [{"id": "G1", "name": ""}],
                "programs": [{"id": "P1", "name": "X", "annual_cost": -5}],
                "links": [{"from": "P1", "to": "G9"}],
            }
        ),
        encoding="utf-8",
    )
    dialogs.answer(bad, tmp_path / "never.coherence")
    window.files.import_action.trigger()
    assert not (tmp_path / "never.coherence").exists()
    text = messages.texts()[0]
    assert "bad.json" in text and "G9" in text and text.count("•") >= 3


def test_save_a_copy_keeps_working_in_the_original(
    window: Any, dialogs: Any, sample_plan: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(sample_plan)
    dialogs.answer(tmp_path / "shared")
    window.files.save_copy_action.trigger()
    assert (tmp_path / "shared.coherence").exists()
    assert window.session.document.path == sample_plan


def test_recent_files_survive_a_restart(qtbot: Any, window: Any, sample_plan: Path) -> None:
    window.documents.open_plan(sample_plan)
    window.close()
    assert settings.recent_files() == [str(sample_plan.resolve())]
    second = MainWindow()
    qtbot.addWidget(second)
    actions = [
        a for a in second.files.recent_menu.actions() if a.text() == str(sample_plan.resolve())
    ]
    assert actions and second.start_page.recent.count() == 1
    actions[0].trigger()
    assert second.session.document.path == sample_plan.resolve()
    second.close()


def test_cancelled_dialogs_change_nothing(window: Any, dialogs: Any, messages: Any) -> None:
    window.files.new_action.trigger()
    window.files.open_action.trigger()
    window.files.import_action.trigger()
    assert not window.session.is_open
    assert messages.shown == []
    assert dialogs.asked == ["New plan", "Open plan", "Import district"]


def test_a_new_plan_may_replace_the_open_one(
    window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    target = tmp_path / "plan.coherence"
    dialogs.answer(target)
    window.files.new_action.trigger()
    window.editing.add_actions["goal"].trigger()
    dialogs.answer(target)  # the file dialog already asked whether to replace it
    window.files.new_action.trigger()
    assert messages.shown == []
    assert window.session.document.path == target
    assert len(window.session.district.items) == 0
