"""Adding an item or a link copies it without `copy.deepcopy` (issue 29: applying an import
of 5,000 programs spent a sixth of its time there), and the copy shares nothing mutable."""

from __future__ import annotations

import copy

import pytest

from coherence_planner.domain.model import commands
from coherence_planner.domain.model.commands import AddItem, AddLink, fresh_copy
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Indicator, Link, Program


def _program() -> Program:
    return Program(
        id="p1",
        name="Read 180",
        grades=["6", "7"],
        schools=["Lincoln"],
        guessed=["type"],
        extra={"budget_code": "5120", "notes": {"nested": [1, 2]}},
    )


def test_a_fresh_copy_is_equal_and_shares_no_list_or_dict() -> None:
    program = _program()
    twin = fresh_copy(program)
    assert twin == program and type(twin) is Program
    program.grades.append("8")
    program.extra["notes"]["nested"].append(3)
    program.guessed.clear()
    assert twin.grades == ["6", "7"] and twin.guessed == ["type"]
    assert twin.extra["notes"] == {"nested": [1, 2]}


def test_a_goals_indicators_are_copied_too() -> None:
    goal = Goal(id="g1", name="Early literacy", indicators=[Indicator(name="ELA", target=80)])
    twin = fresh_copy(goal)
    goal.indicators[0].target = 90
    assert twin.indicators[0].target == 80


def test_adding_items_and_links_makes_no_generic_deep_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(value: object, memo: object = None) -> object:
        raise AssertionError(f"deepcopy of {type(value).__name__}")

    district = District("Maple Valley")
    district.add_item(Goal(id="g1", name="Early literacy"))
    program = _program()
    program.extra = {"budget_code": "5120"}  # plain values, as an import makes them
    monkeypatch.setattr(commands.copy, "deepcopy", refuse)
    add = AddItem(program)
    add.do(district)
    link = AddLink(district, Link(src="p1", dst="g1"))
    link.do(district)
    monkeypatch.setattr(commands.copy, "deepcopy", copy.deepcopy)
    program.grades.append("8")  # the command's item stays the caller's; the plan's is a copy
    assert district.items["p1"].grades == ["6", "7"]
    link.undo(district)
    add.undo(district)
    add.do(district)  # redo
    assert district.items["p1"].grades == ["6", "7", "8"]
