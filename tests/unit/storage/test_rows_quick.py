"""A plan's item rows are read a run of one kind at a time, and its link rows all at once,
when they are plain (rows._quick_items, rows._quick_links), and row by row otherwise: either way the district, and every problem
with its place and in row order, are what the row-by-row reader alone gives."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.storage import rows, typed_items
from coherence_planner.storage.document import Document


def read(path: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        district = rows.read_district(conn)
    except codec.InvalidDistrict as exc:
        return "", [str(problem) for problem in exc.problems]
    finally:
        conn.close()
    return str(codec.district_to_dict(district)), []


def row_by_row(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str]]:
    with monkeypatch.context() as patch:
        patch.setattr(rows, "_quick_items", lambda run, district: None)
        patch.setattr(rows, "_quick_links", lambda link_rows, district: None)
        return read(path)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.coherence"
    Document.create(path, codec.district_from_dict(generate(200, 4))).close()
    return path


def set_data(sql: str, *args: object) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        conn = sqlite3.connect(path)
        with conn:
            conn.execute(sql, args)
        conn.close()

    return change


def edit_data(table: str, where: str, edit: Callable[[str], str]) -> Callable[[Path], None]:
    """Change a row's data text in Python (what SQLite's JSON functions cannot write)."""

    def change(path: Path) -> None:
        conn = sqlite3.connect(path)
        with conn:
            (data,) = conn.execute(f"SELECT data FROM {table} WHERE {where}").fetchone()
            edited = edit(data)
            assert edited != data
            conn.execute(f"UPDATE {table} SET data = ? WHERE {where}", (edited,))
        conn.close()

    return change


CHANGES = {
    "a bad value": set_data("UPDATE items SET data = json_set(data, '$.tier', 9) WHERE id = 'P7'"),
    "two bad values in two runs": lambda path: (
        set_data("UPDATE items SET data = json_set(data, '$.status', 'x') WHERE id = 'S2'")(path),
        set_data("UPDATE items SET data = json_set(data, '$.fte', -1) WHERE id = 'P9'")(path),
    ),
    "data that is not JSON": set_data("UPDATE items SET data = '{' WHERE id = 'P3'"),
    "an unknown kind": set_data("UPDATE items SET kind = 'gadget' WHERE id = 'P4'"),
    "an id used twice": set_data(
        "UPDATE items SET data = json_set(data, '$.id', 'P1') WHERE id = 'P2'"
    ),
    "a link to no item": set_data(
        "UPDATE links SET data = json_set(data, '$.to', 'Z9') WHERE seq = 5"
    ),
    "a link row whose key is not its data's": set_data(
        "UPDATE links SET data = json_set(data, '$.strength', 'weak', '$.kind', 'conflicts')"
        " WHERE seq = 7"
    ),
    "link data that is not JSON": set_data("UPDATE links SET data = 'x' WHERE seq = 9"),
    "a goal supporting": set_data(
        "UPDATE links SET data = json_set(data, '$.from', 'G1'), src = 'G1' WHERE seq = 11"
    ),
    "data with space around it": set_data(
        "UPDATE items SET data = ' ' || data || ' ' WHERE id = 'P5'"
    ),
    "data with a second value after it": set_data(
        "UPDATE items SET data = data || '{}' WHERE id = 'P6'"
    ),
    "data that is bytes": set_data("UPDATE items SET data = CAST(data AS BLOB) WHERE id = 'P8'"),
    "a NaN in the data": set_data(
        "UPDATE items SET data = replace(data, '\"fte\":', '\"fte\":NaN,\"x\":') WHERE id = 'P10'"
    ),
    "link data with space after it": set_data("UPDATE links SET data = data || ' ' WHERE seq = 3"),
    "a link seq that is text": set_data("UPDATE links SET seq = 'x' WHERE seq = 4"),
    "an unknown field": set_data(
        "UPDATE items SET data = json_set(data, '$.colour', 'red') WHERE id = 'B1'"
    ),
    # Link rows are decoded by type (rows._link_columns); each of these leaves that way.
    "a link with an unknown field, kept as its extra": set_data(
        "UPDATE links SET data = json_set(data, '$.colour', 'red') WHERE seq = 12"
    ),
    "a link kind that is null": set_data(
        "UPDATE links SET data = json_set(data, '$.kind', json('null')) WHERE seq = 13"
    ),
    "a link without strength and rationale": set_data(
        "UPDATE links SET data = json_remove(data, '$.strength', '$.rationale') WHERE seq = 14"
    ),
    "a link strength that is a number": set_data(
        "UPDATE links SET data = json_set(data, '$.strength', 3) WHERE seq = 15"
    ),
    "link data that is bytes": set_data(
        "UPDATE links SET data = CAST(data AS BLOB) WHERE seq = 16"
    ),
    "link data with a key twice": set_data(
        "UPDATE links SET data = replace(data, '{', '{\"strength\":\"strong\",') WHERE seq = 17"
    ),
    "a lone surrogate in a rationale": edit_data(
        "links", "seq = 18", lambda data: data.replace('"rationale":""', '"rationale":"\\ud800"')
    ),
    "link data that is a list": set_data("UPDATE links SET data = '[1]' WHERE seq = 19"),
    "a number too big for a float": set_data(
        "UPDATE items SET data = replace(data, '\"fte\":', '\"fte\":1e999,\"fte\":') WHERE id = 'P11'"
    ),
    # Item rows are decoded by type (typed_items); each of these leaves that way, or is
    # read by it as the careful reader reads it.
    "a whole number written with a point": set_data(
        "UPDATE items SET data = replace(data, '\"tier\":', '\"tier\":1.0,\"x\":') WHERE id = 'P13'"
    ),
    "a field left out": set_data(
        "UPDATE items SET data = json_remove(data, '$.status', '$.grades') WHERE id = 'P14'"
    ),
    "an item without a name": set_data(
        "UPDATE items SET data = json_remove(data, '$.name') WHERE id = 'P15'"
    ),
    "an item's key twice": set_data(
        "UPDATE items SET data = replace(data, '{', '{\"fte\":5,') WHERE id = 'P16'"
    ),
    "true where a number goes": set_data(
        "UPDATE items SET data = json_set(data, '$.fte', json('true')) WHERE id = 'P17'"
    ),
    "null where text goes": set_data(
        "UPDATE items SET data = json_set(data, '$.owner', json('null')) WHERE id = 'P18'"
    ),
    "a grade that is a number": set_data(
        "UPDATE items SET data = json_set(data, '$.grades', json('[3]')) WHERE id = 'P19'"
    ),
    "a kind in the data": set_data(
        "UPDATE items SET data = json_set(data, '$.kind', 'program') WHERE id = 'P20'"
    ),
    "a whole number past 64 bits": edit_data(
        "items",
        "id = 'P12'",
        lambda data: data.replace('"tier":', '"tier":1' + "0" * 30 + ',"tier":'),
    ),
}


def test_a_plain_plan_reads_the_same_either_way(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs_read_quickly = []
    real = rows._quick_items

    def counting(run: list[object], district: object) -> object:
        got = real(run, district)  # type: ignore[arg-type]
        runs_read_quickly.append(got is not None)
        return got

    real_links = rows._quick_links
    links_read_quickly = []

    def counting_links(link_rows: list[object], district: object) -> object:
        got = real_links(link_rows, district)  # type: ignore[arg-type]
        links_read_quickly.append(got is not None)
        return got

    with monkeypatch.context() as patch:
        patch.setattr(rows, "_quick_items", counting)
        patch.setattr(rows, "_quick_links", counting_links)
        quick = read(plan)
    assert quick[0] and not quick[1]
    assert runs_read_quickly.count(True) >= 2  # programs and policies, at least
    assert links_read_quickly == [True]
    assert quick == row_by_row(plan, monkeypatch)


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_a_changed_row_reads_the_same_either_way(
    plan: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    CHANGES[change](plan)
    assert read(plan) == row_by_row(plan, monkeypatch)


def test_link_rows_are_decoded_by_type_unless_one_is_unusual(plan: Path) -> None:
    conn = sqlite3.connect(plan)
    texts = [data for (data,) in conn.execute("SELECT data FROM links ORDER BY seq")]
    conn.close()
    columns = rows._link_columns(texts)
    assert columns is not None
    srcs, dsts, kinds, strengths, rationales = columns
    assert len(srcs) == len(dsts) == len(texts) == len(rationales)
    assert set(kinds) <= {"supports", "conflicts"} and None not in strengths
    assert rows._link_columns([*texts, '{"from": "P1", "to": "S1", "colour": "red"}']) is None
    assert rows._link_columns([*texts, b'{"from": "P1", "to": "S1"}']) is None


def test_plain_item_rows_are_decoded_by_type(plan: Path) -> None:
    conn = sqlite3.connect(plan)
    rows_of = conn.execute("SELECT id, data FROM items WHERE kind = 'program' ORDER BY seq")
    ids, texts = (list(column) for column in zip(*rows_of.fetchall(), strict=True))
    conn.close()
    items = typed_items.items_of_rows("program", ids, texts)
    assert items is not None and [item.id for item in items] == ids
    # Each item's lists are its own, a missing one too (msgspec copies an empty default).
    assert len({id(item.guessed) for item in items}) == len(items)
    unknown = texts[0].replace("{", '{"colour": "red", ', 1)
    assert typed_items.items_of_rows("program", ids, [unknown, *texts[1:]]) is None
    assert typed_items.items_of_rows("program", ids, [texts[0].encode(), *texts[1:]]) is None


SEQ_CHANGES = {
    "as written": "SELECT 1",
    "many rows of one seq": "UPDATE {table} SET seq = seq % 7",
    "a seq with a fraction": "UPDATE {table} SET seq = seq + 0.5 WHERE rowid % 5 = 0",
    "a seq that is text": "UPDATE {table} SET seq = 'x' WHERE rowid = 9",
    "a seq that is bytes": "UPDATE {table} SET seq = CAST('y' AS BLOB) WHERE rowid = 3",
}


@pytest.mark.parametrize("change", SEQ_CHANGES, ids=str)
@pytest.mark.parametrize("table", ["items", "links"])
def test_rows_come_in_the_order_sqlite_sorts_them(plan: Path, change: str, table: str) -> None:
    conn = sqlite3.connect(plan)
    with conn:
        conn.execute(SEQ_CHANGES[change].format(table=table))
    select = f"SELECT * FROM {table}"
    seq = operator.itemgetter(3 if table == "links" else 2)
    got = rows._in_seq_order(conn, select, seq)
    assert got == conn.execute(f"{select} ORDER BY seq").fetchall()
    conn.close()
