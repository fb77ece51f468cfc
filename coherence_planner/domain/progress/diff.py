"""Year over year: what changed between two versions of a district plan.

Compares two districts (two snapshots, or this plan and last year's file): items added,
removed and changed field by field, links added, removed and changed, the decisions taken,
which coherence findings appeared or went away, and spend before and after. The app's
comparison view, the report's section and `coherence-planner diff` all read a `DistrictDiff`.

Items are matched by id; an id whose kind changed counts as one item removed and another
added. Links are matched by their key (kind and ends). App records (scenarios, snapshots)
are not part of the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model import codec
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item, Link, Policy, Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import money

_UNDECIDED = "undecided"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any
    type: str = ""  # the fields.py type, when the field is a known one


@dataclass(frozen=True)
class ItemRef:
    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class ItemChange:
    id: str
    kind: str
    name: str  # the name after the change
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LinkRef:
    kind: str
    src: str
    dst: str
    src_name: str
    dst_name: str
    strength: str
    rationale: str

    @property
    def text(self) -> str:
        verb = "supports" if self.kind == "supports" else "conflicts with"
        return f"{self.src_name} {verb} {self.dst_name}"  # names: ids are in the JSON


@dataclass(frozen=True)
class LinkChange:
    link: LinkRef  # as it is after the change
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Decision:
    """A decision field that moved: new item with a decision, or a changed decision."""

    id: str
    kind: str
    name: str
    old: str | None  # None when the item is new
    new: str
    rationale: str
    decided_by: str
    decided_on: str


@dataclass(frozen=True)
class Finding:
    ids: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class FindingChange:
    rule: str
    label: str
    before: int
    after: int
    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]


@dataclass(frozen=True)
class SpendLine:
    key: str  # "total_cost", ... or a goal id
    label: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class DistrictDiff:
    label_a: str
    label_b: str
    district: tuple[FieldChange, ...]
    added: tuple[ItemRef, ...]
    removed: tuple[ItemRef, ...]
    changed: tuple[ItemChange, ...]
    links_added: tuple[LinkRef, ...]
    links_removed: tuple[LinkRef, ...]
    links_changed: tuple[LinkChange, ...]
    decisions: tuple[Decision, ...]
    findings: tuple[FindingChange, ...]
    spend: tuple[SpendLine, ...]  # totals first, then one line per goal
    spend_by_goal: tuple[SpendLine, ...]

    @property
    def identical(self) -> bool:
        """No difference in the plan itself (findings and spend follow from the plan)."""
        return not (
            self.district
            or self.added
            or self.removed
            or self.changed
            or self.links_added
            or self.links_removed
            or self.links_changed
        )

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data, the output of `coherence-planner diff --json`."""
        return {
            "a": self.label_a,
            "b": self.label_b,
            "identical": self.identical,
            "district": [_field_json(c) for c in self.district],
            "items": {
                "added": [_ref_json(r) for r in self.added],
                "removed": [_ref_json(r) for r in self.removed],
                "changed": [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "name": c.name,
                        "fields": [_field_json(f) for f in c.fields],
                    }
                    for c in self.changed
                ],
            },
            "links": {
                "added": [_link_json(r) for r in self.links_added],
                "removed": [_link_json(r) for r in self.links_removed],
                "changed": [
                    {**_link_json(c.link), "fields": [_field_json(f) for f in c.fields]}
                    for c in self.links_changed
                ],
            },
            "decisions": [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "name": d.name,
                    "old": d.old,
                    "new": d.new,
                    "rationale": d.rationale,
                    "decided_by": d.decided_by,
                    "decided_on": d.decided_on,
                }
                for d in self.decisions
            ],
            "findings": {
                f.rule: {
                    "before": f.before,
                    "after": f.after,
                    "appeared": [{"ids": list(x.ids), "text": x.text} for x in f.appeared],
                    "disappeared": [{"ids": list(x.ids), "text": x.text} for x in f.disappeared],
                }
                for f in self.findings
            },
            "spend": {
                **{s.key: {"before": _num(s.before), "after": _num(s.after)} for s in self.spend},
                "by_goal": {
                    s.key: {"name": s.label, "before": _num(s.before), "after": _num(s.after)}
                    for s in self.spend_by_goal
                },
            },
        }


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _field_json(c: FieldChange) -> dict[str, Any]:
    return {"field": c.field, "label": c.label, "old": c.old, "new": c.new}


def _ref_json(r: ItemRef) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "name": r.name}


def _link_json(r: LinkRef) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "from": r.src,
        "to": r.dst,
        "strength": r.strength,
        "rationale": r.rationale,
    }


# ------------------------------------------------------------------------------ compare


