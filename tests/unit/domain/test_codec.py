"""The interchange format's validation (district-format.md, "Invalid input"): every problem
is named with its place, all problems are reported together, and valid data round-trips."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coherence_planner.domain.model.codec import (
    InvalidDistrict,
    district_from_dict,
    district_to_dict,
)
from tests.factories import b, con, district_dict, g, p, s, sup


def valid() -> dict[str, Any]:
    return district_dict(
        goals=[
            g(
                "G1",
                indicators=[
                    {
                        "name": "Reading",
                        "unit": "%",
                        "baseline": 40,
                        "target": 80,
                        "current": 50,
                        "target_year": 2029,
                    }
                ],
            )
        ],
        strategies=[s("S1", themes=["effective-use-of-data"])],
        programs=[
            p(
                "P1",
                type="intervention",
                tier=2,
                grades=["K-3"],
                annual_cost=1000,
                fte=1.5,
                students_served=20,
                evidence_tier=2,
            )
        ],
        policies=[b("B1", code="BP 6142")],
        links=[sup("P1", "S1", strength="strong"), sup("S1", "G1"), con("B1", "P1")],
    )


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidDistrict) as info:
        district_from_dict(data)
    return [str(problem) for problem in info.value.problems]


def with_change(change: Any) -> dict[str, Any]:
    data = valid()
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="other"), "format: must be 'coherence-planner/district'"),
        (lambda d: d.update(version=2), "version: must be 1"),
        (lambda d: d["programs"][0].pop("id"), "programs[0]: missing id"),
        (lambda d: d["programs"].append(p("G1")), "programs[1] (G1): duplicate id 'G1'"),
        (lambda d: d["goals"][0].update(name="  "), "goals[0] (G1).name: must not be empty"),
        # Only invisible characters: drawn as an empty card, so as empty as spaces.
        (
            lambda d: d["goals"][0].update(name="\u202e\u00ad "),
            "goals[0] (G1).name: must not be empty",
        ),
        (lambda d: d["goals"][0].pop("name"), "goals[0] (G1): missing name"),
        (lambda d: d.update(initiatives=[{"id": "X1"}]), "initiatives: unknown item kind"),
        (
            lambda d: d["programs"][0].update(kind="initiative"),
            "programs[0] (P1).kind: unknown item kind",
        ),
        (lambda d: d["programs"][0].update(type="magic"), "programs[0] (P1).type: must be one of"),
        (
            lambda d: d["programs"][0].update(tier=4),
            "programs[0] (P1).tier: must be one of 1, 2, 3",
        ),
        (lambda d: d["programs"][0].update(evidence_tier=0), "programs[0] (P1).evidence_tier"),
        (lambda d: d["programs"][0].update(decision="maybe"), "programs[0] (P1).decision"),
        (lambda d: d["goals"][0].update(status="paused"), "goals[0] (G1).status"),
        (
            lambda d: d["strategies"][0].update(themes=["vibes"]),
            "strategies[0] (S1).themes: unknown theme",
        ),
        (
            lambda d: d["programs"][0].update(grades=["K-13"]),
            "programs[0] (P1).grades: unknown grade",
        ),
        (lambda d: d["programs"][0].update(grades=["5-2"]), "runs backwards"),
        (
            lambda d: d["programs"][0].update(annual_cost=-5),
            "programs[0] (P1).annual_cost: must not be negative",
        ),
        (lambda d: d["programs"][0].update(fte=-0.5), "programs[0] (P1).fte: must not be negative"),
        (lambda d: d["programs"][0].update(students_served=-1), "programs[0] (P1).students_served"),
        (lambda d: d["links"].append(sup("P1", "P9")), "links[3].to: unknown item id 'P9'"),
        (lambda d: d["links"].append(sup("P1", "P1")), "links[3]: P1 is linked to itself"),
        (lambda d: d["links"].append(sup("G1", "S1")), "links[3]: G1 is a goal"),
        (lambda d: d["links"].append(sup("P1", "S1")), "links[3]: duplicate supports link"),
        (lambda d: d["links"].append(con("P1", "B1")), "links[3]: duplicate conflicts link"),
        (
            lambda d: d["links"].append({"from": "P1", "to": "G1", "kind": "hinders"}),
            "links[3].kind",
        ),
        (lambda d: d["links"].append(sup("P1", "G1", strength="huge")), "links[3].strength"),
    ],
)
def test_each_problem_is_named_with_its_place(change: Any, expected: str) -> None:
    found = problems_of(with_change(change))
    assert any(expected in problem for problem in found), found


def test_every_problem_is_reported_at_once() -> None:
    data = with_change(
        lambda d: (
            d["programs"][0].update(tier=9, annual_cost=-1),
            d["links"].append(sup("P1", "NOPE")),
        )
    )
    assert len(problems_of(data)) == 3


def test_unknown_extra_fields_are_kept_and_exported_unchanged() -> None:
    data = valid()
    data["programs"][0]["vendor_contract"] = {"ends": "2027-06-30", "seats": [1, 2]}
    data["links"][0]["reviewed"] = True
    data["district"]["superintendent"] = "Dr. Rivera"
    out = district_to_dict(district_from_dict(data))
    assert out["programs"][0]["vendor_contract"] == {"ends": "2027-06-30", "seats": [1, 2]}
    assert out["links"][0]["reviewed"] is True
    assert out["district"]["superintendent"] == "Dr. Rivera"


def test_missing_fields_take_their_defaults_and_round_trip() -> None:
    data = district_dict(goals=[g("G1")], programs=[p("P1")], links=[{"from": "P1", "to": "G1"}])
    first = district_to_dict(district_from_dict(data))
    assert first["programs"][0]["type"] == "other"
    assert first["programs"][0]["status"] == "active"
    assert first["links"][0]["kind"] == "supports"
    assert first["links"][0]["strength"] == "moderate"
    again = district_to_dict(district_from_dict(json.loads(json.dumps(first))))
    assert again == first


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=6),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(
    section=st.sampled_from(["goals", "strategies", "programs", "policies"]),
    key=st.sampled_from(
        [
            "id",
            "name",
            "status",
            "type",
            "tier",
            "grades",
            "subjects",
            "annual_cost",
            "fte",
            "students_served",
            "evidence_tier",
            "themes",
            "indicators",
            "code",
            "decision",
            "instructional_core",
        ]
    ),
    value=_VALUES,
)
def test_any_field_value_either_loads_and_round_trips_or_is_refused_cleanly(
    section: str, key: str, value: Any
) -> None:
    data = valid()
    data[section][0][key] = copy.deepcopy(value)
    try:
        district = district_from_dict(data)
    except InvalidDistrict as exc:
        assert exc.problems and all(str(problem) for problem in exc.problems)
        return
    first = district_to_dict(district)
    assert district_to_dict(district_from_dict(json.loads(json.dumps(first)))) == first
