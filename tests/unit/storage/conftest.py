"""A district that exercises every field kind the storage must keep: unicode, extras,
indicators, retired items, both link kinds, and a conflicts link written "backwards"."""

from __future__ import annotations

from typing import Any

import pytest

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District


def sample_dict() -> dict[str, Any]:
    return {
        "format": codec.FORMAT,
        "version": codec.VERSION,
        "district": {
            "name": "Distrito Escolar Ñandú — 北区",
            "school_year": "2026-27",
            "notes": "Línea 1\nLine 2 ✓",
            "superintendent": "Dr. Ōta",
        },
        "goals": [
            {
                "id": "G1",
                "name": "Every student reads by grade 3 📚",
                "indicators": [
                    {
                        "name": "3rd-grade ELA proficiency",
                        "unit": "%",
                        "baseline": 41.5,
                        "target": 60,
                        "current": 47,
                        "target_year": 2028,
                        "source": "state test",
                    },
                ],
            },
            {"id": "G2", "name": "Attendance", "status": "retired", "x-priority": [1, {"a": None}]},
        ],
        "strategies": [
            {
                "id": "S1",
                "name": "Tiered literacy",
                "themes": ["effective-use-of-data", "quality-classroom-instruction"],
            }
        ],
        "programs": [
            {
                "id": "P1",
                "name": "Phonics block",
                "type": "intervention",
                "tier": 2,
                "grades": ["K-3"],
                "subjects": ["ela"],
                "populations": ["below-benchmark"],
                "schools": ["Escuela Lincoln"],
                "annual_cost": 120000,
                "fte": 1.5,
                "students_served": 300,
                "evidence_tier": 2,
                "instructional_core": True,
                "decision": "keep",
                "vendor_contract": "C-17",
            },
            {"id": "P7", "name": "Pull-out reading", "status": "sunsetting", "annual_cost": 0.25},
        ],
        "policies": [
            {"id": "B1", "code": "BP 6142", "name": "Instructional minutes", "adopted_year": 2011}
        ],
        "links": [
            {
                "from": "P1",
                "to": "S1",
                "kind": "supports",
                "strength": "strong",
                "rationale": "core of the strategy",
                "evidence": "2024 pilot",
            },
            {"from": "S1", "to": "G1", "kind": "supports", "strength": "moderate", "rationale": ""},
            {
                "from": "P7",
                "to": "P1",
                "kind": "conflicts",
                "strength": "weak",
                "rationale": "same intervention block",
            },
            {"from": "B1", "to": "G1", "kind": "supports", "strength": "weak", "rationale": ""},
        ],
    }


@pytest.fixture
def district() -> District:
    return codec.district_from_dict(sample_dict())
