"""Build small districts for tests from compact descriptions, through the real codec."""

from __future__ import annotations

from typing import Any

from coherence_planner.domain.model.codec import FORMAT, VERSION, district_from_dict
from coherence_planner.domain.model.district import District


def district_dict(
    goals: list[dict[str, Any]] | None = None,
    strategies: list[dict[str, Any]] | None = None,
    programs: list[dict[str, Any]] | None = None,
    policies: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    name: str = "Test District",
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "district": {"name": name, "school_year": "2026-27", "notes": ""},
        "goals": goals or [],
        "strategies": strategies or [],
        "programs": programs or [],
        "policies": policies or [],
        "links": links or [],
    }


def make(**kwargs: Any) -> District:
    return district_from_dict(district_dict(**kwargs))


def g(item_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "name": fields.pop("name", f"Goal {item_id}"), **fields}


def s(item_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "name": fields.pop("name", f"Strategy {item_id}"), **fields}


def p(item_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "name": fields.pop("name", f"Program {item_id}"), **fields}


def b(item_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "name": fields.pop("name", f"Policy {item_id}"), **fields}


def sup(src: str, dst: str, **fields: Any) -> dict[str, Any]:
    return {"from": src, "to": dst, "kind": "supports", **fields}


def con(src: str, dst: str, **fields: Any) -> dict[str, Any]:
    return {"from": src, "to": dst, "kind": "conflicts", **fields}
