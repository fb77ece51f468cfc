"""The JSON interchange file: stable bytes, clear refusals, and sniffing of either kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District
from coherence_planner.storage import errors, interchange
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import load_any, read_json, write_json
from tests.unit.storage.conftest import sample_dict


def test_export_import_export_is_byte_identical(tmp_path: Path, district: District) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(district, first)
    write_json(read_json(first), second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Ñandú — 北区" in text and "\\u" not in text
    assert text.startswith('{\n  "format": "coherence-planner/district",\n  "version": 1,')


def test_json_through_a_plan_and_back_is_byte_identical(tmp_path: Path, district: District) -> None:
    write_json(district, tmp_path / "in.json")
    Document.create(tmp_path / "p.coherence", read_json(tmp_path / "in.json")).close()
    write_json(load_any(tmp_path / "p.coherence"), tmp_path / "out.json")
    assert (tmp_path / "in.json").read_bytes() == (tmp_path / "out.json").read_bytes()


def test_write_replaces_atomically(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.json"
    path.write_text("old")
    write_json(district, path)
    assert read_json(path).name == district.name
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(interchange.Path, "write_bytes", fail)
    with pytest.raises(errors.DiskFull) as caught:
        write_json(District("new"), path)
    # An export changes no plan: the sentence says the file was not written, not that a
    # change was not applied.
    assert caught.value.message == (
        "The disk holding “out.json” is full; free some space and try again. "
        "Nothing was written; any earlier “out.json” is as it was."
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "coherence-planner/district",\n  "version": 1,,\n}\n')
    with pytest.raises(errors.NotJson) as caught:
        read_json(path)
    assert (caught.value.line, caught.value.column) == (3, 16)
    assert "line 3, column 16" in caught.value.message


def test_not_utf8_and_nan_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{\n "district": {"name": "Ca\xf1on"}}')
    with pytest.raises(errors.NotJson, match="not UTF-8 at line 2"):
        read_json(path)
    path.write_text('{"version": NaN}')
    with pytest.raises(errors.NotJson, match="NaN"):
        read_json(path)


def test_half_characters_are_refused_but_pairs_and_escaped_backslashes_are_fine(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.json"
    data = sample_dict()
    data["goals"][0]["name"] = "ok \U0001f4da and a backslash \\ud800 text"
    path.write_text(json.dumps(data, ensure_ascii=True))
    assert read_json(path).items["G1"].name == data["goals"][0]["name"]
    path.write_text('{\n  "district": {"name": "x\\ud800y"}}')
    with pytest.raises(errors.NotJson, match=r"ud800 is half of a character at line 2, column 26"):
        read_json(path)


def test_bom_is_accepted(tmp_path: Path, district: District) -> None:
    path = tmp_path / "excel.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample_dict()).encode())
    assert codec.district_to_dict(read_json(path)) == codec.district_to_dict(district)
    assert load_any(path).name == district.name


def test_invalid_district_lists_every_problem(tmp_path: Path) -> None:
    data = sample_dict()
    data["district"]["school_year"] = 2027
    data["links"].append({"from": "G1", "to": "S1"})
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(data))
    with pytest.raises(errors.InvalidInterchange) as caught:
        read_json(path)
    places = [p.place for p in caught.value.problems]
    assert places == ["district.school_year", "links[4]"]
    assert "2 problems" in caught.value.message and "Nothing was imported" in caught.value.message


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(sample_dict()))
    monkeypatch.setattr(interchange, "MAX_JSON_BYTES", 100)
    with pytest.raises(errors.FileTooLarge):
        read_json(path)


def test_load_any_sniffs_content_not_suffix(tmp_path: Path, district: District) -> None:
    plan_named_json = tmp_path / "plan.json"
    Document.create(plan_named_json, district).close()
    json_named_plan = tmp_path / "data.coherence"
    write_json(district, json_named_plan)
    expected = codec.district_to_dict(district)
    assert codec.district_to_dict(load_any(plan_named_json)) == expected
    assert codec.district_to_dict(load_any(json_named_plan)) == expected
    Document.open(plan_named_json).close()  # load_any released the plan
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(errors.NotACoherenceFile, match="neither"):
        load_any(other)
    with pytest.raises(errors.FileMissing):
        load_any(tmp_path / "missing.json")
