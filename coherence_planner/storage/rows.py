"""The district as table rows: read it all, write it all, or write just what changed.

Rows are made from and read back through the codec (item_to_dict / item_from_dict and the
link pair), so the file and the JSON interchange cannot drift apart; only the order (`seq`)
and the keys live in columns of their own.
"""

from __future__ import annotations

import itertools
import json
import operator
import sqlite3
from collections.abc import Callable
from typing import Any

import msgspec

from coherence_planner.domain.model import codec, vocab
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.commands import Changes
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Item, Link, LinkKey
from coherence_planner.storage import typed_items
from coherence_planner.storage.errors import WriteIgnored
from coherence_planner.storage.schema import Executes

# One encoder for every row: json.dumps with arguments would build a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_dump = _ENCODER.encode

ITEM_COLUMNS = ("id", "kind", "seq", "name", "status", "data")
LINK_COLUMNS = ("kind", "src", "dst", "seq", "data")


def _item_values(item: Item, seq: int) -> tuple[Any, ...]:
    data = codec.item_to_dict(item)
    del data["id"]
    return (item.id, item.kind, seq, item.name, item.status, _dump(data))


def _link_values(link: Link, seq: int) -> tuple[Any, ...]:
    kind, src, dst = link.key
    return (kind, src, dst, seq, _dump(codec.link_to_dict(link)))


def _expect_one(cursor: sqlite3.Cursor, what: str, rows: int = 1) -> None:
    """Refuse a write that did not change the rows it must: SQLite can skip a write without
    an error (an `INSERT OR IGNORE`, a row missing from the file), and a plan that looks
    saved but is not is the worst failure a planning tool can have."""
    if cursor.rowcount != rows:
        raise WriteIgnored(f"{what} changed {cursor.rowcount} rows, not {rows}")


def _write_district_row(db: Executes, district: District) -> None:
    cursor = db.execute(
        "UPDATE district SET name = ?, school_year = ?, notes = ?, extra = ? WHERE id = 1",
        [district.name, district.school_year, district.notes, _dump(district.extra)],
    )
    _expect_one(cursor, "the district row")


# Plain SQL rather than sqlite-utils' Table.upsert: it reads the table's schema on every
# call, and in a folder where SQLite cannot create its journal its probe for ON CONFLICT
# failed quietly and it fell back to INSERT OR IGNORE + UPDATE, which wrote nothing and
# said nothing (issue 24). An existing row keeps its rowid.
_UPSERT_ITEM = (
    f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, seq = excluded.seq, "
    "name = excluded.name, status = excluded.status, data = excluded.data"
)
_UPSERT_LINK = (
    f"INSERT INTO links ({', '.join(LINK_COLUMNS)}) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, src, dst) DO UPDATE SET seq = excluded.seq, data = excluded.data"
)
_UPSERT_RECORD = (
    "INSERT INTO records (collection, key, data) VALUES (?, ?, ?) "
    "ON CONFLICT (collection, key) DO UPDATE SET data = excluded.data"
)


def _write_item(db: Executes, district: District, item_id: str) -> None:
    item = district.items.get(item_id)
    if item is None:
        db.execute("DELETE FROM items WHERE id = ?", [item_id])
    else:
        cursor = db.execute(_UPSERT_ITEM, _item_values(item, district.seq_of(item_id)))
        _expect_one(cursor, f"item {item_id}")


def _write_link(db: Executes, district: District, key: LinkKey) -> None:
    link = district.links.get(key)
    if link is None:
        db.execute("DELETE FROM links WHERE kind = ? AND src = ? AND dst = ?", list(key))
    else:
        cursor = db.execute(_UPSERT_LINK, _link_values(link, district.link_seq_of(key)))
        _expect_one(cursor, f"link {' '.join(key)}")


def write_changes(db: Executes, district: District, changes: Changes) -> None:
    """Write the current state of what `changes` names: upsert what exists, delete the rest.

    The caller holds the transaction. Every upsert must change exactly one row (WriteIgnored
    otherwise). A delete may change none: a Batch can name a key it added and removed again.
    """
    if changes.district:
        _write_district_row(db, district)
    for item_id in sorted(changes.items):
        _write_item(db, district, item_id)
    for key in sorted(changes.links):
        _write_link(db, district, key)
    for collection, record_key in sorted(changes.records):
        _write_record(db, district, collection, record_key)


