"""Seeded generators of hostile inputs: damaged and booby-trapped plans, JSON and spreadsheets.

Each generator yields (name, bytes) pairs, `count` of them, cycling through its kinds of
damage so that every kind appears in any run of a few dozen. The same seed always gives the
same files, so a failure found in the full run can be replayed by name.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from coherence_planner import assets
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.storage import schema
from coherence_planner.storage.document import Document
from coherence_planner.storage.sample import sample_district

Mutant = tuple[str, bytes]

# ----------------------------------------------------------------------------- helpers


def flip(
    data: bytes, rng: random.Random, count: int, start: int = 0, end: int | None = None
) -> bytes:
    out = bytearray(data)
    end = len(out) if end is None else min(end, len(out))
    for _ in range(count):
        if end > start:
            out[rng.randrange(start, end)] ^= rng.randrange(1, 256)
    return bytes(out)


def _sqlite_bytes(build: Callable[[sqlite3.Connection], None]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.db"
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            build(conn)
        finally:
            conn.close()
        return path.read_bytes()


def _edited_plan(base: bytes, sql: list[str]) -> bytes:
    """The base plan with some SQL run on it (with the safety rails of a normal connection)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.coherence"
        path.write_bytes(base)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in sql:
                conn.execute(statement)
        finally:
            conn.close()
        return path.read_bytes()


def base_plan() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.coherence"
        Document.create(path, sample_district()).close()
        return path.read_bytes()


# ----------------------------------------------------------------------------- plans

RECURSIVE = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
DEEP = "[" * 100_000

HOSTILE_SQL: list[list[str]] = [
    ["CREATE VIEW forever AS " + RECURSIVE],
    ["DROP TABLE items", "CREATE VIEW items AS " + RECURSIVE],
    [
        "CREATE TRIGGER grow AFTER INSERT ON items BEGIN "
        "INSERT INTO items SELECT id || 'x', kind, seq, name, status, data FROM items; END"
    ],
    ["CREATE TRIGGER wipe BEFORE UPDATE ON meta BEGIN DELETE FROM items; END"],
    ["CREATE TABLE junk AS " + RECURSIVE + " LIMIT 200000"],
    ["UPDATE items SET data = '" + DEEP + "' WHERE rowid = 1"],
    ["UPDATE items SET data = 'not json' WHERE rowid = 2"],
    ["UPDATE items SET data = '[1, 2]' WHERE rowid = 3"],
    ["UPDATE items SET kind = 'spaceship' WHERE rowid = 4"],
    ["UPDATE items SET data = json_set(data, '$.tier', 'high') WHERE kind = 'program'"],
    ["UPDATE items SET seq = 7"],
    ["UPDATE links SET dst = 'NOWHERE' WHERE rowid = 1"],
    ["UPDATE links SET data = '{\"from\": 1}' WHERE rowid = 1"],
    ["DELETE FROM district"],
    [
        "PRAGMA ignore_check_constraints = ON",
        "INSERT INTO district (id, name) VALUES (2, 'second')",
    ],
    ["UPDATE district SET extra = '" + DEEP + "'"],
    ["UPDATE district SET extra = 'NaN'"],
    ["UPDATE items SET name = zeroblob(5000000) WHERE rowid = 5"],
    ["DROP TABLE links"],
    ["ALTER TABLE items DROP COLUMN status"],
    ["ALTER TABLE items ADD COLUMN huge TEXT GENERATED ALWAYS AS (printf('%.*c', 999999, 'x'))"],
    ["CREATE INDEX slow ON items (length(printf('%.*c', 99999, data)))"],
    ["INSERT INTO records VALUES ('scenarios', 'bad', '" + DEEP[:5000] + "')"],
    ["INSERT INTO records VALUES ('scenarios', 'nan', 'NaN')"],
    ["PRAGMA user_version = 0"],
    ["PRAGMA user_version = 99"],
    ["PRAGMA user_version = -1"],
    ["PRAGMA application_id = 0"],
    ["PRAGMA journal_mode = WAL"],
]

