"""`check --json`, run as a person runs it, agrees with a literal reading of the rules
(version 2, benchmarks/naive_rules.py) on the sample district and on generated districts
shaped like real ones, required items and unknown types included."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate_district import generate
from benchmarks.naive_rules import naive
from coherence_planner.domain.model.codec import district_to_dict
from coherence_planner.storage.sample import sample_district


def _check_json(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "coherence_planner", "check", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _with_unknowns_and_required(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """A generated plan as imported inventories leave it: some types unknown (null or
    "other"), some programs and policies required by law."""
    rnd = random.Random(seed)
    for program in data["programs"]:
        roll = rnd.random()
        if roll < 0.15:
            program["type"] = None
        elif roll < 0.25:
            program["type"] = "other"
        if rnd.random() < 0.08:
            program["required"] = True
    for policy in data["policies"]:
        if rnd.random() < 0.2:
            policy["required"] = True
    return data


def _agree(report: dict[str, Any], expected: dict[str, Any]) -> None:
    assert [o["id"] for o in report["orphans"]] == expected["orphans"]
    assert [g["id"] for g in report["unsupported_goals"]] == expected["unsupported"]
    members = sorted(m for group in report["competing"] for m in group["members"])
    assert members == expected["in_groups"]
    assert sorted(k for group in report["competing"] for k in group["kept"]) == expected["kept"]
    assert [c["id"] for c in report["removal_candidates"]] == expected["removal"]
    assert report["resources"]["freed_cost"] == pytest.approx(expected["freed_cost"])
    assert report["resources"]["total_cost"] == pytest.approx(expected["total"])
    assert report["data_gaps"] == expected["data_gaps"]


def test_the_sample_districts_check_agrees_with_the_rules(tmp_path: Path) -> None:
    data = district_to_dict(sample_district())
    path = tmp_path / "riverside.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = _check_json(path)
    _agree(report, naive(data))
    required = {
        i["id"] for kind in ("programs", "policies") for i in data[kind] if i.get("required")
    }
    assert required  # the sample holds required items, and none is a removal candidate
    assert not required & {c["id"] for c in report["removal_candidates"]}


@pytest.mark.parametrize(("programs", "seed"), [(60, 1), (150, 2), (300, 3)])
def test_generated_districts_check_agrees_with_the_rules(
    tmp_path: Path, programs: int, seed: int
) -> None:
    data = _with_unknowns_and_required(generate(programs, seed), seed)
    path = tmp_path / "generated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _agree(_check_json(path), naive(data))
