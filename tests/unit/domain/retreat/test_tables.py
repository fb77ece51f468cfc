"""The retreat tables the report and the spreadsheet export draw."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat.decisions import decide
from coherence_planner.domain.retreat.scenarios import (
    Scenario,
    apply_as_decisions,
    save_scenario,
    with_removal_candidates,
)
from coherence_planner.domain.retreat.tables import retreat_tables
from coherence_planner.storage.sample import sample_district


def test_an_untouched_district_has_only_the_load_table() -> None:
    assert [t.key for t in retreat_tables(sample_district())] == ["load"]


def test_after_a_retreat_every_table_is_there_with_plain_values() -> None:
    d = sample_district()
    decide(d, "P14", "sunset", '=HYPERLINK("x")', "Dr. Ruiz", "2026-11-22").do(d)
    sc = with_removal_candidates(Scenario("Lean"), analyse(d))
    save_scenario(d, sc).do(d)
    apply_as_decisions(d, sc, "Dr. Ruiz", "2026-11-22").do(d)
    R.add_member(d, "Dr. Ruiz").do(d)
    R.rate(d, "P1", "Dr. Ruiz", {"implementation": 3, "impact": 4}).do(d)
    tables = {t.key: t for t in retreat_tables(d)}
    assert list(tables) == ["decision_log", "chosen_scenario", "ratings", "load"]
    log = tables["decision_log"]
    assert log.rows[0][log.columns.index("Why")] == '=HYPERLINK("x")'  # the export guards it
    assert len(log.rows) == 1 + sum(1 for i in sc.remove if d.items[i].kind != "strategy")
    chosen = tables["chosen_scenario"]
    assert chosen.columns == ("Measure", "Today", "Lean") and "Applied on 2026-11-22" in chosen.note
    assert tables["ratings"].rows[0][:2] == ("P1", d.items["P1"].name)
    for table in tables.values():
        assert len(table.title) <= 31
        for row in table.rows:
            assert len(row) == len(table.columns)
            assert all(v is None or isinstance(v, str | int | float) for v in row)