def _write_record(db: Executes, district: District, collection: str, key: str) -> None:
    value = district.record(collection, key)
    if value is None:
        db.execute("DELETE FROM records WHERE collection = ? AND key = ?", [collection, key])
    else:
        cursor = db.execute(_UPSERT_RECORD, [collection, key, _dump(value)])
        _expect_one(cursor, f"record {collection} {key}")


@collector_paused()  # a row per item and link, held until written: collector.py
def write_all(conn: sqlite3.Connection, district: District) -> None:
    """Write a whole district into empty tables (a new document).

    Plain executemany, not sqlite-utils' insert_all, which inspects and converts every
    value of every row: this is most of creating a plan, and the rows are ours.
    """
    _write_district_row(conn, district)
    seq_of, link_seq_of = district.seq_of, district.link_seq_of
    cursor = conn.executemany(
        f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
        [_item_values(item, seq_of(item_id)) for item_id, item in district.items.items()],
    )
    _expect_one(cursor, "the items", len(district.items))
    cursor = conn.executemany(
        f"INSERT INTO links ({', '.join(LINK_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
        [_link_values(link, link_seq_of(key)) for key, link in district.links.items()],
    )
    _expect_one(cursor, "the links", len(district.links))
    records = [
        (collection, key, _dump(value))
        for collection, table in district.records.items()
        for key, value in table.items()
    ]
    cursor = conn.executemany(
        "INSERT INTO records (collection, key, data) VALUES (?, ?, ?)", records
    )
    _expect_one(cursor, "the records", len(records))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


# One decoder for every row: json.loads with arguments would build a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def _load_json(text: Any, place: str, problems: list[codec.Problem]) -> Any:
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if not isinstance(text, str):
            raise TypeError("stored data is not text")
        return _DECODER.decode(text)
    except (TypeError, ValueError):
        problems.append(codec.Problem(place, "stored data is not JSON"))
    except RecursionError:
        problems.append(codec.Problem(place, "stored data is nested too deeply"))
    return None


# The decoder's own scanner (C), called on each row's text without decode()'s two Python
# frames and two regular expressions a row: a tenth of opening a 10,000-program plan.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]

# msgspec's JSON decoder (C) makes the same values as the json module 2-3x faster, and
# refuses what that decoder would read differently or not at all (a lone surrogate, NaN,
# a number too big for a float): the rows are then decoded by the json module, as before.
_MSGSPEC: Callable[[str], Any] = msgspec.json.Decoder().decode
_TEXT = frozenset((str,))


def _decode_all(texts: list[Any]) -> list[Any] | None:
    """Every text decoded, or None when one is not exactly one JSON value (not text, not
    JSON, a constant JSON does not allow, nested too deeply): the rows are then read one by
    one, which names each bad one."""
    if set(map(type, texts)) <= _TEXT:  # bytes go the json module's way: its UTF-8 check
        try:
            return list(map(_MSGSPEC, texts))
        except (msgspec.MsgspecError, RecursionError):
            pass  # the json module says which, below and row by row
    try:
        pairs = list(map(_SCAN, texts, itertools.repeat(0)))
    except (StopIteration, TypeError, ValueError, RecursionError):
        return None
    values, ends = zip(*pairs, strict=True) if pairs else ((), ())
    if list(ends) != list(map(len, texts)):
        return None
    return list(values)


def read_district(db: Executes) -> District:
    """The district stored in `db`, items and links in their stored order.

    Every row is checked by the codec; raises codec.InvalidDistrict listing every bad row.
    `db` may be a plain sqlite3 connection, so `check` and `export` read a plan without
    importing sqlite-utils (a tenth of a second of start-up).
    """
    with collector_paused():
        return _read_district(db)


# An item row's parts (id, kind, seq, data), taken out in C.
_ITEM_ID = operator.itemgetter(0)
_ITEM_KIND = operator.itemgetter(1)
_ITEM_SEQ = operator.itemgetter(2)
_ITEM_TEXT = operator.itemgetter(3)


def _runs_of_one_kind(rows: list[Any]) -> list[list[Any]]:
    """The item rows in order, cut where the kind changes (a plan keeps its goals,
    strategies, programs and policies together, so there are usually four runs)."""
    return [list(run) for _kind, run in itertools.groupby(rows, _ITEM_KIND)]


