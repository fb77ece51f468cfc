"""Seeded inputs that read (mostly) as districts, full of hostile names (issue 24's corpus).

Where hostile.py damages files, these are files a district could really send: JSON, CSV and
xlsx whose names use every script, emoji, right-to-left text, bidi controls, markup
(`<img src=...>`, `&`), mathematics for matplotlib (`$\\frac$`), formulas, and sizes from
empty to past the limits, in the encodings spreadsheets come in (cp1252, UTF-16, UTF-8 with
a byte-order mark, Latin-1) and the structures they come in (nested and wrongly typed JSON,
duplicate keys, odd sheets, merged cells, formulas, ragged CSV rows, quotes, NUL bytes).
Each file that imports goes on through check, every export and the report (probe.py).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Callable, Iterator
from typing import Any

from openpyxl import Workbook

from coherence_planner.domain.model import fields as F

Mutant = tuple[str, bytes]

SCRIPTS = [
    "Lectura Acelerada — niños, año escolar",
    "Ελληνικά για όλους",
    "Русский язык и чтение",
    "القراءة للجميع",  # Arabic: right to left, joined letters
    "קריאה לכולם",  # Hebrew
    "हिंदी पठन कार्यक्रम",
    "โปรแกรมการอ่าน",
    "阅读计划 読書プログラム 독서 프로그램",
    "Tiếng Việt đọc hiểu",
    "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ",  # Cherokee
    "👩‍🏫 Tutors 🇺🇸 🏳️‍🌈 👨‍👩‍👧‍👦",
    "Z̸̢̛a̵l̷g̶o̴ ̸t̶e̵x̷t̸",
    "𝕄𝕒𝕥𝕙 𝔽𝕣𝕒𝕜𝕥𝕦𝕣",  # outside the BMP
]
TRAPS = [
    "Tutoring\u202egnidaeR\u202c lab",
    "\u2067القراءة\u2069 then English",
    "\u200f\u200e\u061c marks \u2066 isolate",
    "\ufeffBOM \u00adsoft\u2060joined",
    '<img src="http://127.0.0.1:9/x.png"/> program',
    "<b>bold</b> & <i>co</i> &amp; &lt;",
    "]]> <![CDATA[ x ]]>",
    "$\\frac{$ math $5 a day$",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "%s %d {0} {name}",
    "\\\\server\\share\\..\\x",
    "Robert'); DROP TABLE items;--",
    "__proto__",
    "constructor",
    "toString",
    "line one\nline two",
    "tab\there",
    "   ",
    "\u3000",  # ideographic space only
    "\u202e",  # a control and nothing else
]


def hostile_name(rng: random.Random, valid: bool = False) -> str:
    """One name: a script, a trap, a mixture, or a size from empty to past MAX_LINE; when
    `valid`, one a plan may hold (not blank, at most MAX_LINE), so the file imports and
    goes on through every export."""
    name = _any_name(rng)
    if valid and (not name.strip() or len(name) > F.MAX_LINE):
        return rng.choice(SCRIPTS)
    return name


def _any_name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(SCRIPTS)
    if roll < 0.6:
        return rng.choice(TRAPS)
    if roll < 0.8:
        return " ".join(rng.choice(SCRIPTS + TRAPS) for _ in range(rng.randint(2, 4)))
    size = rng.choice([0, 1, F.MAX_LINE - 1, F.MAX_LINE, F.MAX_LINE + 1])
    piece = rng.choice(SCRIPTS + TRAPS[:8])
    return (piece * (size // max(1, len(piece)) + 1))[:size]


def _district(rng: random.Random, valid: bool = True) -> dict[str, Any]:
    """A small district (so every export of it stays quick) named with hostile names."""

    def name() -> str:
        return hostile_name(rng, valid)

    goals: list[dict[str, Any]] = [
        {"id": f"G{n}", "name": name()} for n in range(1, rng.randint(1, 3) + 1)
    ]
    if rng.random() < 0.5:
        goals[0]["indicators"] = [
            {
                "name": name(),
                "unit": rng.choice(["%", "$\\x$", name()]),
                "baseline": 1,
                "current": 2,
                "target": 5,
                "target_year": 2029,
                "baseline_year": 2025,
            }
        ]
    programs = [
        {
            "id": rng.choice([f"P{n}", name()[:40] or f"P{n}"]),
            "name": name(),
            "owner": name(),
            "annual_cost": rng.choice([0, 1500, 10**15, None]),
            "schools": [name() or "School"],
            "grades": ["K-3"],
            "description": name() * rng.choice([1, 3]),
        }
        for n in range(1, rng.randint(1, 6) + 1)
    ]
    links = [
        {
            "from": p["id"],
            "to": rng.choice(goals)["id"],
            "kind": "supports",
            "rationale": name(),
        }
        for p in programs
        if rng.random() < 0.7
    ]
    return {
        "format": "coherence-planner/district",
        "version": 1,
        "district": {"name": name(), "notes": name()},
        "goals": goals,
        "strategies": [],
        "programs": programs,
        "policies": [{"id": "B1", "code": name()[:60], "name": name()}],
        "links": links,
    }


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


def _encode(text: str, rng: random.Random) -> bytes:
    return text.encode(rng.choice(ENCODINGS), "replace")


def _json(i: int, rng: random.Random) -> bytes:
    data = _district(rng, valid=i % 2 == 0)
    choice = i // 7 % 6
    if choice == 1:  # unknown fields nested, and wrongly typed known ones
        data["programs"][0]["x-extra"] = {"a": [{"b": hostile_name(rng)}] * 3}
        data["programs"][0][rng.choice(["tier", "grades", "fte", "name"])] = rng.choice(
            [hostile_name(rng), [1, {}], {"a": 1}, True, -1]
        )
    elif choice == 2:  # duplicate keys: the last one would silently win
        text = json.dumps(data, ensure_ascii=False)
        return _encode(text.replace('"name": ', '"name": "first", "name": ', 2), rng)
    elif choice == 3:  # a section of the wrong type
        data[rng.choice(["goals", "programs", "links", "district"])] = hostile_name(rng)
    elif choice == 4:
        data["district"]["name"] = hostile_name(rng) * 3
    return _encode(json.dumps(data, ensure_ascii=rng.random() < 0.3, indent=1), rng)


def _rows(rng: random.Random, valid: bool) -> list[list[Any]]:
    def name() -> str:
        return hostile_name(rng, valid)

    header = ["Program", "Goal", "Annual cost", "Owner", "Schools", "Notes"]
    rows: list[list[Any]] = [header]
    for _ in range(rng.randint(0, 8)):
        rows.append(
            [
                name(),
                name(),
                rng.choice(["1,500", "$2,000.00", "", "abc", "1e999", "=1+1", "-5", "12"]),
                name(),
                name(),
                name(),
            ]
        )
    return rows


def _csv(i: int, rng: random.Random) -> bytes:
    rows = _rows(rng, valid=i % 2 == 0)
    out = io.StringIO()
    writer = csv.writer(out, quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    choice = i // 7 % 5
    for row in rows:
        if choice == 1 and rng.random() < 0.5:  # ragged: rows short and long
            row = row[: rng.randint(0, len(row))] + [hostile_name(rng)] * rng.randint(0, 3)
        writer.writerow(row)
    text = out.getvalue()
    if choice == 2:  # a quote left open, quotes doubled wrongly
        text = text.replace('"', '"""', 1) + '"unclosed, ' + hostile_name(rng)
    if choice == 3:
        text = text.replace(",", "\0,", 2)
    if choice == 4:
        text = text.replace(",", rng.choice([";", "\t"]))
    return _encode(text, rng)


