"""A command's arguments are parsed by its own parser alone (cli/main.py `_parser(only)`),
exactly as the whole command line's parser parses them."""

from __future__ import annotations

import argparse

import pytest

from coherence_planner.cli.main import SUBCOMMANDS, _parser

CASES = [
    ["check", "plan.coherence"],
    ["check", "plan.json", "--json"],
    ["import", "inv.xlsx", "--into", "p.coherence", "--replace", "--skip-problem-rows"],
    ["import", "inv.csv", "--into", "p.coherence", "--mapping", "m.json", "--cost-column", "F"],
    ["export", "plan.json", "map.svg"],
    ["export", "plan.json", "map.svg", "--goal", "G1"],
    ["export", "p.coherence", "r.pdf", "--map", "--paper", "a3", "--landscape", "--tile", "2x2"],
    ["export", "p.coherence", "r.pdf", "--report", "--no-appendix"],
    ["diff", "a.coherence@Snap", "b.json", "--json"],
    ["merge", "mine.coherence", "theirs.coherence", "--into", "out.coherence"],
    ["merge", "b.json", "m.json", "t.json", "--into", "o.coherence", "--prefer", "theirs"],
    ["round", "p.coherence", "--programs", "P1,P2", "--port", "8080", "--lan"],
    ["demo", "--out", "d.coherence", "--replace"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_one_command_parses_as_the_whole_command_line(args: list[str]) -> None:
    assert vars(_parser(args[0]).parse_args(args)) == vars(_parser().parse_args(args))


def test_every_command_has_a_case_and_its_own_parser() -> None:
    assert {args[0] for args in CASES} == set(SUBCOMMANDS)
    for name in SUBCOMMANDS:
        sub = next(a for a in _parser(name)._actions if isinstance(a, argparse._SubParsersAction))
        assert list(sub.choices) == [name]


@pytest.mark.parametrize(
    "args", [["export", "plan.json"], ["export", "a", "b", "--bogus"], ["check", "x", "--paper"]]
)
def test_one_command_refuses_as_the_whole_command_line(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    said = []
    for parser in (_parser(args[0]), _parser()):
        with pytest.raises(SystemExit) as stopped:
            parser.parse_args(args)
        said.append((stopped.value.code, capsys.readouterr().err))
    assert said[0] == said[1]
    assert said[0][0] == 2 and said[0][1].startswith("coherence-planner")