def _quick_items(rows: list[Any], district: District) -> tuple[list[Item], list[int]] | None:
    """The items of a run of rows of one kind and their places (for
    District.add_checked_items: each id new and not empty), read at once (decoded by
    type, typed_items.items_of_rows, or else to dicts, codec.items_from_dicts), or None when
    any row is not plain (data that is not a JSON object, an unknown kind, a seq that is
    not a number, an item the quick reader leaves to the careful one, an id used twice):
    then the run is read row by row, and every problem is named in row order as before."""
    kind = rows[0][1]
    seqs = list(map(_ITEM_SEQ, rows))
    if kind not in vocab.ITEM_KINDS or not set(map(type, seqs)) <= {int}:
        return None  # (one run: every row has this kind)
    texts = list(map(_ITEM_TEXT, rows))
    items = typed_items.items_of_rows(kind, list(map(_ITEM_ID, rows)), texts)
    if items is None:
        items = _items_of_dicts(rows, texts)
    if items is None:
        return None
    ids = {item.id for item in items}  # (not empty: the codec's checks)
    if len(ids) != len(items) or not ids.isdisjoint(district.items):
        return None
    return items, seqs


def _items_of_dicts(rows: list[Any], texts: list[Any]) -> list[Item] | None:
    """The run's items decoded to dicts and read at once (codec.items_from_dicts), or
    None. An "id" in a row's data wins over the row's own, as the careful reader has it."""
    raws = _decode_all(texts)
    if raws is None:
        return None
    for (item_id, _kind, _seq, _data), raw in zip(rows, raws, strict=True):
        if not isinstance(raw, dict):
            return None
        raw.setdefault("id", item_id)  # (a fresh dict: no copy needed)
    return codec.items_from_dicts(rows[0][1], raws)


class _LinkData(msgspec.Struct, forbid_unknown_fields=True, rename={"src": "from", "dst": "to"}):
    """A link row's data, decoded by type in C: the keys codec.link_to_dict writes (a
    missing "kind" is the default one, a missing "strength" or "rationale" None, as
    codec.links_from_dicts reads them). Any other key or type, and the rows are decoded
    the usual way, which keeps an unknown key as the link's extra or names the problem."""

    src: str
    dst: str
    kind: str = vocab.DEFAULT_LINK_KIND
    strength: str | None = None
    rationale: str | None = None


_LINK_DATA: Callable[[str], _LinkData] = msgspec.json.Decoder(_LinkData).decode
_LINK_COLUMNS = operator.attrgetter("src", "dst", "kind", "strength", "rationale")


_Column = tuple[Any, ...]


def _link_columns(texts: list[Any]) -> tuple[_Column, _Column, _Column, _Column, _Column] | None:
    """The link rows' values a field at a time (from, to, kind, strength, rationale), or
    None when a row's data is not text holding an object of _LinkData's keys and types.
    Three times quicker than decoding each row to a dict and taking its values out."""
    if not texts or not set(map(type, texts)) <= _TEXT:
        return None
    try:
        srcs, dsts, kinds, strengths, rationales = zip(
            *map(_LINK_COLUMNS, map(_LINK_DATA, texts)), strict=True
        )
    except (msgspec.MsgspecError, RecursionError):
        return None
    return srcs, dsts, kinds, strengths, rationales


# A link row's parts (kind, src, dst, seq, data), taken out in C: 60,000 rows at 20,000 programs.
_LINK_KEY = operator.itemgetter(0, 1, 2)
_LINK_SEQ = operator.itemgetter(3)
_LINK_TEXT = operator.itemgetter(4)


def _quick_links(
    rows: list[Any], district: District
) -> tuple[list[Link], list[LinkKey], list[int]] | None:
    """Every link row's link, key and seq, read at once (codec.links_from_columns or
    links_from_dicts), or None when any row is not plain (data that is not JSON, a seq that
    is not a number, a key that does not match the data, a link the quick reader leaves to
    the careful one): then the rows are read one by one, and every problem is named in row
    order as before."""
    if district.links:
        return None
    seqs = list(map(_LINK_SEQ, rows))
    if not set(map(type, seqs)) <= {int}:
        return None
    texts = list(map(_LINK_TEXT, rows))
    columns = _link_columns(texts)
    if columns is not None:
        read = codec.links_from_columns(*columns, district.items)
    else:
        raws = _decode_all(texts)
        read = None if raws is None else codec.links_from_dicts(raws, district.items)
    if read is None:
        return None
    links, keys = read
    if keys != list(map(_LINK_KEY, rows)):
        return None
    return links, keys, seqs


