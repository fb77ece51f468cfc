"""Version 2.1 of the coherence rules on hand-worked districts: a required program is always
kept (rule 5), and a type the import guessed and no person confirmed counts as unknown for
competing and is a data gap until confirmed (rules 4 and 7)."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, analyse, check_report
from coherence_planner.domain.analysis.gaps import GUESSED_TYPE, gap_sentence, plan_gaps
from coherence_planner.domain.analysis.group_story import kept_by_law_line
from coherence_planner.domain.model.commands import SetItemFields, confirm_guess
from coherence_planner.domain.model.naming import Names
from tests.factories import g, make, p, sup

SCREENING = {"type": "assessment", "tier": 1, "grades": ["K-3"], "subjects": ["ela"]}


# ---------------------------------------------------------------- required: always kept


def _screeners() -> dict:
    # Two universal screeners for the same goal and students. P1 is the state's mandated
    # dyslexia screener (required); P2 has stronger evidence and the cabinet chose to keep
    # it, so P2 ranks first: (0, 1, ...) against P1's (0, 3, ...).
    return {
        "goals": [g("G1", name="Reading by grade 3")],
        "programs": [
            p("P1", name="Dyslexia screener", required=True, evidence_tier=3, **SCREENING),
            p("P2", name="Reading inventory", decision="keep", evidence_tier=1, **SCREENING),
            p("P3", name="Fluency probe", evidence_tier=2, annual_cost=9_000, **SCREENING),
        ],
        "links": [sup(x, "G1") for x in ("P1", "P2", "P3")],
    }


def test_a_required_program_is_kept_beside_another_kept_program() -> None:
    # Version 2 walked P2 (kept), then P1: it competes with kept P2, so "not kept".
    # Version 2.1: P1 is required, so it is kept; P3 competes with both and is not kept.
    d = make(**_screeners())
    a = analyse(d)
    [group] = a.competing
    assert group.members == ("P2", "P1", "P3")
    assert group.kept == ("P2", "P1")
    assert "P1" not in a.not_kept_reasons
    assert "not-kept" not in a.flags_of("P1") and "kept" in a.flags_of("P1")
    assert a.kept_by_law == {"P1"}
    assert [c.id for c in a.removal_candidates] == ["P3"]
    report = check_report(d, a)
    assert report["competing"] == [
        {"members": ["P2", "P1", "P3"], "kept": ["P2", "P1"], "goals": ["G1"]}
    ]


def test_two_required_programs_that_compete_are_both_kept() -> None:
    programs = [
        p("P1", name="IDEA screener", required=True, **SCREENING),
        p("P2", name="State screener", required=True, **SCREENING),
    ]
    d = make(goals=[g("G1")], programs=programs, links=[sup("P1", "G1"), sup("P2", "G1")])
    [group] = analyse(d).competing
    assert group.kept == ("P1", "P2")


def test_a_program_that_competes_only_with_a_required_one_is_judged_against_it() -> None:
    # P3 ranks after the required P1 and competes with it alone: it is not kept, and its
    # reason names P1 and says why P1 ranks first.
    data = _screeners()
    data["programs"] = [x for x in data["programs"] if x["id"] != "P2"]
    data["links"] = [x for x in data["links"] if x["from"] != "P2"]
    d = make(**data)
    a = analyse(d)
    [group] = a.competing
    assert group.kept == ("P1",)
    [reason] = a.not_kept_reasons["P3"]
    assert reason.startswith("competes with “Dyslexia screener”, which is kept.")
    assert reason.endswith(
        "ranks first because it is required by law, regulation, court order or contract."
    )


def test_the_group_says_why_a_required_program_is_kept() -> None:
    d = make(**_screeners())
    a = analyse(d)
    assert KEPT_BY_LAW == "kept: required by law"
    line = kept_by_law_line(a.competing[0], a, Names(d))
    assert line == "“Dyslexia screener” is kept: required by law."


# ---------------------------------------------------------------- guessed types


def _reading_pair(guessed: list[str]) -> dict:
    both = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}
    return {
        "goals": [g("G1")],
        "programs": [
            p(
                "P1",
                name="Phonics block",
                evidence_tier=1,
                annual_cost=10_000,
                fte=1,
                students_served=100,
                **both,
            ),
            p(
                "P2",
                name="Read Naturally",
                guessed=guessed,
                annual_cost=8_000,
                fte=1,
                students_served=50,
                **both,
            ),
        ],
        "links": [sup("P1", "G1"), sup("P2", "G1")],
    }


def test_a_guessed_type_makes_no_program_compete() -> None:
    # Confirmed, P2 would compete with P1 and lose (no evidence): a removal candidate for
    # a type nobody checked. Guessed, it competes with nothing.
    d = make(**_reading_pair(["type"]))
    a = analyse(d)
    assert a.competing == [] and a.removal_candidates == []
    assert a.might_compete == {"P2": ("P1",)}


def test_a_guess_of_another_field_leaves_the_type_known() -> None:
    a = analyse(make(**_reading_pair(["tier"])))
    assert [grp.members for grp in a.competing] == [("P1", "P2")]
    assert [c.id for c in a.removal_candidates] == ["P2"]


def test_a_guessed_type_is_a_data_gap_until_confirmed() -> None:
    d = make(**_reading_pair(["type"]))
    a = analyse(d)
    assert check_report(d, a)["data_gaps"] == [
        {"id": "P2", "name": "Read Naturally", "missing": ["type"]}
    ]
    gaps = plan_gaps(d, a.goals_of, a.might_compete)
    program = gaps.of("P2")
    assert program is not None and program.missing[0] == "type"
    sentence = gap_sentence(d, program, Names(d))
    assert GUESSED_TYPE[0].upper() + GUESSED_TYPE[1:] in sentence
    assert "No type" not in sentence


def test_confirming_the_guess_makes_the_programs_compete_and_undo_brings_it_back() -> None:
    d = make(**_reading_pair(["type"]))
    command = confirm_guess(d, "P2", "type")
    assert command.text == "Confirm type of Read Naturally"
    command.do(d)
    assert d.items["P2"].guessed == []
    a = analyse(d)
    assert [grp.members for grp in a.competing] == [("P1", "P2")]
    assert check_report(d, a)["data_gaps"] == []
    command.undo(d)
    assert d.items["P2"].guessed == ["type"]
    assert analyse(d).competing == []


def test_setting_a_guessed_field_confirms_it_in_the_same_undo_step() -> None:
    d = make(**_reading_pair(["type", "tier"]))
    command = SetItemFields(d, "P2", {"type": "curriculum"})
    command.do(d)
    assert d.items["P2"].guessed == ["tier"]
    command.undo(d)
    assert d.items["P2"].type == "intervention"
    assert d.items["P2"].guessed == ["type", "tier"]


def test_setting_guessed_itself_is_taken_as_given() -> None:
    # An import that guesses sets the value and the guess together: the guess stays.
    d = make(**_reading_pair([]))
    SetItemFields(d, "P2", {"type": "curriculum", "guessed": ["type"]}).do(d)
    assert d.items["P2"].guessed == ["type"]