# The audit's attacks on the schema (issue 18, case 1): objects the app never writes. The
# expression is the audit's with a smaller width, so that a regression shows as a slow
# file (about 0.1 s a row) rather than stalling the run for minutes.
SLOW = "printf('%.*c', 20000000, name)"
SCHEMA_SQL: list[list[str]] = [
    [f"ALTER TABLE items ADD COLUMN slow TEXT GENERATED ALWAYS AS ({SLOW}) VIRTUAL"],
    [f"ALTER TABLE items ADD COLUMN guard INTEGER CHECK (guard IS NULL OR length({SLOW}) > 0)"],
    ["ALTER TABLE meta ADD COLUMN big TEXT NOT NULL DEFAULT '" + "x" * 200_000 + "'"],
    ["CREATE VIRTUAL TABLE words USING fts5(text)"],
    ["CREATE TABLE notes (a)"],
    ["CREATE INDEX by_name ON items (name)"],
    [
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'status TEXT NOT NULL', "
        "'status TEXT NOT NULL CHECK (length(" + SLOW.replace("'", "''") + ") > 0)') "
        "WHERE name = 'items'",
    ],
    # Values the plan may not hold (issue 18, cases 2, 3, 7), written by hand into a row.
    ["UPDATE items SET data = json_set(data, '$.annual_cost', json('1e999')) WHERE rowid = 1"],
    ["UPDATE items SET data = json_set(data, '$.name', char(11) || 'x') WHERE rowid = 2"],
    ["UPDATE items SET data = json_set(data, '$.x', json('" + "[" * 900 + "]" * 900 + "'))"],
]


def _foreign(rng: random.Random) -> bytes:
    def build(conn: sqlite3.Connection) -> None:
        for t in range(rng.randint(0, 4)):
            conn.execute(f"CREATE TABLE t{t} (a, b)")
            conn.executemany(
                f"INSERT INTO t{t} VALUES (?, ?)",
                [(rng.random(), "x" * rng.randint(0, 300)) for _ in range(rng.randint(0, 50))],
            )
        if rng.random() < 0.5:  # our identity on somebody else's tables
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {rng.randint(0, 2)}")

    return _sqlite_bytes(build)