def _field_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    changes = []
    for key in dict.fromkeys([*old, *new]):
        if key == "id" or old.get(key) == new.get(key):
            continue
        spec = F.field_spec(kind, key) if kind in F.KIND_FIELDS else None
        label = spec.label if spec else key.replace("_", " ").capitalize()
        field_type = spec.type if spec else F.ENUM if key in ("kind", "strength") else ""
        changes.append(FieldChange(key, label, old.get(key), new.get(key), field_type))
    return changes


def _link_ref(link: Link, district: District) -> LinkRef:
    return LinkRef(
        kind=link.kind,
        src=link.src,
        dst=link.dst,
        src_name=district.items[link.src].name,
        dst_name=district.items[link.dst].name,
        strength=link.strength,
        rationale=link.rationale,
    )


def _ref(item: Item) -> ItemRef:
    return ItemRef(item.id, item.kind, item.name)


def _decision(item: Item) -> str | None:
    """The cabinet's decision on an item, for the kinds that carry one."""
    return item.decision if isinstance(item, Program | Policy) else None


def _decision_of(item: Program | Policy, old: str | None) -> Decision:
    return Decision(
        id=item.id,
        kind=item.kind,
        name=item.name,
        old=old,
        new=item.decision,
        rationale=item.decision_rationale,
        decided_by=item.decided_by,
        decided_on=item.decided_on,
    )


def diff_districts(
    a: District,
    b: District,
    *,
    label_a: str = "A",
    label_b: str = "B",
    analysis_a: Analysis | None = None,
    analysis_b: Analysis | None = None,
) -> DistrictDiff:
    """Everything that differs from `a` (before) to `b` (after)."""
    analysis_a = analysis_a or analyse(a)
    analysis_b = analysis_b or analyse(b)

    district_changes = [
        FieldChange(key, key.replace("_", " ").capitalize(), getattr(a, key), getattr(b, key))
        for key in ("name", "school_year", "notes")
        if getattr(a, key) != getattr(b, key)
    ]
    for key in dict.fromkeys([*a.extra, *b.extra]):
        if a.extra.get(key) != b.extra.get(key):
            district_changes.append(FieldChange(key, key, a.extra.get(key), b.extra.get(key)))

    def same_item(item_id: str) -> bool:
        return (
            item_id in a.items
            and item_id in b.items
            and a.items[item_id].kind == b.items[item_id].kind
        )

    added, changed, decisions = [], [], []
    for item in b.ordered_items():
        if not same_item(item.id):
            added.append(_ref(item))
            if isinstance(item, Program | Policy) and item.decision != _UNDECIDED:
                decisions.append(_decision_of(item, None))
            continue
        before = a.items[item.id]
        fields = _field_changes(item.kind, codec.item_to_dict(before), codec.item_to_dict(item))
        if fields:
            changed.append(ItemChange(item.id, item.kind, item.name, tuple(fields)))
        if isinstance(item, Program | Policy) and _decision(before) != item.decision:
            decisions.append(_decision_of(item, _decision(before)))
    removed = [_ref(item) for item in a.ordered_items() if not same_item(item.id)]

    links_added, links_changed = [], []
    for link in b.ordered_links():
        old = a.links.get(link.key)
        if old is None or not (same_item(link.src) and same_item(link.dst)):
            links_added.append(_link_ref(link, b))
            continue
        old_dict, new_dict = codec.link_to_dict(old), codec.link_to_dict(link)
        if link.kind == "conflicts":  # symmetric: the order of the ends is not a change
            for d in (old_dict, new_dict):
                d["from"], d["to"] = link.key[1], link.key[2]
        fields = _field_changes("link", old_dict, new_dict)
        if fields:
            links_changed.append(LinkChange(_link_ref(link, b), tuple(fields)))
    links_removed = [
        _link_ref(link, a)
        for link in a.ordered_links()
        if link.key not in b.links or not (same_item(link.src) and same_item(link.dst))
    ]

    return DistrictDiff(
        label_a=label_a,
        label_b=label_b,
        district=tuple(district_changes),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        links_added=tuple(links_added),
        links_removed=tuple(links_removed),
        links_changed=tuple(links_changed),
        decisions=tuple(decisions),
        findings=_findings(a, analysis_a, b, analysis_b),
        spend=_spend(analysis_a, analysis_b),
        spend_by_goal=_spend_by_goal(a, analysis_a, b, analysis_b),
    )


# ----------------------------------------------------------------------------- findings


def _namer(a: District, b: District) -> Any:
    """Items by their names, as findings name them (naming.Names: the id follows only a
    name two items share); an item gone from `b` is named as `a` had it."""
    after, before = Names(b), Names(a)

    def name(item_id: str) -> str:
        if item_id in b.items:
            return after.plain(item_id)
        return before.plain(item_id) if item_id in a.items else item_id

    return name


