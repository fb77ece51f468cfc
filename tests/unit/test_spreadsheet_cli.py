"""The spreadsheet verbs of the command line: create, re-import in place, refuse, export."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from coherence_planner.cli.spreadsheets import export_csv, export_xlsx, import_spreadsheet
from coherence_planner.domain.model.codec import district_to_dict
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets import save_mappings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_create_then_update_in_place(tmp_path: Path) -> None:
    plan = tmp_path / "plan.coherence"
    first = write(
        tmp_path / "inventory.csv",
        "Program Name,Cost\nRead Well,$1,000\n".replace("$1,000", '"$1,000"'),
    )
    assert import_spreadsheet(first, plan).startswith(
        "Created plan.coherence from inventory.csv: 1 new item, 0 updated, 0 new links"
    )
    with Document.open(plan) as doc:
        assert doc.district.name == "inventory"  # no title block: named after the file
    second = write(
        tmp_path / "inventory2.csv", 'Program Name,Cost\nRead Well,"$2,000"\nMath Boost,5k\n'
    )
    message = import_spreadsheet(second, plan)
    assert message.startswith(
        "Imported into plan.coherence from inventory2.csv: 1 new item, 1 updated, 0 new links"
    )
    with Document.open(plan) as doc:
        programs = district_to_dict(doc.district)["programs"]
    assert [(p["id"], p["name"], p["annual_cost"]) for p in programs] == [
        ("P1", "Read Well", 2000),
        ("P2", "Math Boost", 5000),
    ]


def test_problems_refuse_the_import_and_write_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "Program Name,Cost,Grades\n,500,K-3\nRead Well,lots,\n")
    with pytest.raises(
        KnownError,
        match=r"nothing was imported: 1 problem: bad\.csv, row 2, "
        r"column 'Program Name': the name is empty",
    ):
        import_spreadsheet(bad, tmp_path / "plan.coherence")
    assert not (tmp_path / "plan.coherence").exists()
    message = import_spreadsheet(bad, tmp_path / "plan.coherence", skip_problem_rows=True)
    assert "skipped: bad.csv, row 2, column 'Program Name'" in message
    assert (
        "warning: bad.csv, row 3, column 'Cost': 'lots' is not an amount of money (write it "
        "like $120,000 or 1.2M); imported without it" in message
    )


def test_an_import_that_finds_nothing_fails_and_says_which_sheet_and_why(
    tmp_path: Path,
) -> None:
    unknown = write(tmp_path / "odd.csv", "Thing;Money\nChess;900\n")
    with pytest.raises(KnownError) as caught:
        import_spreadsheet(unknown, tmp_path / "plan.coherence")
    assert str(caught.value) == (
        "nothing was imported: odd.csv looks like the inventory, but its headers (row 1: "
        "'Thing', 'Money') name no column the app knows; give a mapping file (--mapping, see "
        "the README) that names its columns"
    )
    assert not (tmp_path / "plan.coherence").exists()
    totals = write(tmp_path / "totals.csv", "Program,Cost\nGrand Total,900\n")
    with pytest.raises(
        KnownError,
        match=r"totals\.csv looks like the inventory, but every "
        r"row read as a heading, total or note",
    ):
        import_spreadsheet(totals, tmp_path / "plan.coherence")
    all_bad = write(tmp_path / "bad.csv", "Program Name,Cost\n,500\n")
    with pytest.raises(KnownError, match="every row has a problem"):
        import_spreadsheet(all_bad, tmp_path / "plan.coherence", skip_problem_rows=True)
    assert not (tmp_path / "plan.coherence").exists()


def test_the_command_line_exits_2_on_an_empty_import(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from coherence_planner.cli import main

    source = write(tmp_path / "odd.csv", "Thing;Money\nChess;900\n")
    status = main(["import", str(source), "--into", str(tmp_path / "p.coherence")])
    assert status == 2
    assert "odd.csv looks like the inventory" in capsys.readouterr().err
    assert not (tmp_path / "p.coherence").exists()


def test_mapping_file_and_exports(tmp_path: Path) -> None:
    source = write(tmp_path / "odd.csv", "Thing;Money\nChess;900\n")
    mapping = tmp_path / "map.json"
    save_mappings(
        {"*": {"kind": "program", "columns": {"Thing": "name", "Money": "annual_cost"}}}, mapping
    )
    import_spreadsheet(source, tmp_path / "plan.coherence", mapping)
    with Document.open(tmp_path / "plan.coherence") as doc:
        district = doc.district
    export_xlsx(district, tmp_path / "out.xlsx", argparse.Namespace())
    export_csv(district, tmp_path / "out.csv", argparse.Namespace())
    assert "Chess" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    again = import_spreadsheet(tmp_path / "out.xlsx", tmp_path / "plan.coherence")
    assert "0 new items, 0 updated, 0 new links" in again
