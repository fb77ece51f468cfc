"""Which column of a sheet feeds which field, guessed from the header wording.

A column mapping is a plain dict from header text (exactly as the sheet shows it) to a
target: a field name of `fields.fields_of(kind)`, or one of the pseudo fields
`ID` ("id": the item's id, used to match rows to existing items) and `LINKS` ("supports":
names or ids of the goals/strategies the item supports). Headers that are not keys are
ignored (and reported by `unmapped_headers`).

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
import re
from pathlib import Path
from typing import Any, TypedDict

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.storage.errors import KnownError

ID = "id"
LINKS = "supports"
# A consultant's Keep / Modify / Stop: a draft decision, imported as a proposal (a scenario
# named after the file), never as the cabinet's decision.
PROPOSAL = "proposal"
PROPOSAL_KINDS = ("program", "policy")
LINK_SHEET = "link"
INDICATOR_SHEET = "indicator"
SHEET_KINDS = (*vocab.ITEM_KINDS, LINK_SHEET, INDICATOR_SHEET)

ColumnMapping = dict[str, str]


class SheetMapping(TypedDict):
    kind: str | None
    columns: ColumnMapping


class MappingError(KnownError):
    """A mapping file that cannot be used; the message names the file and the entry."""

    def __init__(self, message: str, path: str | Path = "") -> None:
        super().__init__(path, message)


def _key(text: str) -> str:
    text = text.lower().replace("#", " number ").replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


# Synonyms per target, matched against the folded header (see `_key`). Order matters only
# within `_PATTERNS`: the first pattern that matches wins.
_EXACT: dict[str, str] = {
    "id": ID,
    "item id": ID,
    "program id": ID,
    "policy id": ID,
    "strategy id": ID,
    "goal id": ID,
    "code id": ID,
    "name": "name",
    "title": "name",
    "program": "name",
    "program name": "name",
    "name of program": "name",
    "program title": "name",
    "policy": "name",
    "policy name": "name",
    "policy title": "name",
    "strategy": "name",
    "strategy name": "name",
    "goal": "name",
    "goal name": "name",
    "goal statement": "name",
    "initiative": "name",
    "initiative name": "name",
    "activity": "name",
    "activity name": "name",
    "activity initiative": "name",
    "initiative activity": "name",
    "program activity": "name",
    "program initiative": "name",
    "program service": "name",
    "program or service": "name",
    "project": "name",
    "project name": "name",
    "project title": "name",
    "intervention": "name",
    "intervention name": "name",
    "action": "name",
    "action title": "name",
    "status": "status",
    "owner": "owner",
    "lead": "owner",
    "contact": "owner",
    "program lead": "owner",
    "responsible": "owner",
    "point person": "owner",
    "manager": "owner",
    "description": "description",
    "summary": "description",
    "what it is": "description",
    "notes": "notes",
    "comments": "notes",
    "note": "notes",
    "type": "type",
    "program type": "type",
    "category": "type",
    "mtss tier": "tier",
    "tier": "tier",
    "mtss": "tier",
    "rti tier": "tier",
    "grade band": "grades",
    "grades": "grades",
    "grade": "grades",
    "grades served": "grades",
    "grade levels": "grades",
    "grade level": "grades",
    "subject": "subjects",
    "subjects": "subjects",
    "subject s": "subjects",
    "content area": "subjects",
    "content areas": "subjects",
    "target population": "populations",
    "student group": "populations",
    "student groups": "populations",
    "population": "populations",
    "populations": "populations",
    "students": "populations",
    "schools": "schools",
    "school": "schools",
    "site": "schools",
    "sites": "schools",
    "site s": "schools",
    "school s": "schools",
    "campus": "schools",
    "campuses": "schools",
    "locations": "schools",
    "annual cost": "annual_cost",
    "cost": "annual_cost",
    "budget": "annual_cost",
    "annual budget": "annual_cost",
    "total cost": "annual_cost",
    "fte": "fte",
    "staff fte": "fte",
    "ftes": "fte",
    "number students": "students_served",
    "students served": "students_served",
    "number of students": "students_served",
    "enrollment": "students_served",
    "reach": "students_served",
    "funding source": "funding_source",
    "funding": "funding_source",
    "fund": "funding_source",
    "fund source": "funding_source",
    "funding end date": "funding_ends",
    "funding ends": "funding_ends",
    "funding end": "funding_ends",
    "grant ends": "funding_ends",
    "essa tier": "evidence_tier",
    "evidence level": "evidence_tier",
    "essa evidence": "evidence_tier",
    "evidence": "evidence_tier",
    "evidence tier": "evidence_tier",
    "essa evidence level": "evidence_tier",
    "start year": "start_year",
    "started": "start_year",
    "year started": "start_year",
    "start date": "start_year",
    "instructional core": "instructional_core",
    "core instruction": "instructional_core",
    "decision": "decision",
    "cabinet decision": "decision",
    "keep modify stop": PROPOSAL,
    "keep modify discontinue": PROPOSAL,
    "keep modify eliminate": PROPOSAL,
    "keep expand modify stop": PROPOSAL,
    "keep modify sunset": PROPOSAL,
    "recommendation": PROPOSAL,
    "recommended action": PROPOSAL,
    "consultant recommendation": PROPOSAL,
    "proposed decision": PROPOSAL,
    "proposal": PROPOSAL,
    "required": "required",
    "mandated": "required",
    "mandate": "required",
    "mandatory": "required",
    "compliance": "required",
    "required by law": "required",
    "legally required": "required",
    "state mandated": "required",
    "decision rationale": "decision_rationale",
    "why": "decision_rationale",
    "rationale": "decision_rationale",
    "code": "code",
    "policy code": "code",
    "policy number": "code",
    "bp": "code",
    "adopted": "adopted_year",
    "adopted year": "adopted_year",
    "year adopted": "adopted_year",
    "date adopted": "adopted_year",
    "review due": "review_year",
    "review year": "review_year",
    "next review": "review_year",
    "themes": "themes",
    "theme": "themes",
    "supports goal": LINKS,
    "supports goals": LINKS,
    "supports": LINKS,
    "supports strategy": LINKS,
    "aligned to": LINKS,
    "aligned goal": LINKS,
    "aligned goals": LINKS,
    "aligned strategy": LINKS,
    "linked goal": LINKS,
    "linked to": LINKS,
    "goal s": LINKS,
    "goals": LINKS,
    "strategies": LINKS,
    "lcap goal": LINKS,
    "lcap goals": LINKS,
    "goal served": LINKS,
    "goals served": LINKS,
    "goal s served": LINKS,
    "goals addressed": LINKS,
    "goal addressed": LINKS,
    "goal alignment": LINKS,
    "goal area": LINKS,
    "strategic goal": LINKS,
    "plan goal": LINKS,
}

# Headers that look like a field but are not one: a per-student cost beside the annual
# cost, a finance system's object codes (salaries, benefits: what the money buys, not what
# the program is), a row counter.
_NOT_A_FIELD = re.compile(
    r"\bper\s+(student|pupil|participant|child|teacher|site|school|fte)\b|"
    r"^(object|account|obj)\b|^(row|line|no|number|seq|sequence|item number)$|^resource\b"
)

# Loose patterns, tried after the exact table: a header such as "Annual Cost ($)" or
# "Est. cost 2026-27" still finds its field.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bkeep\b.*\b(stop|modify|cut|discontinue|eliminate|sunset|drop)\b|\brecommend", PROPOSAL),
    (r"\b(required|mandated?|mandatory|compliance)\b", "required"),
    (r"\bsupports?\b|\baligned\b|\blinked\b", LINKS),
    (r"\bgoals?\b.*\b(served|addressed|supported|alignment|area|ref|reference|number)\b", LINKS),
    (r"\bfunding\b.*\b(end|ends|expires|expiration|sunset)\b", "funding_ends"),
    (r"\b(fund|funding)\b", "funding_source"),
    (r"\bessa\b|\bevidence\b", "evidence_tier"),
    (r"\bmtss\b|\brti\b|^tier\b", "tier"),
    (r"\bcost\b|\bbudget\b|\bspend\b|\bamount\b", "annual_cost"),
    (r"\bfte\b", "fte"),
    (r"\bstudents?\b.*\b(served|number|count|reached)\b|\bnumber students\b", "students_served"),
    (r"\bgrades?\b", "grades"),
    (r"\bsubjects?\b|\bcontent\b", "subjects"),
    (r"\bpopulation\b|\bstudent groups?\b|\btarget\b", "populations"),
    (r"\bschools?\b|\bsites?\b|\bcampus", "schools"),
    (r"\bdecision\b", "decision"),
    (
        r"^(program|activity|initiative|project|intervention|action)\b(?!.*\b(description|"
        r"code|number|id|cost|budget|type|lead|owner|notes?|status|tier|funding|fund)\b)",
        "name",
    ),
    (r"\bname\b", "name"),
    (r"\bnotes?\b|\bcomments?\b", "notes"),
    (r"\bdescription\b", "description"),
    (r"\bowner\b|\blead\b|\bcontact\b", "owner"),
    (r"\bstatus\b", "status"),
    (r"\bid\b", ID),
)


# How sure a guess is: an exact header beats a pattern, so "Annual Cost" wins the cost
# over an earlier "Cost per Student".
EXACT, PATTERN = 0, 1


def _ranked_target(header: str) -> tuple[str | None, int]:
    key = _key(header)
    if not key:
        return None, PATTERN
    if key in _EXACT:
        return _EXACT[key], EXACT
    if _NOT_A_FIELD.search(key):
        return None, PATTERN
    for pattern, target in _PATTERNS:
        if re.search(pattern, key):
            return target, PATTERN
    return None, PATTERN


def target_of(header: str) -> str | None:
    """The field (or pseudo field) a header names on its own, or None."""
    return _ranked_target(header)[0]


_KIND_WORDS = {
    "goal": "goal",
    "goals": "goal",
    "strategy": "strategy",
    "strategies": "strategy",
    "program": "program",
    "programs": "program",
    "policy": "policy",
    "policies": "policy",
}


def _target_in(header: str, kind: str) -> tuple[str | None, int]:
    """Like `_ranked_target`, but "Goal" names the item on a goal sheet and the link
    elsewhere.

    The labels of fields.py (which the export writes as headers) always map to their field.
    """
    if kind in vocab.ITEM_KINDS:
        for spec in F.fields_of(kind):
            if spec.type not in F.NESTED_TYPES and _key(spec.label) == _key(header):
                return spec.name, EXACT
    words = _key(header).split(" ")
    named = _KIND_WORDS.get(words[0]) if words else None
    if (
        named is not None
        and len(words) <= 2
        and words[-1] in (words[0], "name", "id", "title", "statement")
    ):
        if named == kind:
            return (ID if words[-1] == "id" else "name"), EXACT
        return (LINKS if named in ("goal", "strategy") and kind != "goal" else None), EXACT
    return _ranked_target(header)


def targets_of(kind: str) -> list[tuple[str, str]]:
    """(target, label) pairs a column of this kind of sheet can map to, for a chooser."""
    if kind == LINK_SHEET:
        return [(t, t.replace("_", " ").capitalize()) for t in LINK_COLUMNS]
    if kind == INDICATOR_SHEET:
        return [("goal", "Goal ID or name"), *((s.name, s.label) for s in F.INDICATOR_FIELDS)]
    out = [(ID, "ID")]
    out += [(s.name, s.label) for s in F.fields_of(kind) if s.type not in F.NESTED_TYPES]
    if kind != "goal":
        out.append((LINKS, "Supports (goal or strategy names or ids)"))
    if kind in PROPOSAL_KINDS:
        out.append((PROPOSAL, "Proposal (keep, modify, stop: a draft decision)"))
    return out


LINK_COLUMNS = ("from", "to", "kind", "strength", "rationale")
_LINK_HEADERS = {
    "from id": "from",
    "from": "from",
    "source": "from",
    "to id": "to",
    "to": "to",
    "target": "to",
    "kind": "kind",
    "link kind": "kind",
    "strength": "strength",
    "rationale": "rationale",
    "why": "rationale",
}
_INDICATOR_HEADERS = {
    "goal id": "goal",
    "goal": "goal",
    "indicator": "name",
    "name": "name",
    "unit": "unit",
    "baseline": "baseline",
    "current": "current",
    "target": "target",
    "target year": "target_year",
    "baseline year": "baseline_year",
    "current year": "current_year",
}


def guess_mapping(headers: list[str], kind: str) -> ColumnMapping:
    """A column mapping for a sheet of this kind, from the wording of its headers.

    Each target goes to the header that names it most exactly ("Annual Cost" before a
    pattern such as "Cost per Student"), then to the first; a later header naming the same
    field is left unmapped (and so reported), never silently merged.
    """
    guesses: list[tuple[int, int, str, str]] = []  # (rank, position, header, target)
    if kind in (LINK_SHEET, INDICATOR_SHEET):
        table = _LINK_HEADERS if kind == LINK_SHEET else _INDICATOR_HEADERS
        for position, header in enumerate(headers):
            target = table.get(_key(header))
            if target is not None:
                guesses.append((EXACT, position, header, target))
    else:
        allowed = {t for t, _ in targets_of(kind)}
        for position, header in enumerate(headers):
            target, rank = _target_in(header, kind)
            if target is not None and target in allowed:
                guesses.append((rank, position, header, target))
    chosen: dict[str, tuple[int, str]] = {}  # target -> (position, header)
    for _, position, header, target in sorted(guesses):
        if target not in chosen and header not in {h for _, h in chosen.values()}:
            chosen[target] = (position, header)
    return {header: target for target, (_, header) in sorted(chosen.items(), key=lambda kv: kv[1])}


# Columns the export writes for people to read (the name beside an id); not worth reporting.
_READING_AIDS = frozenset({"from name", "to name", "goal name"})


def unmapped_headers(headers: list[str], mapping: ColumnMapping) -> list[str]:
    """Headers the mapping ignores, except the export's own reading aids ("From name")."""
    return [h for h in headers if h and h not in mapping and _key(h) not in _READING_AIDS]