def _finding_sets(
    district: District, analysis: Analysis, name: Any
) -> dict[str, dict[Any, Finding]]:
    sets: dict[str, dict[Any, Finding]] = {
        "orphans": {o.id: Finding((o.id,), name(o.id)) for o in analysis.orphans},
        "unsupported_goals": {g: Finding((g,), name(g)) for g in analysis.unsupported_goals},
        "conflicts": {
            (c.a, c.b): Finding((c.a, c.b), f"{name(c.a)} ↔ {name(c.b)}")
            for c in analysis.conflicts
        },
        "competing": {},
        "removal_candidates": {
            c.id: Finding((c.id,), name(c.id)) for c in analysis.removal_candidates
        },
    }
    for group in analysis.competing:
        key = (frozenset(group.members), group.kept)
        kept = ", ".join(group.kept) or "none"
        text = f"{', '.join(name(m) for m in group.members)} (keeping {kept})"
        sets["competing"][key] = Finding(group.members, text)
    return sets


FINDING_LABELS = {
    "orphans": "Orphans",
    "unsupported_goals": "Unsupported goals",
    "conflicts": "Conflicts",
    "competing": "Competing groups",
    "removal_candidates": "Removal candidates",
}


def _findings(
    a: District, analysis_a: Analysis, b: District, analysis_b: Analysis
) -> tuple[FindingChange, ...]:
    name = _namer(a, b)
    before, after = _finding_sets(a, analysis_a, name), _finding_sets(b, analysis_b, name)
    out = []
    for rule, label in FINDING_LABELS.items():
        old, new = before[rule], after[rule]
        out.append(
            FindingChange(
                rule=rule,
                label=label,
                before=len(old),
                after=len(new),
                appeared=tuple(f for key, f in new.items() if key not in old),
                disappeared=tuple(f for key, f in old.items() if key not in new),
            )
        )
    return tuple(out)


SPEND_LABELS = {
    "total_cost": "Total spend",
    "aligned_cost": "Aligned to goals",
    "orphan_cost": "On orphans",
    "freed_cost": "Freed if candidates go",
    "freed_fte": "FTE freed if candidates go",
}


def _spend(analysis_a: Analysis, analysis_b: Analysis) -> tuple[SpendLine, ...]:
    return tuple(
        SpendLine(
            key,
            label,
            float(getattr(analysis_a.resources, key)),
            float(getattr(analysis_b.resources, key)),
        )
        for key, label in SPEND_LABELS.items()
    )


def _spend_by_goal(
    a: District, analysis_a: Analysis, b: District, analysis_b: Analysis
) -> tuple[SpendLine, ...]:
    goal_ids = [g.id for g in b.items_of("goal")]
    goal_ids += [g.id for g in a.items_of("goal") if g.id not in goal_ids]
    name = _namer(a, b)
    by_a, by_b = analysis_a.resources.by_goal, analysis_b.resources.by_goal
    return tuple(
        SpendLine(g, name(g), float(by_a.get(g, 0.0)), float(by_b.get(g, 0.0)))
        for g in goal_ids
        if g in by_a or g in by_b
    )


# ------------------------------------------------------------------------------- words


def show_value(value: Any, limit: int = 100, type: str = "") -> str:
    """A field value as a short phrase for a diff line."""
    if type == F.MONEY and isinstance(value, int | float):
        return money(value)
    if type in (F.ENUM, F.INT_CHOICE, F.YEAR, F.DATE) and value not in (None, ""):
        return str(value)
    if value is None:
        text = "(none)"
    elif value == "" or value == []:
        text = "(empty)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    elif isinstance(value, list):
        text = f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    elif isinstance(value, str):
        text = f"“{value}”"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entry_name(entry: Any, n: int, key: str) -> str:
    if isinstance(entry, dict) and entry.get(key):
        return str(entry[key])
    return f"#{n + 1}"


def describe_field(change: FieldChange) -> list[str]:
    """Readable lines for one field change; lists of objects go entry by entry."""
    old, new = change.old, change.new
    if change.field in ("indicators", "cycles") and isinstance(old, list) and isinstance(new, list):
        key = "name" if change.field == "indicators" else "focus"
        lines = []
        for n in range(max(len(old), len(new))):
            o = old[n] if n < len(old) else None
            w = new[n] if n < len(new) else None
            if o == w:
                continue
            if o is None:
                lines.append(f"{change.label}: added {_entry_name(w, n, key)}")
            elif w is None:
                lines.append(f"{change.label}: removed {_entry_name(o, n, key)}")
            else:
                parts = [
                    f"{k} {show_value(o.get(k), 40)} → {show_value(w.get(k), 40)}"
                    for k in dict.fromkeys([*o, *w])
                    if o.get(k) != w.get(k)
                ]
                lines.append(f"{change.label}: {_entry_name(w, n, key)}: {'; '.join(parts)}")
        return lines
    shown = [show_value(v, type=change.type) for v in (old, new)]
    return [f"{change.label}: {shown[0]} → {shown[1]}"]


