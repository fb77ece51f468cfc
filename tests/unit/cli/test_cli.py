"""The command line end to end, through main() and through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coherence_planner import __version__
from coherence_planner.cli import main
from coherence_planner.storage.document import Document
from tests.factories import district_dict, g, p, s, sup

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_json(
        tmp_path / "small.json",
        district_dict(
            goals=[g("G1"), g("G2")],
            strategies=[s("S1")],
            programs=[p("P1", annual_cost=1000), p("P2", annual_cost=500.5)],
            links=[sup("P1", "S1"), sup("S1", "G1")],
            name="Small Unified",
        ),
    )


def test_check_json_end_to_end_in_a_subprocess(small: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coherence_planner", "check", str(small), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["district"] == "Small Unified"
    assert report["counts"] == {
        "goals": 2,
        "strategies": 1,
        "programs": 2,
        "policies": 0,
        "links": 2,
    }
    assert [o["id"] for o in report["orphans"]] == ["P2"]
    assert report["unsupported_goals"] == [{"id": "G2", "name": "Goal G2"}]
    assert report["resources"]["total_cost"] == 1500.5
    assert report["resources"]["by_goal"] == {"G1": 1000, "G2": 0}
    assert report["removal_candidates"][0]["annual_cost"] == 500.5


def test_check_reads_a_coherence_plan_and_prints_words(tmp_path: Path, small: Path, capsys) -> None:
    plan = tmp_path / "plan.coherence"
    assert main(["import", str(small), "--into", str(plan)]) == 0
    capsys.readouterr()
    assert main(["check", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "Small Unified" in out
    assert "Not linked to any student-learning goal (1)" in out
    assert "Goals nothing supports (1)" in out


def test_import_refuses_to_overwrite_unless_replace(tmp_path: Path, small: Path, capsys) -> None:
    plan = tmp_path / "plan.coherence"
    plan.write_bytes(b"precious")
    assert main(["import", str(small), "--into", str(plan)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "plan.coherence" in err
    assert plan.read_bytes() == b"precious"
    assert main(["import", str(small), "--into", str(plan), "--replace"]) == 0
    with Document.open(plan) as doc:
        assert doc.district.name == "Small Unified"


def test_invalid_import_names_every_problem_and_leaves_target(tmp_path: Path, capsys) -> None:
    bad = district_dict(
        goals=[g("G1")],
        programs=[p("P1", tier=7), p("P1")],
        links=[sup("G1", "P1"), sup("P1", "P9")],
    )
    src = write_json(tmp_path / "bad.json", bad)
    plan = tmp_path / "plan.coherence"
    plan.write_bytes(b"old")
    assert main(["import", str(src), "--into", str(plan), "--replace"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "problems" in err and "tier" in err
    assert plan.read_bytes() == b"old"


def test_export_json_round_trips_losslessly(tmp_path: Path) -> None:
    plan = tmp_path / "sample.coherence"
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["demo", "--out", str(plan)]) == 0
    assert main(["export", str(plan), str(first)]) == 0
    assert main(["import", str(first), "--into", str(tmp_path / "again.coherence")]) == 0
    assert main(["export", str(tmp_path / "again.coherence"), str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text())["district"]["name"].startswith("Riverside")


def test_demo_matches_the_installed_sample_and_never_touches_it(tmp_path: Path) -> None:
    before = SAMPLE.read_bytes()
    assert main(["demo", "--out", str(tmp_path / "d.coherence")]) == 0
    assert SAMPLE.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["check", "missing.json"], "no such file"),
        (["export", "{small}", "out.docx"], "cannot export to .docx"),
        (["export", "{small}", "out.json", "--goal", "G1"], "--goal applies to the map"),
        (["export", "{small}", "out.json", "--tile", "2x2"], "apply to .pdf only"),
        (["import", "{small}", "--into", "plan.db"], "must end in .coherence"),
        (["check"], "required"),
        (["frobnicate", "x", "y"], "unrecognized arguments: x y"),
    ],
)
def test_errors_exit_2_with_one_line(
    argv: list[str], needle: str, small: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{small}", str(small)) for a in argv]
    with pytest.raises(SystemExit) if argv in (["check"], ["frobnicate", "x", "y"]) else _nothing():
        code = main(args)
        assert code == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_not_a_plan_is_refused_with_a_sentence(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "junk.coherence"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    assert main(["check", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "junk.coherence" in err and err.count("\n") == 1


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_spreadsheet_export_then_import_through_the_command_line(tmp_path: Path, capsys) -> None:
    plan, sheet = tmp_path / "sample.coherence", tmp_path / "inventory.xlsx"
    assert main(["demo", "--out", str(plan)]) == 0
    assert main(["export", str(plan), str(sheet)]) == 0
    again = tmp_path / "again.coherence"
    assert main(["import", str(sheet), "--into", str(again)]) == 0
    assert "99 new items" in capsys.readouterr().out
    # A second import of the same sheet into the plan changes nothing and duplicates nothing.
    assert main(["import", str(sheet), "--into", str(again)]) == 0
    with Document.open(again) as doc:
        assert len(doc.district.items) == 99
        assert len(doc.district.links) == 100


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    src = write_json(
        tmp_path / "f.json",
        district_dict(goals=[g("G1")], programs=[p("P1", name="=HYPERLINK(1)")]),
    )
    out = tmp_path / "programs.csv"
    assert main(["export", str(src), str(out)]) == 0
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8-sig")


def test_svg_map_export_carries_item_and_link_attributes(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    out = tmp_path / "map.svg"
    assert main(["export", str(SAMPLE), str(out), "--goal", "G1"]) == 0
    root = ET.parse(out).getroot()
    ids = {el.get("data-item-id") for el in root.iter() if el.get("data-item-id")}
    assert {"G1", "P1", "S1"} <= ids
    froms = [el for el in root.iter() if el.get("data-from")]
    assert froms and all(el.get("data-to") for el in froms)


def test_diff_through_main_shows_a_changed_field(tmp_path: Path, capsys) -> None:
    before = json.loads(SAMPLE.read_text(encoding="utf-8"))
    after = json.loads(SAMPLE.read_text(encoding="utf-8"))
    after["programs"][0]["annual_cost"] = 1
    a = write_json(tmp_path / "a.json", before)
    b = write_json(tmp_path / "b.json", after)
    assert main(["diff", str(a), str(b), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "P1" in json.dumps(report)
    assert main(["diff", str(a), str(tmp_path / "missing.json")]) == 2


def test_check_text_names_items_in_words_and_lists_data_gaps(capsys) -> None:
    from coherence_planner.domain.model import codec
    from tests.wording import bare_ids, cut_names

    assert main(["check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    district = codec.district_from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assert bare_ids(out, district) == []
    assert cut_names(out) == []
    assert "The programs' facts are 9" in out  # the completeness figure, up top
    assert "Data gaps to fill in before the retreat" in out
    assert "Advanced Placement Exam Fee Support\n      No type;" in out
    assert "Required by law, but not linked to any student-learning goal" in out
    # Rules 2.1: the required screener is kept beside the kept one (2.0 said "not kept").
    assert "keep  State Dyslexia Risk Screener (K-2) (kept: required by law)" in out