def plan_mutants(count: int, seed: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    base = base_plan()
    page = int.from_bytes(base[16:18], "big") or 65536
    pages = len(base) // page
    kinds: list[tuple[str, Callable[[int], bytes]]] = [
        ("header-flip", lambda i: flip(base, rng, rng.randint(1, 4), 0, 100)),
        ("page-flip", lambda i: flip(base, rng, rng.randint(1, 30), 100)),
        (
            "btree-header-flip",
            lambda i: flip(
                base, rng, rng.randint(1, 4), (p := rng.randrange(1, pages)) * page, p * page + 12
            ),
        ),
        ("truncated", lambda i: base[: rng.randrange(0, len(base))]),
        ("page-truncated", lambda i: base[: rng.randrange(1, pages) * page]),
        (
            "user-version",
            lambda i: base[:60] + rng.randint(2, 2**31 - 1).to_bytes(4, "big") + base[64:],
        ),
        ("application-id", lambda i: base[:68] + rng.randbytes(4) + base[72:]),
        ("page-size", lambda i: base[:16] + rng.randbytes(2) + base[18:]),
        ("foreign", lambda i: _foreign(rng)),
        ("hostile-sql", lambda i: _edited_plan(base, HOSTILE_SQL[i // 11 % len(HOSTILE_SQL)])),
        ("schema-object", lambda i: _edited_plan(base, SCHEMA_SQL[i // 11 % len(SCHEMA_SQL)])),
    ]
    for i in range(count):
        kind, make = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}.coherence", make(i)


# ----------------------------------------------------------------------------- JSON

JUNK_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    2**70,
    -(2**63),
    "",
    "x" * 100_000,
    [],
    {},
    [1, "a"],
    {"a": {"b": []}},
    "\u202e\u0000\ufeff",
    "=cmd|' /C calc'!A0",
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    data[path[0]] = _replace(data[path[0]], path[1:], value)
    return data


def _json_text(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def json_mutants(count: int, seed: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    text = assets.sample_json_text().encode("utf-8")
    data = json.loads(text)
    paths = _paths(data)

    def wrong_type(i: int) -> bytes:
        copy = json.loads(text)
        for _ in range(rng.randint(1, 3)):
            # A later path may run through a value an earlier replacement removed.
            with contextlib.suppress(KeyError, IndexError, TypeError):
                _replace(copy, rng.choice(paths[1:]), rng.choice(JUNK_VALUES))
        return _json_text(copy)

    def number(i: int) -> bytes:
        token = rng.choice(
            ["1e999", "-1e999", "1" * 5000, "1e-400", "NaN", "Infinity", "-0", "0x10"]
        )
        return text.replace(b'"tier": 2', b'"tier": ' + token.encode(), 1).replace(
            b'"annual_cost": ', b'"annual_cost": ' + token.encode() + b" + ", 1 if i % 2 else 0
        )

    def deep(i: int) -> bytes:
        depth = rng.choice([900, 1000, 5000, 100_000])
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        nested = opener * depth + "1" + closer * depth
        if i % 2:
            return nested.encode()
        return text.replace(b'"notes": ""', b'"notes": "", "x-deep": ' + nested.encode(), 1)

    def surrogate(i: int) -> bytes:
        bad = rng.choice(
            [b"\\ud800", b"\\udfff", b"\\ud800\\u0041", b"\xed\xa0\x80", b"\xff\xfe", b"\x00"]
        )
        at = rng.randrange(len(text))
        quote = text.find(b'"name": "', at)
        at = quote + 9 if quote >= 0 else at
        return text[:at] + bad + text[at:]

    def duplicate(i: int) -> bytes:
        return text.replace(b'"id": "', b'"id": "DUP", "id": "', rng.randint(1, 40))

    def structure(i: int) -> bytes:
        copy = json.loads(text)
        choice = i // 10 % 6
        if choice == 0:
            copy.pop(rng.choice(list(copy)))
        elif choice == 1:
            copy["version"] = rng.choice([0, 2, 99, "1", None])
        elif choice == 2:
            copy["programs"].append(dict(copy["programs"][0]))
        elif choice == 3:
            copy["links"].append(
                {"from": "P-none", "to": copy["goals"][0]["id"], "kind": "supports"}
            )
        elif choice == 4:
            copy["links"].append({"from": copy["goals"][0]["id"], "to": copy["goals"][0]["id"]})
        else:
            copy["programs"] *= 40  # thousands of duplicate ids
        return _json_text(copy)

    def audit_value(i: int) -> bytes:
        """The values the audit sent (issue 18, cases 2, 3, 7, 11), one per file."""
        field = rng.choice([b'"annual_cost": ', b'"fte": ', b'"target": '])
        escape = rng.choice([b"\\u000b", b"\\u0001", b"\\uffff", b"\\u001f"])
        choices = [
            re.sub(field + rb"[-0-9.e]+", field + b"1" + b"0" * 309, text, count=1),
            text.replace(b'"notes": ""', b'"notes": "", "x-cost": 1e309', 1),
            text.replace(b'"name": "', b'"name": "' + escape, 1),
            text.replace(b'"notes": ""', b'"notes": "", "x": ' + b"[" * 900 + b"]" * 900, 1),
            text.replace(b'"id": "', b'"id": "X", "id": "', 1),
            text.replace(b'"notes": ""', b'"notes": "' + b"x" * 100_001 + b'"', 1),
        ]
        return choices[i // 12 % len(choices)]

    kinds: list[tuple[str, Callable[[int], bytes]]] = [
        ("truncated", lambda i: text[: rng.randrange(len(text))]),
        ("audit-value", audit_value),
        ("byte-flip", lambda i: flip(text, rng, rng.randint(1, 10))),
        ("wrong-type", wrong_type),
        ("number", number),
        ("deep", deep),
        ("surrogate", surrogate),
        ("duplicate-key", duplicate),
        ("structure", structure),
        (
            "encoding",
            lambda i: rng.choice(
                [
                    text.decode().encode("utf-16"),
                    text.decode().encode("latin-1", "replace"),
                    b"\xef\xbb\xbf" + text,
                    b"\x00" * 64,
                ]
            ),
        ),
        (
            "tiny",
            lambda i: rng.choice([b"", b" ", b"null", b"[]", b"{}", b"{", b"1", b'"x"', b"\n\n"]),
        ),
    ]
    for i in range(count):
        kind, make = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}.json", make(i)


# ----------------------------------------------------------------------------- spreadsheets


def _base_sheets() -> tuple[bytes, bytes]:
    from coherence_planner.storage.spreadsheets import write_csv, write_xlsx

    district = sample_district()
    with tempfile.TemporaryDirectory() as folder:
        xlsx, csv = Path(folder) / "s.xlsx", Path(folder) / "s.csv"
        write_xlsx(district, analyse(district), xlsx)
        write_csv(district, csv)
        return xlsx.read_bytes(), csv.read_bytes()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<lolz>&lol3;</lolz>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
)


def _rezip(base: bytes, rng: random.Random, change: Callable[[str, bytes], bytes | None]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = change(info.filename, src.read(info.filename))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("[Content_Types].xml", b"<x/>")
        with dst.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return out.getvalue()


def sheet_mutants(count: int, seed: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    xlsx, csv = _base_sheets()
    bomb = _zip_bomb()

    def member(i: int) -> bytes:
        target = rng.choice(
            [
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/workbook.xml",
                "[Content_Types].xml",
                "xl/styles.xml",
            ]
        )
        payload = rng.choice([BILLION_LAUGHS, EXTERNAL_ENTITY, b"", b"<", None])

        def change(name: str, content: bytes) -> bytes | None:
            if name != target:
                return content
            return payload if payload is not None else None

        if payload is None and rng.random() < 0.5:
            return _rezip(xlsx, rng, lambda n, c: flip(c, rng, 20) if n == target else c)
        return _rezip(xlsx, rng, change)

    def huge_dimension(i: int) -> bytes:
        def change(name: str, content: bytes) -> bytes:
            if not name.startswith("xl/worksheets/"):
                return content
            if i % 2:  # a dimension openpyxl cannot even parse
                return content.replace(
                    b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="', 1
                )
            return re.sub(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content, count=1
            )

        return _rezip(xlsx, rng, change)

    def csv_mutant(i: int) -> bytes:
        choice = i // 9 % 8
        if choice == 0:
            return flip(csv, rng, rng.randint(1, 30))
        if choice == 1:
            return csv[: rng.randrange(len(csv))]
        if choice == 2:
            return csv.replace(b"\n", b"\n" + b"x" * 200_000 + b",", 1)
        if choice == 3:
            return csv.replace(b",", b"\0", 3)
        if choice == 4:
            return csv.decode("utf-8-sig").encode(
                rng.choice(["utf-16", "latin-1", "cp1252"]), "replace"
            )
        if choice == 5:
            return b",".join(b"c%d" % n for n in range(20_000)) + b"\n" + b"1," * 20_000
        if choice == 6:
            return b'"' + csv  # an unclosed quote swallows the file
        return rng.randbytes(rng.randint(0, 4000))

    def csv_audit(i: int) -> bytes:
        """Cells the audit sent (issue 18, cases 3 and 9): control characters, formulas."""
        cell = rng.choice(
            [
                "Reading\x0bRecovery",
                "Tutor\x01ing",
                "\ufeff=1+1",
                " =HYPERLINK(1)",
                "\uff1d1",
                "|calc",
                "'=1+1",
                "x\uffff",
                "1" + "0" * 400,
            ]
        )
        return ("Name,Annual cost,Notes\n" + f'"{cell}",1000,"{cell}"\n').encode("utf-8")

    kinds: list[tuple[str, str, Callable[[int], bytes]]] = [
        ("zip-flip", "xlsx", lambda i: flip(xlsx, rng, rng.randint(1, 40))),
        ("zip-truncated", "xlsx", lambda i: xlsx[: rng.randrange(len(xlsx))]),
        ("member", "xlsx", member),
        ("dimension", "xlsx", huge_dimension),
        ("zip-bomb", "xlsx", lambda i: bomb),
        (
            "not-zip",
            "xlsx",
            lambda i: rng.choice([b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), csv]),
        ),
        ("csv", "csv", csv_mutant),
        ("csv", "csv", csv_mutant),
        ("csv", "csv", csv_mutant),
        ("csv-audit", "csv", csv_audit),
    ]
    for i in range(count):
        kind, suffix, make = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}.{suffix}", make(i)
