"""Initiative load per school and grade band."""

from __future__ import annotations

import pytest

from coherence_planner.domain.analysis.load import initiative_load
from coherence_planner.storage.sample import sample_district
from tests.factories import make, p


def district():  # type: ignore[no-untyped-def]
    return make(
        programs=[
            p("P1", grades=["K-2"], schools=["Elm Elementary"]),
            p("P2", grades=["6-8"], schools=["Oak Middle"]),
            p("P3", grades=["K-12"]),  # district-wide: every school, its own bands
            p("P4", grades=["9"], schools=["Elm Elementary"], status="proposed"),
            p("P5", grades=["1"], schools=["Elm Elementary"], status="sunsetting"),
            p("P6", grades=["4"], schools=["Pine Academy"]),
        ]
    )


def test_counts_by_school_and_band_with_bands_from_names_or_programs() -> None:
    t = initiative_load(district(), threshold=1)
    assert t.schools == ("Elm Elementary", "Oak Middle", "Pine Academy")
    assert t.count("Elm Elementary", "Early (PK-K)") == 2  # P1, P3
    assert t.count("Elm Elementary", "Primary (1-3)") == 3  # P1, P3, P5 (sunsetting counts)
    assert t.count("Elm Elementary", "High (9-12)") is None  # an elementary school
    assert t.count("Oak Middle", "Middle (6-8)") == 2
    assert t.count("Pine Academy", "Upper elementary (4-5)") == 2  # bands from its programs
    assert t.count("Pine Academy", "Primary (1-3)") is None
    assert t.programs[("Elm Elementary", "Primary (1-3)")] == ("P1", "P3", "P5")
    assert t.flagged() == [
        ("Elm Elementary", "Primary (1-3)", 3),
        ("Elm Elementary", "Early (PK-K)", 2),
        ("Oak Middle", "Middle (6-8)", 2),
        ("Pine Academy", "Upper elementary (4-5)", 2),
    ]


def test_school_specific_only() -> None:
    t = initiative_load(district(), district_wide=False)
    assert t.count("Elm Elementary", "Early (PK-K)") == 1
    assert t.flagged() == []


def test_no_schools_named_gives_one_district_wide_row() -> None:
    t = initiative_load(make(programs=[p("P1", grades=["K"])]))
    assert t.schools == ("District-wide",) and t.count("District-wide", "Early (PK-K)") == 1


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        initiative_load(district(), threshold=-1)


def test_sample_district_has_a_flagged_school_at_the_default_threshold() -> None:
    t = initiative_load(sample_district(), district_wide=False)
    assert t.flagged()[0] == ("Riverside High School", "High (9-12)", 10)


def test_a_large_district_draws_its_most_loaded_schools_heaviest_first() -> None:
    from coherence_planner.domain.analysis.load import HEATMAP_SCHOOLS

    programs = [
        p(f"P{n}", grades=["K-5"], schools=[f"School {s:03}" for s in range(n % 7, 90, 7)])
        for n in range(60)
    ]
    programs += [p(f"X{n}", grades=["K-5"], schools=["School 089"]) for n in range(30)]
    t = initiative_load(make(programs=programs), threshold=3)
    assert len(t.schools) == 90
    drawn = t.most_loaded()
    assert len(drawn.schools) == HEATMAP_SCHOOLS
    assert drawn.schools[0] == "School 089"  # its 30 extra programs make it the heaviest
    heaviest = [max(n for n in row if n is not None) for row in drawn.counts]
    assert heaviest == sorted(heaviest, reverse=True)
    for school in drawn.schools:  # the same counts, only fewer schools
        assert drawn.counts[drawn.schools.index(school)] == t.counts[t.schools.index(school)]
    assert {key[0] for key in drawn.programs} <= set(drawn.schools)
    small = initiative_load(sample_district())
    assert small.most_loaded() is small
