"""The sample district with every text field at the most a plan may hold (domain/model/fields.py).

Names, owners, codes, ids, schools, indicator names and units, cycle notes, link reasons and
the district's own name at MAX_LINE characters; descriptions, notes and reasons long (one of
each at MAX_PARAGRAPHS, the rest at a few thousand characters so a report stays a report).
Half the one-line fields are one unbroken word, which no line breaker can split at a space.
"""

from __future__ import annotations

import json
from typing import Any

from coherence_planner import assets
from coherence_planner.domain.model import fields as F

WORDS = "Every student reads with understanding by the end of third grade and beyond, "
LONG_PARAGRAPH = 4_000


def line(tag: str, n: int, limit: int = F.MAX_LINE) -> str:
    """A unique text of exactly `limit` characters: words when n is even, one word when odd."""
    head = f"{tag}{n} "
    body = WORDS if n % 2 == 0 else "W" * len(WORDS)
    return (head + body * (limit // len(body) + 1))[:limit]


def paragraphs(tag: str, n: int, limit: int) -> str:
    chunk = f"{tag}{n}: " + WORDS * 8 + "\n\n"
    return (chunk * (limit // len(chunk) + 1))[:limit]


def maximal_json(longest: int = F.MAX_PARAGRAPHS, keep: int | None = None) -> dict[str, Any]:
    """The district as interchange JSON, every text field full (see the module docstring);
    `keep` items of each kind (all when None), with the links among them."""
    data: dict[str, Any] = json.loads(assets.sample_json_text())
    if keep is not None:
        for kind in ("goals", "strategies", "programs", "policies"):
            data[kind] = data[kind][:keep]
        kept = {i["id"] for k in ("goals", "strategies", "programs", "policies") for i in data[k]}
        data["links"] = [x for x in data["links"] if {x["from"], x["to"]} <= kept]
    counter = iter(range(1_000_000))
    ids: dict[str, str] = {}
    full = {"text": True}  # the first paragraph field gets MAX_PARAGRAPHS, once

    def para(tag: str) -> str:
        limit = longest if full.pop("text", False) else LONG_PARAGRAPH
        return paragraphs(tag, next(counter), limit)

    district = data["district"]
    district["name"] = line("District ", 0)
    district["notes"] = para("District notes ")
    district["school_year"] = "2026-27"
    for kind in ("goals", "strategies", "programs", "policies"):
        for item in data[kind]:
            old = item["id"]
            ids[old] = line(old + "-", next(counter))
            item["id"] = ids[old]
            singular = kind[:-1] if kind != "strategies" else "strategy"
            kind_name = "policy" if kind == "policies" else singular
            for spec in F.fields_of(kind_name):
                _fill(item, spec, counter, para)
    for n, item in enumerate(data["programs"]):
        if n % 3 == 0:  # decided, so that the decision log prints them
            item.update(decision="modify", decided_on="2026-11-02")
    for link in data["links"]:
        link["from"], link["to"] = ids[link["from"]], ids[link["to"]]
        link["rationale"] = line("Because ", next(counter))
    return data


def _fill(item: dict[str, Any], spec: F.FieldSpec, counter: Any, para: Any) -> None:
    n = next(counter)
    if spec.type == F.TEXT:
        item[spec.name] = line(spec.label + " ", n)
    elif spec.type == F.LONGTEXT:
        item[spec.name] = para(spec.label + " ")
    elif spec.type == F.NAMES:
        item[spec.name] = [line("School ", n), line("School ", n + 1)]
    elif spec.type == F.INDICATORS:
        for indicator in item.get(spec.name, []):
            indicator["name"] = line("Indicator ", next(counter))
            indicator["unit"] = line("Unit ", next(counter))
    elif spec.type == F.CYCLES:
        for cycle in item.get(spec.name, []):
            for key in ("focus", "evidence", "next_step"):
                cycle[key] = line(key + " ", next(counter))
