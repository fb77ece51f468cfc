"""The import corpus (tests/data/import_corpus): its truth files are well formed and agree
with themselves, the scoring gives a perfect import full marks and a code-named one none, and
the accuracy benchmark runs. No accuracy thresholds: the import is not tuned yet (issue 23)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks import bench_import_accuracy as bench
from benchmarks.import_scoring import goal_key, normalise, score
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Link, Program

CORPUS = bench.CORPUS
TRUTHS = sorted(CORPUS.glob("*.truth.json")) + sorted(CORPUS.glob("holdout/*.truth.json"))
# Names that mark a line the law requires: the truth must flag every such program.
LEGAL = re.compile(
    r"mckinney|homeless|equitable services|private (school|nonprofit)|indirect cost|idea|"
    r"special education|section 504|dyslexia",
    re.IGNORECASE,
)


def load(path: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return truth


def test_the_corpus_has_its_files_and_a_third_held_out() -> None:
    inventories = [p for p in CORPUS.rglob("*") if p.suffix in (".xlsx", ".csv")]
    assert sorted(bench.truth_path(p) for p in inventories) == sorted(TRUTHS)
    held = [p for p in inventories if p.parent.name == "holdout"]
    assert len(inventories) >= 12
    assert len(held) >= 4 and 3 * len(held) >= len(inventories)
    assert bench.corpus_files(holdout=False) == sorted(set(inventories) - set(held))
    assert {p.suffix for p in inventories} == {".xlsx", ".csv"}


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_truth_is_well_formed_and_consistent(path: Path) -> None:
    truth = load(path)
    assert truth["file"] == path.name.removesuffix(".truth.json")
    assert truth["shape"] and isinstance(truth["notes"], str)
    assert truth["district"] is None or truth["district"].strip()
    goals = {goal_key(goal) for goal in truth["goals"]}
    assert len(goals) == len(truth["goals"]), "two goals share a code or name"
    assert all(goal["code"] is not None or goal["name"] for goal in truth["goals"])
    programs = truth["programs"]
    assert 15 <= len(programs) <= 60
    names: dict[str, str] = {}
    for program in programs:
        for form in [program["name"], *program.get("also", [])]:
            # No two programs can be told apart only by a name both may be given.
            assert names.setdefault(normalise(form), program["name"]) == program["name"], form
        assert set(program["goals"]) <= goals, f"{program['name']} links a goal not listed"
        assert len(set(program["goals"])) == len(program["goals"])
        assert isinstance(program["annual_cost"], int | float) and program["annual_cost"] > 0
        assert program["annual_cost"] == round(program["annual_cost"], 2)
        assert program["required"] == bool(program.get("required_because"))
        assert program["required"] or not LEGAL.search(program["name"]), program["name"]
    cost = {program["name"]: program["annual_cost"] for program in programs}
    for total in truth["sheet_totals"]:
        covered = total["programs"]
        if covered == "none":
            assert total["agrees"] is None
            continue
        members = list(cost) if covered == "all" else covered
        assert set(members) <= set(cost), total["label"]
        difference = abs(sum(cost[name] for name in members) - total["amount"])
        assert (difference < 0.005) is total["agrees"], total["label"]


def district_from_truth(truth: dict[str, Any], *, named: str = "name") -> District:
    """The plan a perfect import would make (or, with named="code", one naming programs by
    a made-up code as a finance export's code column would)."""
    district = District(name=truth["district"] or "")
    for index, goal in enumerate(truth["goals"]):
        title = f"Goal {goal['code']}" if goal["code"] is not None else goal["name"]
        district.add_item(Goal(id=f"g{index}", name=title))
    goal_ids = {goal_key(goal): f"g{i}" for i, goal in enumerate(truth["goals"])}
    for index, program in enumerate(truth["programs"]):
        name = program["name"] if named == "name" else f"3213-{index:03d}"
        district.add_item(
            Program(
                id=f"p{index}",
                name=name,
                annual_cost=program["annual_cost"],
                required=program["required"],
            )
        )
        for key in program["goals"]:
            district.add_link(Link(src=f"p{index}", dst=goal_ids[key]))
    return district


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_a_perfect_import_scores_full_marks(path: Path) -> None:
    truth = load(path)
    figures, missed, extra = score(district_from_truth(truth), truth)
    links = sum(len(p["goals"]) for p in truth["programs"])
    assert (figures.found, figures.missed, figures.extra, missed, extra) == (
        len(truth["programs"]),
        0,
        0,
        [],
        [],
    )
    assert (figures.links_right, figures.links_wrong, figures.links_missing) == (links, 0, 0)
    assert figures.money_right == len(truth["programs"])
    assert figures.goal_money_right == len(truth["goals"])
    assert figures.required_flagged == figures.required and figures.required_false == 0


def test_programs_named_by_their_codes_are_missed_and_extra() -> None:
    truth = load(CORPUS / "board_budget_book.xlsx.truth.json")
    figures, missed, extra = score(district_from_truth(truth, named="code"), truth)
    assert figures.found == 0 and figures.extra == figures.missed == len(truth["programs"])
    assert len(missed) == len(extra) == len(truth["programs"])
    assert figures.links_missing == sum(len(p["goals"]) for p in truth["programs"])


def test_the_benchmark_runs_on_a_corpus_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "european_locale_export.csv"
    truth = load(bench.truth_path(path))
    assert bench.main([str(path), "--runs", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (result,) = report["files"]
    figures = result["figures"]
    assert result["file"] == path.name and result["seconds"] > 0
    assert figures["programs"] == len(truth["programs"])
    assert figures["found"] + figures["missed"] == figures["programs"]
    assert figures["links"] == sum(len(p["goals"]) for p in truth["programs"])
    assert report["total"] == figures
    assert bench.main([str(path), "--runs", "1"]) == 0
    table = capsys.readouterr().out
    assert "| `european_locale_export.csv` | 16 |" in table and "| **total** | 16 |" in table
