"""The codec's quick readers (codec.items_from_dicts, codec.links_from_dicts) take only what the careful
readers take unchanged: on any value the careful path refuses or changes they step aside, so
validation names every problem and its place exactly as before."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.items import Item

PROGRAM: dict[str, Any] = {
    "id": "P1",
    "name": "Reading Recovery",
    "description": "Daily one-to-one lessons.",
    "owner": "Literacy office",
    "status": "active",
    "notes": "",
    "required": False,
    "type": "intervention",
    "tier": 2,
    "grades": ["K-2", "4"],
    "subjects": ["ela"],
    "populations": ["below-benchmark"],
    "schools": ["Lincoln Elementary"],
    "annual_cost": 120000.5,
    "fte": 1,
    "students_served": 80,
    "funding_source": "Title I",
    "funding_ends": 2028,
    "evidence_tier": 1,
    "start_year": 2019,
    "instructional_core": True,
    "themes": ["effective-use-of-data"],
    "decision": "keep",
    "decision_rationale": "Strong results.",
    "decided_by": "Cabinet",
    "decided_on": "2026-11-22",
}

# Values the careful path refuses (or reads differently) in each field.
HOSTILE: list[tuple[str, Any]] = [
    ("id", ""),
    ("id", "  "),
    ("id", 7),
    ("id", "P\x0b1"),
    ("name", ""),
    ("name", " "),
    ("name", None),
    ("name", "x" * 1001),
    ("name", "\ufffe"),
    ("name", ["Reading"]),
    ("owner", None),
    ("owner", 5),
    ("owner", "x" * 1001),
    ("description", "a\x00b"),
    ("description", "x" * 100_001),
    ("status", "bogus"),
    ("status", ["active"]),
    ("status", None),
    ("required", None),
    ("required", 1),
    ("type", None),
    ("tier", True),
    ("tier", 2.0),
    ("tier", 7),
    ("tier", "2"),
    ("grades", "K"),
    ("grades", ["14"]),
    ("grades", ["K", 3]),
    ("grades", None),
    ("grades", [["K"]]),
    ("subjects", ["x" * 1001]),
    ("subjects", ["m\x01ath"]),
    ("schools", ["  "]),
    ("themes", ["not-a-theme"]),
    ("annual_cost", -5),
    ("annual_cost", float("nan")),
    ("annual_cost", float("inf")),
    ("annual_cost", 10**16),
    ("annual_cost", True),
    ("annual_cost", "100"),
    ("fte", -0.5),
    ("students_served", 1.5),
    ("students_served", -1),
    ("students_served", False),
    ("funding_ends", 1700),
    ("funding_ends", 2026.0),
    ("instructional_core", "yes"),
    ("decided_on", "2026-13-01"),
    ("decided_on", 20261122),
    ("decided_on", None),
    ("kind", "program"),
    ("kind", "goal"),
    ("unknown_field", "kept as an extra"),
]


def careful(kind: str, raw: Any) -> tuple[Item | None, list[codec.Problem]]:
    problems: list[codec.Problem] = []
    return codec.item_from_dict(kind, raw, "programs[0]", problems), problems


def quick(kind: str, raw: Any) -> Item | None:
    items = codec.items_from_dicts(kind, [raw])
    return items[0] if items else None


def same(a: Item, b: Item) -> bool:
    return a == b and list(vars(a).items()) == list(vars(b).items())


def test_a_plain_program_is_read_quickly_and_as_the_careful_path_reads_it() -> None:
    item = quick("program", copy.deepcopy(PROGRAM))
    expected, problems = careful("program", copy.deepcopy(PROGRAM))
    assert item is not None and expected is not None and not problems
    assert same(item, expected)


@pytest.mark.parametrize(("field", "value"), HOSTILE, ids=lambda v: repr(v)[:30])
def test_a_value_the_careful_path_refuses_or_changes_takes_the_careful_path(
    field: str, value: Any
) -> None:
    raw = {**copy.deepcopy(PROGRAM), field: value}
    item = quick("program", copy.deepcopy(raw))
    expected, problems = careful("program", raw)
    if problems or expected is None or vars(expected) != {**vars(expected), field: value}:
        assert item is None
    else:
        assert item is None or same(item, expected)


def test_missing_fields_read_as_their_defaults_with_fresh_lists() -> None:
    raw = {"id": "P9", "name": "Tutoring"}
    item = quick("program", raw)
    expected, _ = careful("program", dict(raw))
    assert item is not None and expected is not None and same(item, expected)
    other = quick("program", dict(raw))
    assert other is not None and other.grades is not item.grades  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_generated_item_reads_the_same_either_way(seed: int) -> None:
    data = generate(300, seed)
    read_quickly = 0
    for section, kind in codec.SECTIONS:
        for raw in data[section]:
            expected, problems = careful(kind, copy.deepcopy(raw))
            assert expected is not None and not problems
            item = quick(kind, copy.deepcopy(raw))
            if item is not None:
                read_quickly += 1
                assert same(item, expected)
                for name, value in vars(item).items():
                    if isinstance(value, list):
                        assert value is not raw.get(name)
    assert read_quickly > 0.9 * sum(len(data[section]) for section, _ in codec.SECTIONS)


def test_a_whole_section_reads_at_once_as_item_by_item() -> None:
    programs = generate(300, 3)["programs"]
    items = codec.items_from_dicts("program", copy.deepcopy(programs))
    assert items is not None and len(items) == len(programs)
    for item, raw in zip(items, programs, strict=True):
        expected, _ = careful("program", copy.deepcopy(raw))
        assert expected is not None and same(item, expected)


@pytest.mark.parametrize(("field", "value"), HOSTILE[::4], ids=lambda v: repr(v)[:30])
def test_one_unusual_item_sends_the_whole_section_the_careful_way(field: str, value: Any) -> None:
    programs = generate(50, 1)["programs"]
    programs[17] = {**programs[17], field: value}
    assert codec.items_from_dicts("program", programs) is None


LINK = {"from": "P1", "to": "G1", "kind": "supports", "strength": "strong", "rationale": "Why."}
HOSTILE_LINKS: list[dict[str, Any]] = [
    {"from": "NOPE"},
    {"to": ""},
    {"to": None},
    {"from": ["P1"]},
    {"to": "P1"},
    {"from": "G1", "to": "P1"},
    {"kind": "likes"},
    {"kind": None},
    {"strength": "huge"},
    {"strength": ["strong"]},
    {"rationale": 5},
    {"rationale": "a\x00b"},
    {"note": "an extra"},
]


@pytest.mark.parametrize("change", HOSTILE_LINKS, ids=lambda v: repr(v)[:30])
def test_a_link_the_careful_path_refuses_or_keeps_extras_on_takes_the_careful_path(
    change: dict[str, Any],
) -> None:
    district = codec.district_from_dict(
        {
            "format": codec.FORMAT,
            "version": codec.VERSION,
            "goals": [{"id": "G1", "name": "Readers"}],
            "programs": [{"id": "P1", "name": "Tutoring"}],
        }
    )
    raw = {**LINK, **change}
    assert codec.links_from_dicts([dict(LINK), raw], district.items) is None
    assert codec.links_from_dicts([dict(LINK)], district.items) is not None


def two_programs() -> dict[str, Item]:
    return codec.district_from_dict(
        {
            "format": codec.FORMAT,
            "version": codec.VERSION,
            "programs": [{"id": "P2", "name": "A"}, {"id": "P1", "name": "B"}],
        }
    ).items


def test_the_same_link_twice_takes_the_careful_path() -> None:
    items = two_programs()
    twice = [
        {"from": "P2", "to": "P1", "kind": "conflicts"},
        {"from": "P1", "to": "P2", "kind": "conflicts"},
    ]
    assert codec.links_from_dicts(twice, items) is None


def test_a_conflict_read_quickly_has_the_key_of_the_careful_path() -> None:
    items = two_programs()
    plain = codec.links_from_dicts([{"from": "P2", "to": "P1", "kind": "conflicts"}], items)
    assert plain is not None
    (link,), (key,) = plain
    assert key == link.key == ("conflicts", "P1", "P2")
    assert (link.src, link.dst, link.strength, link.rationale) == ("P2", "P1", "moderate", "")
