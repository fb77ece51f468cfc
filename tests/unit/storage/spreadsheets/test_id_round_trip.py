"""Issue 24: a plan's own Excel (and CSV) export imports into a new plan with the same items
and links, ids included. The import refused every id outside letters, digits and - _ .
(the district format allows any one line of text), and took the export's program CSV (it
has a Themes column) for a table of strategies.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate_district import generate
from coherence_planner.cli import main
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.storage.interchange import load_any, write_json
from coherence_planner.storage.sample import sample_district
from coherence_planner.storage.spreadsheets import (
    plan_import,
    read_spreadsheet,
    write_csv,
    write_xlsx,
)
from tests.factories import g, make, p, sup


def shape(
    district: District, kinds: tuple[str, ...] = ("goal", "strategy", "program", "policy")
) -> tuple[object, ...]:
    """What the round trip must keep: each item's id, kind and name, and each link."""
    items = sorted((i.id, i.kind, i.name) for i in district.items.values() if i.kind in kinds)
    links = sorted((ln.src, ln.dst, ln.kind) for ln in district.links.values())
    return items, links if len(kinds) == 4 else []


def generated_with_unusual_ids() -> District:
    """A generated district whose ids take shapes the format allows and a person might
    use: "Goal 1", "PROG/12", "=P3", "#7 (2026)"."""
    data = generate(300, seed=7)
    shapes = ("Goal {}", "PROG/{}", "={}", "#{} (2026)", "é-{}", "{}:a")
    new_ids = {}
    for section in ("goals", "strategies", "programs", "policies"):
        for n, item in enumerate(data[section]):
            new_ids[item["id"]] = shapes[n % len(shapes)].format(item["id"])
            item["id"] = new_ids[item["id"]]
    for link in data["links"]:
        link["from"], link["to"] = new_ids[link["from"]], new_ids[link["to"]]
    return district_from_dict(data)


def through_the_command_line(district: District, folder: Path, suffix: str) -> District:
    source = folder / "source.json"
    write_json(district, source)
    assert main(["export", str(source), str(folder / f"plan.{suffix}")]) == 0
    assert (
        main(["import", str(folder / f"plan.{suffix}"), "--into", str(folder / "new.coherence")])
        == 0
    )
    return load_any(folder / "new.coherence")


@pytest.mark.parametrize(
    "district",
    [sample_district(), generated_with_unusual_ids()],
    ids=["sample", "generated"],
)
def test_the_excel_export_imports_into_the_same_plan(tmp_path: Path, district: District) -> None:
    assert shape(through_the_command_line(district, tmp_path, "xlsx")) == shape(district)


@pytest.mark.parametrize(
    "district",
    [sample_district(), generated_with_unusual_ids()],
    ids=["sample", "generated"],
)
def test_the_csv_export_imports_with_the_programs_ids(tmp_path: Path, district: District) -> None:
    back = through_the_command_line(district, tmp_path, "csv")
    assert shape(back, ("program",)) == shape(district, ("program",))


# Ids as the district format allows them: one line of text, no invisible control
# characters; not starting or ending with a space (a cell's surrounding spaces are trimmed).
ID_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(list("=+-@'#/:. _") + list(string.digits)),
    min_size=1,
    max_size=40,
).filter(lambda text: text == text.strip() and bool(text))


GOAL = "the goal " + "x" * 40  # longer than any generated id: never one of them


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ids=st.lists(ID_TEXT, min_size=1, max_size=6, unique=True))
def test_any_id_the_format_allows_survives_the_round_trip(tmp_path: Path, ids: list[str]) -> None:
    district = make(
        goals=[g(GOAL)],
        programs=[p(item_id, name=f"Program {n}") for n, item_id in enumerate(ids)],
        links=[sup(item_id, GOAL) for item_id in ids],
    )
    for out, kinds in (
        (tmp_path / "ids.xlsx", ("goal", "strategy", "program", "policy")),
        (tmp_path / "ids.csv", ("program",)),
    ):
        if out.suffix == ".xlsx":
            write_xlsx(district, analyse(district), out)
        else:
            write_csv(district, out)
        new = District(name="new")
        plan = plan_import(read_spreadsheet(out), None, new, source=out.name)
        assert plan.problems == []
        plan.to_command(new).do(new)
        assert shape(new, kinds) == shape(district, kinds), out.name
