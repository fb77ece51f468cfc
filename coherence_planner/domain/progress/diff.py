"""Year over year: what changed between two versions of a district plan.

Compares two districts (two snapshots, or this plan and last year's file): items added,
removed and changed field by field, links added, removed and changed, the decisions taken,
which coherence findings appeared or went away, and spend before and after. The app's
comparison view, the report's section and `coherence-planner diff` all read a `DistrictDiff`:
the findings and spend before and after come from `diff_analysis.py`, and the words for it
all (the lines, the plain text, the report's table) from `diff_words.py`.

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
from coherence_planner.domain.progress.diff_analysis import (
    FindingChange,
    SpendLine,
    finding_changes,
    spend_by_goal_changes,
    spend_changes,
)

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


def field_label(kind: str, key: str) -> tuple[str, str]:
    """How a field of an item (or of a "link") is named to people, and its fields.py type."""
    spec = F.field_spec(kind, key) if kind in F.KIND_FIELDS else None
    label = spec.label if spec else key.replace("_", " ").capitalize()
    field_type = spec.type if spec else F.ENUM if key in ("kind", "strength") else ""
    return label, field_type


def _field_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    changes = []
    for key in dict.fromkeys([*old, *new]):
        if key == "id" or old.get(key) == new.get(key):
            continue
        label, field_type = field_label(kind, key)
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
        # The lineage (domain/merge/lineage.py) says where a copy came from, not what it plans.
        if key != "lineage" and a.extra.get(key) != b.extra.get(key):
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
        findings=finding_changes(a, analysis_a, b, analysis_b),
        spend=spend_changes(analysis_a, analysis_b),
        spend_by_goal=spend_by_goal_changes(a, analysis_a, b, analysis_b),
    )
