"""Theme coverage: which themes the plan's strategies and programs address, and the gaps."""

from __future__ import annotations

from coherence_planner.domain.model import vocab
from coherence_planner.domain.progress.themes import (
    coverage,
    theme_matrix_table_data,
    theme_prompts,
)
from tests.factories import g, make, p, s, sup


def district():
    return make(
        goals=[g("G1"), g("G2"), g("G3", status="retired")],
        strategies=[
            s("S1", themes=["effective-use-of-data", "quality-classroom-instruction"]),
            s("S2", themes=["effective-use-of-data"]),
            s("S3", themes=["clear-roles-responsibilities"], status="retired"),
            s("S4"),
        ],
        programs=[p("P1", themes=["managing-external-environment"])],
        links=[sup("S1", "G1"), sup("S2", "G1"), sup("S2", "G2"), sup("S3", "G3")],
    )


def test_rows_follow_the_categories_and_carry_prompts() -> None:
    cov = coverage(district())
    assert [r.slug for r in cov.rows] == list(vocab.THEMES)
    assert len(cov.rows) == 13
    cats = cov.by_category()
    assert [c for c, _ in cats] == [c for c, _ in vocab.THEME_CATEGORIES]
    assert sum(len(rows) for _, rows in cats) == 13
    row = cov.row("effective-use-of-data")
    assert row.category == "Support for systemwide improvement"
    assert row.prompt == vocab.THEME_PROMPTS["effective-use-of-data"]
    assert len(theme_prompts()) == 13


def test_strategies_and_goals_per_theme() -> None:
    cov = coverage(district())
    data = cov.row("effective-use-of-data")
    assert data.strategies == ("S1", "S2")
    assert data.goals == {"G1": 2, "G2": 1}
    assert cov.row("quality-classroom-instruction").goals == {"G1": 1}
    assert cov.strategy_ids == ("S1", "S2", "S4")  # retired S3 is not a column
    assert cov.goal_ids == ("G1", "G2")
    assert cov.untagged_strategies() == ("S4",)


def test_gaps_are_themes_nothing_live_addresses() -> None:
    cov = coverage(district())
    gaps = {r.slug for r in cov.gaps}
    # Retired S3 does not cover its theme; program P1 does cover its theme.
    assert "clear-roles-responsibilities" in gaps
    assert "managing-external-environment" not in gaps
    assert cov.row("managing-external-environment").programs == ("P1",)
    assert "effective-use-of-data" not in gaps
    assert len(gaps) == 13 - 3


def test_a_theme_on_an_orphan_strategy_is_covered_but_reaches_no_goal() -> None:
    d = make(goals=[g("G1")], strategies=[s("S1", themes=["effective-use-of-data"])])
    row = coverage(d).row("effective-use-of-data")
    assert not row.gap
    assert row.goals == {}


def test_table_data_marks_cells_and_gaps() -> None:
    table = theme_matrix_table_data(coverage(district()), by="goals")
    assert table[0] == ["Theme", "G1", "G2", "Gap"]
    assert table[1] == ["Effective leadership", "", "", ""]
    rows = {r[0]: r for r in table[1:]}
    assert rows["Effective use of data"] == ["Effective use of data", "●2", "●", ""]
    assert rows["Clear roles and responsibilities"][-1] == "GAP"
    assert len(table) == 1 + 4 + 13
    by_strategy = {r[0]: r for r in theme_matrix_table_data(coverage(district()), by="strategies")}
    assert by_strategy["Quality classroom instruction"] == [
        "Quality classroom instruction",
        "●",
        "",
        "",
        "",
    ]
