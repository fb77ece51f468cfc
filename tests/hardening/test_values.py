"""Audit cases 2, 3 and the values of 7 and 11: what numbers and text a plan may hold is
decided once (domain/model/fields.py) and refused with its place by every reader: JSON, CSV and
a `.coherence` file that holds it. Each file here is the smallest that showed the case.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model import fields as F
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import NotJson
from coherence_planner.storage.interchange import read_json
from coherence_planner.storage.sample import sample_district

# The 31 code points the audit found accepted in names (tab, LF and CR stay allowed).
FORBIDDEN = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]


def district_text(program: dict[str, Any] | None = None, **district: Any) -> str:
    data: dict[str, Any] = {
        "format": "coherence-planner/district",
        "version": 1,
        "district": {"name": "D", **district},
        "goals": [{"id": "G1", "name": "Readers"}],
        "programs": [{"id": "P1", "name": "Tutoring", **(program or {})}],
    }
    return json.dumps(data, ensure_ascii=True)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def every_command_refuses(
    path: Path, place: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check, import and each export: exit 2 and one line naming the file and the place."""
    commands = [
        ["check", str(path)],
        ["import", str(path), "--into", str(tmp_path / "new.coherence")],
        *(["export", str(path), str(tmp_path / f"out.{s}")] for s in ("json", "xlsx", "svg")),
    ]
    for argv in commands:
        status, err = run(argv, capsys)
        assert status == 2, (argv, err)
        assert len(err.splitlines()) == 1 and path.name in err and place in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# ----------------------------------------------------------------------------- case 2


@pytest.mark.parametrize(
    ("program", "place"),
    [
        ({"annual_cost": "HUGE"}, "programs[0] (P1).annual_cost"),
        ({"fte": "HUGE"}, "programs[0] (P1).fte"),
        ({"students_served": "HUGE"}, "programs[0] (P1).students_served"),
        ({"x-budget": "INF"}, "programs[0] (P1).x-budget"),  # json reads 1e309 as inf
    ],
)
def test_huge_numbers_are_refused_with_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], program: dict[str, Any], place: str
) -> None:
    path = tmp_path / "d.json"
    text = district_text(program).replace('"HUGE"', "1" + "0" * 309)
    path.write_text(text.replace('"INF"', "1e309"))
    every_command_refuses(path, place, tmp_path, capsys)


def test_huge_indicator_number_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = district_text().replace(
        '"name": "Readers"', '"name": "Readers", "indicators": [{"name": "ELA", "target": HUGE}]'
    )
    path = tmp_path / "d.json"
    path.write_text(text.replace("HUGE", "1" + "0" * 309))
    every_command_refuses(path, "goals[0] (G1).indicators[0].target", tmp_path, capsys)


