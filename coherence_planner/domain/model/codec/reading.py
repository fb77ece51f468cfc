"""Reading a whole district: the frame, the district's own fields, each section of items
(at once when written the usual way, else item by item), then the links; every problem is
named with its place, and all of them raised together."""

from __future__ import annotations

from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.codec.items import item_from_dict
from coherence_planner.domain.model.codec.links import check_link, link_from_dict
from coherence_planner.domain.model.codec.problems import (
    InvalidDistrict,
    Problem,
    extras,
    refuse_too_many,
)
from coherence_planner.domain.model.codec.quick import items_from_dicts, links_from_dicts
from coherence_planner.domain.model.codec.sections import DISTRICT_KEYS, FORMAT, SECTIONS, VERSION
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import LinkKey


def district_from_dict(data: Any) -> District:
    """Read a whole district, or raise InvalidDistrict naming every problem."""
    with collector_paused():
        return _district_from_dict(data)


def _district_from_dict(data: Any) -> District:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InvalidDistrict([Problem("$", "the file must hold one JSON object")])
    if data.get("format") != FORMAT:
        problems.append(Problem("format", f"must be {FORMAT!r}; got {data.get('format')!r}"))
    if data.get("version") != VERSION:
        problems.append(
            Problem(
                "version",
                f"must be {VERSION} (this app reads version {VERSION}); "
                f"got {data.get('version')!r}",
            )
        )
    refuse_too_many(data)
    district = District()
    info = data.get("district", {})
    if not isinstance(info, dict):
        problems.append(Problem("district", "must be an object"))
        info = {}
    for key in DISTRICT_KEYS:
        value = info.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(Problem(f"district.{key}", "must be text"))
            continue
        problem = F.text_problem(value, F.MAX_PARAGRAPHS if key == "notes" else F.MAX_LINE)
        if problem:
            problems.append(Problem(f"district.{key}", problem))
            continue
        setattr(district, key, value)
    district.extra = extras(info, DISTRICT_KEYS, "district", problems) or {}

    seen: dict[str, str] = {}
    refused: set[str] = set()  # ids of items that are present but invalid
    for section, kind in SECTIONS:
        raw_items = data.get(section, [])
        if raw_items is None:
            raw_items = []
        if not isinstance(raw_items, list):
            problems.append(Problem(section, "must be a list"))
            continue
        # A section written the usual way is read at once; else item by item, which names
        # every problem.
        quick = items_from_dicts(kind, raw_items)
        for i, raw in enumerate(raw_items):
            place = f"{section}[{i}]"
            item = quick[i] if quick is not None else item_from_dict(kind, raw, place, problems)
            if item is None:
                raw_id = raw.get("id") if isinstance(raw, dict) else None
                if isinstance(raw_id, str) and raw_id.strip():
                    refused.add(raw_id)
                    seen.setdefault(raw_id, place)
                continue
            if item.id in seen:
                problems.append(
                    Problem(
                        f"{place} ({item.id})",
                        f"duplicate id {item.id!r} (first used at {seen[item.id]})",
                    )
                )
                continue
            seen[item.id] = place
            district.add_item(item)

    raw_links = data.get("links", [])
    if raw_links is None:
        raw_links = []
    if not isinstance(raw_links, list):
        problems.append(Problem("links", "must be a list"))
        raw_links = []
    plain = None if refused else links_from_dicts(raw_links, district.items)
    if plain is not None:
        district.add_checked_links(*plain)
        raw_links = []  # all read: nothing left for the careful loop
    first_at: dict[LinkKey, str] = {}
    for i, raw in enumerate(raw_links):
        place = f"links[{i}]"
        link = link_from_dict(raw, place, problems)
        if link is None:
            continue
        link_problems = check_link(link, district, place)
        if link.src in refused or link.dst in refused:
            # That item's own problems are listed already; calling its id unknown would
            # mislead. Report only what is wrong with the other end.
            problems.extend(
                pr
                for pr in link_problems
                if not any(f"unknown item id {i!r}" in pr.message for i in refused)
            )
            continue
        if link_problems:
            problems.extend(link_problems)
            continue
        if link.key in first_at:
            problems.append(
                Problem(
                    place,
                    f"duplicate {link.kind} link between {link.src} and "
                    f"{link.dst} (first at {first_at[link.key]})",
                )
            )
            continue
        first_at[link.key] = place
        district.add_link(link)

    known = {"format", "version", "district", "links", *(s for s, _ in SECTIONS)}
    for key in data:
        if key not in known:
            problems.append(
                Problem(
                    key,
                    f"unknown item kind {key!r} (the kinds are goals, "
                    "strategies, programs and policies)",
                )
            )
    if problems:
        raise InvalidDistrict(problems)
    return district
