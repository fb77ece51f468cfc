"""`guessed` (district-format.md) survives the JSON file and the `.coherence` document, is
left out where nothing is guessed, and a confirmation reaches the file and undoes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import confirm_guess
from coherence_planner.domain.model.district import District
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import read_json, write_json
from tests.factories import g, make, p, sup


def _district() -> District:
    return make(
        goals=[g("G1")],
        programs=[
            p("P1", name="Read Naturally", type="intervention", guessed=["type"]),
            p("P2", name="Phonics block", type="intervention"),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1")],
    )


def test_json_keeps_guessed_and_writes_it_only_where_something_is_guessed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.json"
    write_json(_district(), path)
    written = {x["id"]: x for x in json.loads(path.read_text(encoding="utf-8"))["programs"]}
    assert written["P1"]["guessed"] == ["type"]
    assert "guessed" not in written["P2"]
    back = read_json(path)
    assert back.items["P1"].guessed == ["type"] and back.items["P2"].guessed == []
    assert codec.district_to_dict(back) == codec.district_to_dict(_district())


def test_the_document_keeps_guessed_and_stores_a_confirmation(tmp_path: Path) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, _district()).close()
    with Document.open(path) as doc:
        assert doc.district.items["P1"].guessed == ["type"]
        command = confirm_guess(doc.district, "P1", "type")
        doc.apply(command)
    # Read from the file itself, not from memory.
    conn = sqlite3.connect(path)
    try:
        (data,) = conn.execute("SELECT data FROM items WHERE id = 'P1'").fetchone()
    finally:
        conn.close()
    assert "guessed" not in json.loads(data)
    with Document.open(path) as doc:
        assert doc.district.items["P1"].guessed == []
        doc.revert(command)
    with Document.open(path) as doc:
        assert doc.district.items["P1"].guessed == ["type"]
