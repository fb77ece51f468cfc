"""The words of spreadsheet headers: which field a header names ("Annual Cost ($)" is
`annual_cost`), in general and within one kind of sheet.

A column mapping's target is a field name of `fields.fields_of(kind)`, or one of the pseudo
fields `ID` ("id": the item's id, used to match rows to existing items) and `LINKS`
("supports": names or ids of the goals/strategies the item supports). Guessing a whole
sheet's mapping from these words is in header_guess.py.
"""

from __future__ import annotations

import re

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab

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


def header_key(text: str) -> str:
    text = text.lower().replace("#", " number ").replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


# Synonyms per target, matched against the folded header (see `header_key`). Order matters only
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
    "total funds": "annual_cost",
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
    (r"\bsupports?\b|\balign(ed|ment)\b|\blinked\b", LINKS),
    # "Action Title / Goal Description" (an LCAP's name column, which its goal rows share).
    (r"^(action|activity|program|initiative|project|strategy)\s+title\b", "name"),
    # "Goal / Action", "Goals and Actions", "Priority / Initiative": the column of a plan's
    # goal rows and their actions, an outline.
    (
        r"^(goals?|priorit(y|ies)|objectives?|pillars?)\s+(and\s+|or\s+)?"
        r"(actions?|activities|strateg(y|ies)|initiatives?|programs?|projects?)$",
        "name",
    ),
    # A goal column by any wording ("Goal Link (1/2/3)", "LEA Goal(s)", "District Goal",
    # "Goal #"), unless it describes the goal: then it is a goal's own text.
    (
        r"^(lea |district |strategic |plan |lcap |board )?goals?\b"
        r"(?!.*\b(description|statement|name|title|text)\b)",
        LINKS,
    ),
    (r"\bgoals?\b.*\b(served|addressed|supported|alignment|area|ref|reference|number)\b", LINKS),
    # A program's "Strategic Priority", "Priority Code(s)": the goals it serves, named. A
    # bare "Priority" is left alone: it is as often High / Medium / Low.
    (
        r"^(strategic|district|board) priorit(y|ies)( codes?| areas?| served| s)?$"
        r"|^priorit(y|ies) (codes?|areas?|served)$|^priorities$",
        LINKS,
    ),
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
    key = header_key(header)
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


def target_in(header: str, kind: str) -> tuple[str | None, int]:
    """Like `_ranked_target`, but "Goal" names the item on a goal sheet and the link
    elsewhere.

    The labels of fields.py (which the export writes as headers) always map to their field.
    """
    if kind in vocab.ITEM_KINDS:
        for spec in F.fields_of(kind):
            if spec.type not in F.NESTED_TYPES and header_key(spec.label) == header_key(header):
                return spec.name, EXACT
    words = header_key(header).split(" ")
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
LINK_HEADERS = {
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
INDICATOR_HEADERS = {
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
