"""Column mappings and the mapping files that hold them.

A column mapping is a plain dict from header text (exactly as the sheet shows it) to a
target (header_words.py): a field name of `fields.fields_of(kind)`, or one of the pseudo fields
`ID` ("id": the item's id, used to match rows to existing items) and `LINKS` ("supports":
names or ids of the goals/strategies the item supports). Headers that are not keys are
ignored (and reported by `header_guess.unmapped_headers`).

A mapping file (`--mapping map.json`) holds one entry per sheet name:

    {"version": 1,
     "sheets": {"Programs": {"kind": "program",
                             "columns": {"Program Name": "name", "Annual Cost ($)": "annual_cost",
                                         "Aligned to": "supports"}}}}

`kind` is one of goal, strategy, program, policy, or the two side sheets `link` (the Links
sheet the export writes) and `indicator` (goal indicators), or null to skip the sheet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypedDict

from coherence_planner.storage.atomic import write_atomically
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets.header_words import (
    SHEET_KINDS,
    ColumnMapping,
    targets_of,
)


class SheetMapping(TypedDict):
    kind: str | None
    columns: ColumnMapping


class MappingError(KnownError):
    """A mapping file that cannot be used; the message names the file and the entry."""

    def __init__(self, message: str, path: str | Path = "") -> None:
        super().__init__(path, message)


# ----------------------------------------------------------------------------- files


def check_mapping(kind: str | None, columns: Any, where: str) -> list[str]:
    """Why a sheet mapping cannot be used (empty list when it can)."""
    problems = []
    if kind is not None and kind not in SHEET_KINDS:
        problems.append(f"{where}: unknown kind {kind!r} (use {', '.join(SHEET_KINDS)})")
        return problems
    if not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        return [f"{where}: 'columns' must map header text to a field name"]
    if kind is None:
        return problems
    allowed = {t for t, _ in targets_of(kind)}
    for header, target in columns.items():
        if target not in allowed:
            problems.append(
                f"{where}: column {header!r} maps to {target!r}, which a {kind} sheet does not have"
            )
    seen: dict[str, str] = {}
    for header, target in columns.items():
        if target in seen:
            problems.append(
                f"{where}: columns {seen[target]!r} and {header!r} both map to {target!r}"
            )
        seen[target] = header
    return problems


def mappings_to_json(mappings: dict[str, SheetMapping]) -> dict[str, Any]:
    return {"version": 1, "sheets": {name: dict(m) for name, m in mappings.items()}}


def mappings_from_json(data: Any, where: str = "mapping") -> dict[str, SheetMapping]:
    """Read the dict form (see the module docstring), or raise MappingError naming problems."""
    if not isinstance(data, dict) or not isinstance(data.get("sheets"), dict):
        raise MappingError(f"{where}: expected an object with a 'sheets' object")
    if data.get("version", 1) != 1:
        raise MappingError(f"{where}: version must be 1; got {data.get('version')!r}")
    out: dict[str, SheetMapping] = {}
    problems: list[str] = []
    for name, entry in data["sheets"].items():
        place = f"{where}: sheet {name!r}"
        if not isinstance(entry, dict):
            problems.append(f"{place}: must be an object with 'kind' and 'columns'")
            continue
        kind, columns = entry.get("kind"), entry.get("columns", {})
        found = check_mapping(kind, columns, place)
        if found:
            problems.extend(found)
            continue
        out[name] = SheetMapping(kind=kind, columns=dict(columns))
    if problems:
        raise MappingError("; ".join(problems))
    return out


def load_mappings(path: str | Path) -> dict[str, SheetMapping]:
    """Read a mapping file saved by `save_mappings` or written by hand."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MappingError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path.name}: is not valid JSON ({exc})") from exc
    return mappings_from_json(data, path.name)


def save_mappings(mappings: dict[str, SheetMapping], path: str | Path) -> None:
    text = json.dumps(mappings_to_json(mappings), indent=2, ensure_ascii=False) + "\n"

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomically(Path(path), write)