def header_score(cells: list[str]) -> int:
    """How many cells read as known column headers: the header row scores highest."""
    return sum(
        1
        for cell in cells
        if cell
        and (
            target_of(cell) is not None
            or _key(cell) in _LINK_HEADERS
            or _key(cell) in _INDICATOR_HEADERS
        )
    )


_SHEET_WORDS = (
    ("program", "program"),
    ("initiative", "program"),
    ("inventory", "program"),
    ("polic", "policy"),
    ("strateg", "strategy"),
    ("indicator", INDICATOR_SHEET),
    ("link", LINK_SHEET),
    ("goal", "goal"),
)
_SKIPPED_SHEETS = ("finding", "instruction", "read me", "readme", "about", "help", "lookup", "list")


# Sheets the export writes for reading, not for importing: the findings and the retreat
# tables (domain/retreat/tables.py titles; a scenario's sheet is "Scenario - its name").
REPORT_SHEETS = ("findings", "decision log", "ratings", "initiative load")
REPORT_SHEET_PREFIXES = ("scenario - ",)


def is_report_sheet(sheet_name: str) -> bool:
    """A sheet of the export's report part (which an import skips), by its name."""
    name = re.sub(r" \(\d+\)$", "", sheet_name.strip()).casefold()
    return name in REPORT_SHEETS or name.startswith(REPORT_SHEET_PREFIXES)


_PROGRAM_ONLY = {"type", "tier", "annual_cost", "fte", "students_served", "evidence_tier"}


def guess_kind(sheet_name: str, headers: list[str]) -> str | None:
    """Which kind of rows a sheet holds, from its name, else its headers; None to skip it."""
    if is_report_sheet(sheet_name):
        return None
    name = sheet_name.lower()
    for word, kind in _SHEET_WORDS:
        if word in name:
            return kind
    if any(word in name for word in _SKIPPED_SHEETS):
        return None
    keys = {_key(h) for h in headers}
    if {"from", "to"} <= keys or {"from id", "to id"} <= keys:
        return LINK_SHEET
    targets = {target_of(h) for h in headers}
    if targets & {"code", "adopted_year", "review_year"}:
        return "policy"
    # Programs have themes too (the export's program CSV has a Themes column): only a
    # table of themes without a program's own columns is one of strategies.
    if "themes" in targets and not targets & _PROGRAM_ONLY:
        return "strategy"
    if keys & {"goal", "goal name", "goal statement"} and not targets & {"annual_cost", "tier"}:
        return "goal"
    if "name" in targets:
        return "program"
    return None


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
