"""`coherence-planner diff A B [--json]`, through run_diff and through main()."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from coherence_planner.cli.common import CommandError
from coherence_planner.cli.diff_plans import run_diff, split_spec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.progress.snapshots import take_snapshot
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import write_json
from tests.factories import g, make, p, sup

WHEN = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def last_year():
    return make(
        goals=[g("G1")],
        programs=[p("P1", annual_cost=100), p("P2", annual_cost=50)],
        links=[sup("P1", "G1")],
    )


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan with a snapshot "Before the retreat", then P1's cost changed and P2 linked."""
    path = tmp_path / "plan.coherence"
    with Document.create(path, last_year()) as doc:
        doc.apply(take_snapshot(doc.district, "Before the retreat", WHEN))
        doc.apply(SetItemFields(doc.district, "P1", {"annual_cost": 120, "decision": "keep"}))
    return path


def test_plan_against_its_own_snapshot_as_json(plan: Path, capsys) -> None:
    assert run_diff(f"{plan}@Before the retreat", str(plan), as_json=True) == 0
    data = json.loads(capsys.readouterr().out)
    [changed] = data["items"]["changed"]
    assert changed["id"] == "P1"
    assert {f["field"]: (f["old"], f["new"]) for f in changed["fields"]} == {
        "annual_cost": (100, 120),
        "decision": ("undecided", "keep"),
    }
    assert data["decisions"][0]["new"] == "keep"
    assert data["spend"]["total_cost"] == {"before": 150, "after": 170}
    assert data["a"].endswith("@Before the retreat")


def test_plan_against_last_years_json_as_text(plan: Path, tmp_path: Path, capsys) -> None:
    old = last_year()
    old.items["P2"].name = "Old name"
    write_json(old, tmp_path / "2025.json")
    assert run_diff(str(tmp_path / "2025.json"), str(plan), as_json=False) == 0
    out = capsys.readouterr().out
    assert "~     Name: “Old name” → “Program P2”" in out
    assert "~     Annual cost: $100 → $120" in out
    assert "Orphans: 1 → 1" in out


def test_missing_snapshot_names_the_ones_there(plan: Path) -> None:
    with pytest.raises(CommandError, match=r"no snapshot named 'After'.*Before the retreat"):
        run_diff(f"{plan}@After", str(plan), as_json=False)
    with pytest.raises(CommandError, match="name a snapshot after the @"):
        run_diff(f"{plan}@ ", str(plan), as_json=False)


def test_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run_diff(str(tmp_path / "nope.coherence"), str(tmp_path / "x.json"), as_json=False)


def test_split_spec_prefers_an_existing_path(tmp_path: Path) -> None:
    odd = tmp_path / "team@2026.json"
    write_json(last_year(), odd)
    assert split_spec(str(odd)) == (str(odd), None)
    assert split_spec(f"{odd}@Fall@Spring") == (str(odd), "Fall@Spring")
    assert split_spec(str(tmp_path / "missing@x")) == (str(tmp_path / "missing@x"), None)