def _in_seq_order(db: Executes, select: str, seq: Callable[[Any], Any]) -> list[Any]:
    """The rows of `select` by their seq, rows of the same seq in the table's order.

    Sorted here, not by ORDER BY: SQLite's sorter copied every row, data and all, into a
    temporary tree, a third of the time of reading a large plan's rows. Seqs that Python
    cannot compare (text beside numbers, nulls: never written by the app) are sorted by
    SQLite, as before."""
    rows = db.execute(select).fetchall()
    try:
        rows.sort(key=seq)
    except TypeError:
        rows = db.execute(f"{select} ORDER BY seq").fetchall()
    return rows


def _read_district(db: Executes) -> District:
    problems: list[codec.Problem] = []
    district = District()
    rows = list(db.execute("SELECT name, school_year, notes, extra FROM district WHERE id = 1"))
    if len(rows) != 1:
        raise codec.InvalidDistrict([codec.Problem("district", "the district row is missing")])
    name, school_year, notes, extra = rows[0]
    for key, value in (("name", name), ("school_year", school_year), ("notes", notes)):
        if isinstance(value, str):
            setattr(district, key, value)
        else:
            problems.append(codec.Problem(f"district.{key}", "must be text"))
    extra_value = _load_json(extra, "district.extra", problems)
    if isinstance(extra_value, dict):
        district.extra = extra_value
    elif extra_value is not None:
        problems.append(codec.Problem("district.extra", "must be an object"))

    # fetchall() first: the watchdog's budget is for SQL, not for building Python objects.
    item_rows = _in_seq_order(db, "SELECT id, kind, seq, data FROM items", _ITEM_SEQ)
    link_rows = _in_seq_order(db, "SELECT kind, src, dst, seq, data FROM links", _LINK_SEQ)
    for run in _runs_of_one_kind(item_rows):
        quick = _quick_items(run, district)
        if quick is not None:
            district.add_checked_items(*quick)
            continue
        for item_id, kind, seq, data in run:
            place = f"items ({item_id})"
            raw = _load_json(data, place, problems)
            if (
                kind not in vocab.ITEM_KINDS
                or not isinstance(seq, int)
                or not isinstance(raw, dict)
            ):
                problems.append(codec.Problem(place, f"bad row (kind {kind!r}, seq {seq!r})"))
                continue
            raw.setdefault("id", item_id)  # (a fresh dict: no copy needed)
            item = codec.item_from_dict(kind, raw, place, problems)
            if item is None:
                continue
            try:
                district.add_item(item, seq)
            except DistrictError as exc:
                problems.append(codec.Problem(place, str(exc)))

    quick_links = _quick_links(link_rows, district)
    if quick_links is not None:
        district.add_checked_links(*quick_links)
        link_rows = []  # all read: nothing left for the careful loop
    for kind, src, dst, seq, data in link_rows:
        place = f"links ({kind} {src} {dst})"
        raw = _load_json(data, place, problems)
        link = codec.link_from_dict(raw, place, problems)
        if not isinstance(seq, int):  # (was dropped without a word: the link went missing)
            problems.append(codec.Problem(place, f"bad row (seq {seq!r})"))
            continue
        if link is None:
            continue
        if link.key != (kind, src, dst):
            problems.append(codec.Problem(place, "row key does not match its data"))
            continue
        link_problems = codec.check_link(link, district, place)
        if link_problems:
            problems.extend(link_problems)
            continue
        try:
            district.add_link(link, seq)
        except DistrictError as exc:
            problems.append(codec.Problem(place, str(exc)))
    record_rows = db.execute(
        "SELECT collection, key, data FROM records ORDER BY collection, rowid"
    ).fetchall()
    for collection, key, data in record_rows:
        place = f"records ({collection} {key})"
        value = _load_json(data, place, problems)
        if not isinstance(collection, str) or not isinstance(key, str) or value is None:
            problems.append(codec.Problem(place, "bad record row"))
            continue
        district.put_record(collection, key, value)
    if problems:
        raise codec.InvalidDistrict(problems)
    return district