def test_a_plan_holding_a_huge_number_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.coherence` written by an earlier version, before the rule: `export out.json`
    crashed on it; now it is a damaged file naming the item and field."""
    path = tmp_path / "plan.coherence"
    Document.create(path, sample_district()).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "UPDATE items SET data = json_set(data, '$.annual_cost', json('1e999')) "
        "WHERE kind = 'program' AND seq = (SELECT min(seq) FROM items WHERE kind = 'program')"
    )
    conn.close()
    status, err = run(["export", str(path), str(tmp_path / "out.json")], capsys)
    assert status == 2 and "annual_cost" in err and "damaged" in err


def test_a_plan_whose_link_row_has_no_number_for_its_place_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link row whose seq is text was dropped without a word: the plan opened with the
    link missing. Now the plan is a damaged file naming the link, and nothing changes."""
    path = tmp_path / "plan.coherence"
    Document.create(path, sample_district()).close()
    conn = sqlite3.connect(path, isolation_level=None)
    kind, src, dst = conn.execute(
        "SELECT kind, src, dst FROM links ORDER BY seq LIMIT 1"
    ).fetchone()
    conn.execute("UPDATE links SET seq = 'first' WHERE src = ? AND dst = ?", (src, dst))
    conn.close()
    before = path.read_bytes()
    status, err = run(["check", str(path)], capsys)
    assert status == 2 and "damaged" in err and f"links ({kind} {src} {dst})" in err, err
    assert "bad row (seq 'first')" in err
    assert path.read_bytes() == before


def test_too_long_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The audit's 100 MB string passed check and failed import in SQLite; the limit is far
    lower, so the smallest file showing it is just over the limit."""
    path = tmp_path / "d.json"
    path.write_text(district_text({"notes": "x" * (F.MAX_PARAGRAPHS + 1)}))
    every_command_refuses(path, "programs[0] (P1).notes", tmp_path, capsys)


# ----------------------------------------------------------------------------- case 3


@pytest.mark.parametrize("code", FORBIDDEN, ids=lambda c: f"U+{c:04X}")
def test_control_characters_are_refused_in_json(code: int) -> None:
    problem = F.check_value(F.COMMON_FIELDS[0], f"Tutoring{chr(code)}plus")
    assert problem is not None and f"U+{code:04X}" in problem


def test_a_vertical_tab_from_a_slide_deck_is_refused_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.json"
    path.write_text(district_text({"name": "Reading\u000bRecovery"}))
    every_command_refuses(path, "programs[0] (P1).name", tmp_path, capsys)


def test_control_characters_in_a_csv_are_refused_with_their_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a name the row is refused (the import stops, as for any row it cannot read); in
    another cell the value is left out with a warning naming its row and column (the
    spreadsheet import's rule for cells). Either way the plan never holds it."""
    path = tmp_path / "programs.csv"
    path.write_text("Name,Notes\nReading\u0001Recovery,x\n", encoding="utf-8")
    target = tmp_path / "new.coherence"
    status, err = run(["import", str(path), "--into", str(target)], capsys)
    assert status == 2 and not target.exists(), err
    assert "row 2, column 'Name'" in err and "U+0001" in err, err
    path.write_text("Name,Notes\nReading Recovery,a\u000bb\n", encoding="utf-8")
    status = main(["import", str(path), "--into", str(target)])
    out = capsys.readouterr().out
    assert status == 0 and "row 2, column 'Notes'" in out and "U+000B" in out, out
    with Document.open(target) as doc:
        assert [item.notes for item in doc.district.items.values()] == [""]


def test_tab_line_feed_and_other_scripts_stay_allowed() -> None:
    spec = F.field_spec("program", "notes")
    assert spec is not None
    assert F.check_value(spec, "a\tb\r\nc — 北区 مرحبا 📚") is None


# ----------------------------------------------------------------------------- case 7


def test_an_unknown_field_nested_900_deep_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It parsed, then broke scenario evaluation with RecursionError in copy.deepcopy."""
    path = tmp_path / "d.json"
    path.write_text(
        district_text().replace(
            '"name": "Tutoring"', '"name": "Tutoring", "x": ' + "[" * 900 + "]" * 900
        )
    )
    every_command_refuses(path, "programs[0] (P1).x", tmp_path, capsys)


# ----------------------------------------------------------------------------- case 11


def test_duplicate_keys_are_refused_at_their_place(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(
        '{"format": "coherence-planner/district", "version": 1,\n'
        ' "programs": [{"id": "P1", "name": "A",\n  "id": "P2"}]}'
    )
    with pytest.raises(NotJson, match="'id' appears twice") as caught:
        read_json(path)
    assert (caught.value.line, caught.value.column) == (2, 15)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_is_reported_where_it_is(tmp_path: Path, token: str) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"notes": "NaN is fine in text",\n "programs": [{"fte":  ' + token + "}]}")
    with pytest.raises(NotJson, match=token) as caught:
        read_json(path)
    assert (caught.value.line, caught.value.column) == (2, 24)
