"""The forgiving cell readers: what people type, and what we refuse with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.storage.spreadsheets import values as V


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$1,200", 1200),
        ("1200.50", 1200.5),
        ("$1.2M", 1_200_000),
        ("12k", 12_000),
        ("12 K", 12_000),
        ("$120K/yr", 120_000),
        ("80,000 per year", 80_000),
        ("$ 85,000.00", 85_000),
        ("(none)", None),
        ("", None),
        (None, None),
        ("n/a", None),
        (4500, 4500),
        (4500.0, 4500),
        (99.99, 99.99),
    ],
)
def test_money_readings(raw: object, expected: object) -> None:
    assert V.parse_money(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["lots", "$1,20", "-500", "($500)", "1.2.3", True])
def test_money_refusals_say_why(raw: object) -> None:
    value, error = V.parse_money(raw)
    assert value is None
    assert error


def test_counts_fte_and_signed_numbers() -> None:
    assert V.parse_count("1,250") == (1250, None)
    assert V.parse_count("~300 students") == (300, None)
    assert V.parse_count("12.5")[1] == "'12.5' is not a whole number"
    assert V.parse_number("1.5") == (1.5, None)
    assert V.parse_number("0.5 FTE") == (0.5, None)
    assert V.parse_number("-1")[1]
    assert V.parse_signed_number("-3.5") == (-3.5, None)
    assert V.parse_signed_number("45%") == (45, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("K-3", ["K-3"]),
        ("Grades 6-8", ["6-8"]),
        ("K–5", ["K-5"]),
        ("9th-12th", ["9-12"]),
        ("Kindergarten", ["K"]),
        ("PreK", ["PK"]),
        ("TK", ["PK"]),
        ("Pre-K", ["PK"]),
        ("Pre-K-2", ["PK-2"]),
        ("K,1,2", ["K-2"]),
        ("K, 2, 4-5", ["K", "2", "4-5"]),
        ("All", []),
        ("", []),
        (7, ["7"]),
        ("PK-12", ["PK-12"]),
        ("Grade 3", ["3"]),
        ("3rd grade", ["3"]),
        ("K–2 and 4", ["K-2", "4"]),
        ("Elementary", ["K-5"]),
        ("Middle school & High school", ["6-12"]),
    ],
)
def test_grade_readings(raw: object, expected: list[str]) -> None:
    assert V.parse_grades(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["13", "5-2", "juniors", "K-3-5"])
def test_grade_refusals(raw: str) -> None:
    assert V.parse_grades(raw)[0] is None
    assert raw in str(V.parse_grades(raw)[1])


@pytest.mark.parametrize("raw", ["Tier 2", "2", "II", "Tier II", "tier 2 (targeted)", 2])
def test_mtss_tier(raw: object) -> None:
    assert V.parse_tier(raw) == (2, None)


def test_mtss_tier_refuses_four_and_unrelated_numbers() -> None:
    assert V.parse_tier("4")[1] == "'4' is not an MTSS tier (use 1, 2, 3 or leave it blank)"
    assert V.parse_tier("Tier 2 grades 6 and 7")[1] == (
        "'Tier 2 grades 6 and 7' names more than one MTSS tier; a program has one"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tier 1 (Strong)", 1),
        ("Strong", 1),
        ("Moderate", 2),
        ("Promising", 3),
        ("Rationale", 4),
        ("Demonstrates a Rationale", 4),
        ("None", None),
        ("n/a", None),
        ("Tier IV", 4),
        (3, 3),
    ],
)
def test_essa_evidence(raw: object, expected: int | None) -> None:
    assert V.parse_evidence(raw) == (expected, None)


def test_essa_refusal() -> None:
    assert V.parse_evidence("great")[1]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", True),
        ("Y", True),
        ("x", True),
        ("TRUE", True),
        (True, True),
        ("no", False),
        ("n", False),
        ("", False),
        ("false", False),
    ],
)
def test_booleans(raw: object, expected: bool) -> None:
    assert V.parse_bool(raw) == (expected, None)


def test_words_for_status_decision_type() -> None:
    assert V.parse_status("Active") == ("active", None)
    assert V.parse_status("Retiring") == ("sunsetting", None)
    assert V.parse_status("Sunset") == ("sunsetting", None)
    assert V.parse_status("") == ("active", None)
    assert V.parse_decision("Keep") == ("keep", None)
    assert V.parse_decision("Sunset") == ("sunset", None)
    assert V.parse_decision("") == ("undecided", None)
    assert V.parse_type("PD") == ("professional-learning", None)
    assert V.parse_type("Professional development") == ("professional-learning", None)
    assert V.parse_type("SEL") == ("student-support", None)
    assert V.parse_type("Intervention") == ("intervention", None)
    assert V.parse_type("Assessment") == ("assessment", None)
    assert V.parse_type("Curriculum") == ("curriculum", None)
    assert "status" in str(V.parse_status("sleeping")[1])


def test_lists_and_slugs() -> None:
    assert V.split_list("a, b; c/d | e\nf") == ["a", "b", "c", "d", "e", "f"]
    assert V.parse_slugs("Below Benchmark") == (["below-benchmark"], None)
    assert V.parse_slugs("English Learners; SWD; ELL, EL") == (["ell", "swd"], None)
    assert V.parse_slugs("Students with disabilities, SPED") == (["swd"], None)
    assert V.parse_slugs("ELA / Reading / Literacy, Math, Mathematics") == (["ela", "math"], None)
    assert V.parse_names("Lincoln Elementary; Adams Middle") == (
        ["Lincoln Elementary", "Adams Middle"],
        None,
    )
    assert V.parse_names("All schools") == ([], None)
    assert V.parse_themes("Effective use of data; policy-program-coherence") == (
        ["effective-use-of-data", "policy-program-coherence"],
        None,
    )
    assert V.parse_themes("vibes")[1] == "'vibes' is not one of the 13 themes"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2027", 2027),
        ("June 2027", 2027),
        ("2026-27", 2027),
        ("2099-00", 2100),
        ("FY27", 2027),
        (2027, 2027),
        (dt.datetime(2027, 6, 30), 2027),
        ("6/30/2027", 2027),
        ("", None),
    ],
)
def test_years(raw: object, expected: int | None) -> None:
    assert V.parse_year(raw) == (expected, None)


def test_year_and_date_refusals() -> None:
    assert V.parse_year("someday")[1] == "'someday' is not a year like 2027"
    assert V.parse_date("2027-06-30") == (dt.date(2027, 6, 30), None)
    assert V.parse_date("June 30, 2027") == (dt.date(2027, 6, 30), None)
    assert V.parse_date("soon")[1]


def test_parse_field_results_pass_the_domain_check() -> None:
    spec = F.field_spec("program", "annual_cost")
    assert spec is not None
    assert V.parse_field(spec, "$3k") == (3000, None)
    name = F.field_spec("program", "name")
    assert name is not None
    assert V.parse_field(name, "  ") == (None, "the name is empty")
    assert V.parse_field(name, "'=cmd") == ("=cmd", None)


@given(st.integers(min_value=0, max_value=10**12))
def test_money_formatting_round_trips_whole_dollars(amount: int) -> None:
    assert V.parse_money(V.format_money(amount)) == (amount, None)
    assert V.parse_money(f"{amount:,}") == (amount, None)


@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=1, max_value=99))
def test_money_formatting_round_trips_cents(dollars: int, cents: int) -> None:
    amount = dollars + cents / 100
    value, error = V.parse_money(V.format_money(amount))
    assert error is None
    assert value == pytest.approx(amount, abs=0.005)


@given(st.text(max_size=40))
def test_parsers_never_raise(text: str) -> None:
    for spec in F.fields_of("program"):
        value, error = V.parse_field(spec, text)
        assert (value is None) or error is None
        if error is None:
            assert F.check_value(spec, value) is None


@given(st.sets(st.sampled_from(vocab.GRADE_TOKENS), min_size=1))
def test_compacted_grades_read_back_as_the_same_grades(tokens: set[str]) -> None:
    written = ", ".join(vocab.compact_grades(tokens))
    value, error = V.parse_grades(written)
    assert error is None
    assert vocab.grade_set(value) == frozenset(tokens)


# ----------------------------------------------------------------------------- as districts write


@pytest.mark.parametrize(
    ("raw", "tier"),
    [
        ("Universal", 1),
        ("Core", 1),
        ("Targeted", 2),
        ("Strategic", 2),
        ("Intensive", 3),
        ("Tier 2", 2),
        ("2/3", 2),
        ("Tier 2-3", 2),
        ("Tiers 1 and 2", 1),
        ("Tier 3 (intensive)", 3),
    ],
)
def test_mtss_tiers_as_districts_write_them(raw: str, tier: int) -> None:
    assert V.parse_tier(raw) == (tier, None)


@pytest.mark.parametrize(
    ("raw", "tier"),
    [("Y", 4), ("Yes", 4), ("N", None), ("No", None), ("Demonstrates a Rationale", 4)],
)
def test_evidence_yes_no_and_rationale(raw: str, tier: int | None) -> None:
    assert V.parse_evidence(raw) == (tier, None)


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        (44805, 2022),
        (45170.0, 2023),
        ("45536", 2024),
        ("Ongoing", None),
        ("ongoing", None),
        (2024, 2024),
    ],
)
def test_start_years_from_excel_serials_and_ongoing(raw: object, year: int | None) -> None:
    assert V.parse_year(raw) == (year, None)


@pytest.mark.parametrize(
    ("raw", "count"),
    [
        ("all", None),
        ("All students", None),
        ("approx. 120", 120),
        ("~300", 300),
        ("120+", 120),
        ("about 40 students", 40),
    ],
)
def test_students_all_and_approximately(raw: str, count: int | None) -> None:
    assert V.parse_count(raw) == (count, None)


def test_one_decimal_convention_per_column() -> None:
    european = ["52.800,00", "1.250", "3.400,50"]
    assert V.decimal_comma(european)
    assert [V.parse_money(c, comma_decimals=True)[0] for c in european] == [52800, 1250, 3400.5]
    american = ["1,250.00", "1.250", "52,800"]
    assert not V.decimal_comma(american)
    assert [V.parse_money(c)[0] for c in american] == [1250, 1.25, 52800]
    assert V.parse_number("0,5", comma_decimals=True) == (0.5, None)


def test_a_negative_line_is_read_only_as_part_of_a_program_on_several_lines() -> None:
    assert V.parse_money("-25,000.00", signed=True) == (-25000, None)
    assert V.parse_money("(25,000.00)", signed=True) == (-25000, None)
    assert V.parse_money("25,000.00-", signed=True) == (-25000, None)
    assert V.parse_money("-25,000.00")[1] == "'-25,000.00' is negative; a cost must be 0 or more"


@pytest.mark.parametrize(
    ("raw", "schools"),
    [
        (
            "Title I schools (Lincoln, Jefferson, Adams)",
            ["Title I schools (Lincoln, Jefferson, Adams)"],
        ),
        ("Lincoln, Adams; Grant", ["Lincoln", "Adams", "Grant"]),
        ("All sites", []),
        ("District-wide", []),
        ("All elementary", []),
        ("All middle schools", []),
    ],
)
def test_school_lists(raw: str, schools: list[str]) -> None:
    assert V.parse_names(raw) == (schools, None)


def test_all_elementary_is_the_plans_elementary_schools_when_it_knows_them() -> None:
    known = ["Adams Middle", "Grant ES", "Lincoln Elementary", "Roosevelt High"]
    assert V.parse_names("All elementary schools", known) == (
        ["Grant ES", "Lincoln Elementary"],
        None,
    )
    assert V.parse_names("All high", known) == (["Roosevelt High"], None)
    assert V.parse_names("All middle; Lincoln Elementary", known) == (
        ["Adams Middle", "Lincoln Elementary"],
        None,
    )
