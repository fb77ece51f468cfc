"""The SVG export: well-formed, every item and link findable by data attributes, text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.reports.map.svg import map_to_svg, write_svg
from tests.factories import con, g, make, p, s, sup

NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = '<img src=x> & "q"'


def _district():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1", name="Every reader by grade 3")],
        strategies=[s("S1")],
        programs=[p("P1", name=HOSTILE, annual_cost=5000), p("P2"), p("P3"), p("P4")],
        links=[
            sup("S1", "G1"),
            sup("P1", "S1", strength="strong"),
            sup("P2", "S1", strength="weak"),
            sup("P3", "G1"),
            con("P1", "P2"),
        ],
    )


def test_every_item_and_link_is_an_element_with_data_attributes() -> None:
    district = _district()
    analysis = analyse(district)
    layout = layout_map(district, analysis)
    root = ET.fromstring(map_to_svg(district, analysis, layout))
    ids = [el.get("data-item-id") for el in root.iter() if el.get("data-item-id")]
    assert sorted(ids) == sorted(layout.cards)
    links = {
        (el.get("data-from"), el.get("data-to"), el.get("data-kind"))
        for el in root.iter()
        if el.get("data-from")
    }
    assert links == {(e.src, e.dst, e.kind) for e in layout.edges}
    assert ("P1", "P2", "conflicts") in links
    orphan = next(el for el in root.iter() if el.get("data-item-id") == "P4")
    assert "orphan" in (orphan.get("class") or "").split()
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "NOT LINKED" in texts and "Not linked to any goal" in texts


def test_hostile_names_are_text_not_markup(tmp_path: Path) -> None:
    district = _district()
    analysis = analyse(district)
    text = map_to_svg(district, analysis, layout_map(district, analysis), title=HOSTILE)
    assert "<img" not in text
    root = ET.fromstring(text)
    assert root.find("svg:img", NS) is None and not list(root.iter("img"))
    card = next(el for el in root.iter() if el.get("data-item-id") == "P1")
    assert card.findtext("svg:title", namespaces=NS) == HOSTILE
    assert root.findtext("svg:title", namespaces=NS) == HOSTILE


def test_focus_dims_what_is_out_of_sight_and_write_is_atomic(tmp_path: Path) -> None:
    district = _district()
    analysis = analyse(district)
    layout = layout_map(district, analysis, goal_focus="G1")
    target = tmp_path / "map.svg"
    write_svg(target, district, analysis, layout)
    root = ET.parse(target).getroot()
    dimmed = {
        el.get("data-item-id") for el in root.iter() if "dimmed" in (el.get("class") or "").split()
    }
    assert dimmed == {"P4"}
    assert [f.name for f in tmp_path.iterdir()] == ["map.svg"]


def test_a_strategy_card_shows_the_cycle_running_on_the_given_date() -> None:
    fall = {"start": "2026-09-01", "end": "2026-10-15", "focus": "Screen every reader"}
    district = make(
        goals=[g("G1")],
        strategies=[s("S1", cycles=[fall]), s("S2")],
        links=[sup("S1", "G1"), sup("S2", "G1")],
    )
    analysis = analyse(district)
    on = layout_map(district, analysis, today=dt.date(2026, 10, 1))
    texts = _card_texts(map_to_svg(district, analysis, on))
    assert "Cycle to 10-15: Screen every reader" in texts["S1"]
    assert not any(t.startswith("Cycle") for t in texts["S2"])
    after = layout_map(district, analysis, today=dt.date(2026, 11, 1))
    assert not any(
        t.startswith("Cycle") for t in _card_texts(map_to_svg(district, analysis, after))["S1"]
    )
    undated = layout_map(district, analysis)
    assert "Cycle" not in map_to_svg(district, analysis, undated)


def _card_texts(svg: str) -> dict[str, list[str]]:
    root = ET.fromstring(svg)
    return {
        el.get("data-item-id", ""): [t.text or "" for t in el.iter(f"{{{NS['svg']}}}text")]
        for el in root.iter()
        if el.get("data-item-id")
    }