def _spend_value(line: SpendLine, value: float) -> str:
    return f"{value:g}" if line.key == "freed_fte" else money(value)


def _signed(line: SpendLine) -> str:
    delta = line.change
    if abs(delta) < 1e-9:
        return "no change"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{_spend_value(line, abs(delta))}"


def diff_summary_rows(diff: DistrictDiff) -> list[tuple[str, str, str, str]]:
    """(section, what, before, after) rows for the report's comparison table."""
    rows = [
        ("Plan", "Items added", "", str(len(diff.added))),
        ("Plan", "Items removed", str(len(diff.removed)), ""),
        ("Plan", "Items changed", "", str(len(diff.changed))),
        ("Plan", "Links added", "", str(len(diff.links_added))),
        ("Plan", "Links removed", str(len(diff.links_removed)), ""),
        ("Plan", "Decisions taken", "", str(len(diff.decisions))),
    ]
    rows += [("Findings", f.label, str(f.before), str(f.after)) for f in diff.findings]
    rows += [
        ("Spend", s.label, _spend_value(s, s.before), _spend_value(s, s.after)) for s in diff.spend
    ]
    rows += [
        ("Spend by goal", s.label, money(s.before), money(s.after)) for s in diff.spend_by_goal
    ]
    return rows


def diff_lines(diff: DistrictDiff) -> list[tuple[str, str]]:
    """The diff as (mark, text) lines: mark is "+" added, "−" removed, "~" changed,
    "#" a heading, " " plain. The CLI prints them; the app colours them by mark."""
    out: list[tuple[str, str]] = []

    def head(text: str) -> None:
        out.append(("#", text))

    head(f"Comparing {diff.label_a} (before) with {diff.label_b} (after)")
    if diff.identical:
        out.append((" ", "The two plans are the same."))
    if diff.district:
        head("District")
        for c in diff.district:
            out += [("~", line) for line in describe_field(c)]
    if diff.added or diff.removed or diff.changed:
        head(
            f"Items: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
        )
        out += [("+", f"{r.kind} {r.name}") for r in diff.added]
        out += [("−", f"{r.kind} {r.name}") for r in diff.removed]
        for ic in diff.changed:
            out.append(("~", f"{ic.kind} {ic.name}"))
            out += [("~", f"    {line}") for f in ic.fields for line in describe_field(f)]
    if diff.links_added or diff.links_removed or diff.links_changed:
        head(
            f"Links: {len(diff.links_added)} added, {len(diff.links_removed)} removed, "
            f"{len(diff.links_changed)} changed"
        )
        out += [("+", r.text) for r in diff.links_added]
        out += [("−", r.text) for r in diff.links_removed]
        for lc in diff.links_changed:
            out.append(("~", lc.link.text))
            out += [("~", f"    {line}") for f in lc.fields for line in describe_field(f)]
    if diff.decisions:
        head(f"Decisions taken: {len(diff.decisions)}")
        for d in diff.decisions:
            was = "new" if d.old is None else d.old
            text = f"{d.name}: {was} → {d.new}"
            who = ", ".join(x for x in (d.decided_by, d.decided_on) if x)
            if who:
                text += f" ({who})"
            if d.rationale:
                text += f" — {d.rationale}"
            out.append(("~", text))
    head("Findings (before → after)")
    for f in diff.findings:
        out.append((" ", f"{f.label}: {f.before} → {f.after}"))
        out += [("+", f"    new: {x.text}") for x in f.appeared]
        out += [("−", f"    gone: {x.text}") for x in f.disappeared]
    head("Spend (before → after)")
    for s in (*diff.spend, *diff.spend_by_goal):
        out.append(
            (
                " ",
                f"{s.label}: {_spend_value(s, s.before)} → {_spend_value(s, s.after)} ({_signed(s)})",
            )
        )
    return out


def render_text(diff: DistrictDiff) -> str:
    """The diff as plain text, one line per change; "+" added, "−" removed, "~" changed."""
    lines: list[str] = []
    for mark, text in diff_lines(diff):
        if mark == "#":
            if lines:
                lines.append("")
            lines.append(text)
        else:
            lines.append(f"{mark} {text}" if mark != " " else f"  {text}")
    return "\n".join(lines) + "\n"
