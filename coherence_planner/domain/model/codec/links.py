"""Reading one link carefully, naming every problem and its place, and checking it against
the items of a district. Links written the usual way are read at once by quick.py."""

from __future__ import annotations

from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.codec.problems import Problem, extras
from coherence_planner.domain.model.codec.sections import LINK_KEYS
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Link


def link_from_dict(raw: Any, place: str, problems: list[Problem]) -> Link | None:
    if not isinstance(raw, dict):
        problems.append(Problem(place, "a link must be an object"))
        return None
    ok = True
    src: Any = raw.get("from")
    if not isinstance(src, str) or not src:
        problems.append(Problem(f"{place}.from", "missing 'from' item id"))
        ok = False
    dst: Any = raw.get("to")
    if not isinstance(dst, str) or not dst:
        problems.append(Problem(f"{place}.to", "missing 'to' item id"))
        ok = False
    kind = raw.get("kind", vocab.DEFAULT_LINK_KIND)
    if kind not in vocab.LINK_KINDS:
        problems.append(Problem(f"{place}.kind", f"must be supports or conflicts; got {kind!r}"))
        ok = False
    strength = raw.get("strength")
    if strength is None:
        strength = vocab.DEFAULT_STRENGTH
    elif strength not in vocab.STRENGTHS:
        problems.append(
            Problem(f"{place}.strength", f"must be strong, moderate or weak; got {strength!r}")
        )
        ok = False
    rationale = raw.get("rationale")
    if rationale is None:
        rationale = ""
    elif not isinstance(rationale, str):
        problems.append(Problem(f"{place}.rationale", "must be text"))
        ok = False
    elif F.text_problem(rationale):
        problems.append(Problem(f"{place}.rationale", F.text_problem(rationale) or ""))
        ok = False
    # Extras are rare: find them with one set difference instead of a test per key.
    extra_keys = raw.keys() - LINK_KEYS
    extra = extras(raw, LINK_KEYS, place, problems) if extra_keys else {}
    if not ok or extra is None:
        return None
    return Link(src=src, dst=dst, kind=kind, strength=strength, rationale=rationale, extra=extra)


def check_link(link: Link, district: District, place: str) -> list[Problem]:
    """Problems of a link against the items of a district (not counting duplicates)."""
    problems = []
    for end, item_id in (("from", link.src), ("to", link.dst)):
        if item_id not in district.items:
            problems.append(Problem(f"{place}.{end}", f"unknown item id {item_id!r}"))
    if problems:
        return problems
    if link.src == link.dst:
        problems.append(Problem(place, f"{link.src} is linked to itself"))
    elif link.kind == "supports" and district.items[link.src].kind == "goal":
        problems.append(
            Problem(place, f"{link.src} is a goal; a goal cannot be the 'from' of a supports link")
        )
    return problems