def _xlsx(i: int, rng: random.Random) -> bytes:
    book = Workbook()
    sheet = book.active
    choice = i // 7 % 5
    if choice == 1:  # an empty sheet and a hidden one before the data
        sheet.title = "Cover"
        title = re.sub(r"[\\/*?:\[\]]", "", hostile_name(rng))[:20]  # Excel's own rule
        hidden = book.create_sheet("Hidden " + title)
        hidden.sheet_state = "hidden"
        hidden.append([hostile_name(rng)])
        sheet = book.create_sheet("Programs")
    for row in _rows(rng, valid=i % 2 == 0):
        safe = [F.FORBIDDEN.sub("", v)[:32_000] if isinstance(v, str) else v for v in row]
        sheet.append(safe)
    if choice == 2 and sheet.max_row > 2:
        sheet.merge_cells(start_row=2, start_column=1, end_row=3, end_column=2)
    if choice == 3:
        sheet.append(["=1+1", "=A1&A2", '=HYPERLINK("http://127.0.0.1:9")', "=1/0"])
    if choice == 4:
        sheet.insert_rows(1, rng.randint(1, 5))  # a title block above the header
        sheet["A1"] = hostile_name(rng)[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def name_mutants(count: int, seed: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    kinds: list[tuple[str, str, Callable[[int, random.Random], bytes]]] = [
        ("named", "json", _json),
        ("named", "csv", _csv),
        ("named", "xlsx", _xlsx),
    ]
    for i in range(count):
        kind, suffix, make = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}-{suffix}.{suffix}", make(i, rng)
