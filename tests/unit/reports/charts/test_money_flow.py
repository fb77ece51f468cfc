"""The money-flow picture: readable at print sizes, no label on another, same dollars."""

from __future__ import annotations

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.reports.charts.money_flow import FlowPicture, Text, flow_picture
from coherence_planner.reports.fonts import text_width
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import hostile_district

LETTER_WIDE = (692.0, 400.0)  # a Letter landscape report page under its heading
TABLOID_WIDE = (1124.0, 660.0)


def _box(text: Text) -> tuple[float, float, float, float]:
    width = text_width(text.text, text.size, text.bold)
    left = text.x - width if text.align == "right" else text.x
    return (left, text.y - text.size * 0.8, left + width, text.y + text.size * 0.2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check(picture: FlowPicture) -> None:
    assert picture.texts
    assert picture.smallest_text >= 7.0
    boxes = [_box(t) for t in picture.texts]
    for n, a in enumerate(boxes):
        assert a[0] >= -0.5 and a[2] <= picture.width + 0.5, picture.texts[n]
        assert a[1] >= -0.5 and a[3] <= picture.height + 0.5, picture.texts[n]
        for m in range(n):
            assert not _overlap(a, boxes[m]), (picture.texts[n], picture.texts[m])
    for key, (x, y, w, h) in picture.boxes.items():  # every box inside the picture
        assert x >= 0 and x + w <= picture.width + 0.01 and y + h <= picture.height + 0.01, key
    for ribbon in picture.ribbons:
        assert ribbon.x0 < ribbon.x1
        assert 0 <= ribbon.top0 <= ribbon.bottom0 <= picture.height + 0.01
        assert 0 <= ribbon.top1 <= ribbon.bottom1 <= picture.height + 0.01


def _big(programs: int) -> District:
    return district_from_dict(generate(programs, 1))


@pytest.mark.parametrize("size", [LETTER_WIDE, TABLOID_WIDE, (900.0, 520.0), (640.0, 300.0)])
def test_sample_district_is_readable_at_every_size(size: tuple[float, float]) -> None:
    district = sample_district()
    _check(flow_picture(district, analyse(district), *size))


def test_a_500_program_district_groups_small_programs() -> None:
    district = _big(500)
    picture = flow_picture(district, analyse(district), *LETTER_WIDE)
    _check(picture)
    labels = [n.label for n in picture.diagram.columns[0]]
    assert any(label.endswith("other programs") for label in labels)
    assert len(labels) <= 26


def test_hostile_names_stay_inside_their_boxes() -> None:
    district = hostile_district()
    _check(flow_picture(district, analyse(district), *LETTER_WIDE))


def test_ribbon_widths_are_dollars_at_one_scale() -> None:
    district = sample_district()
    analysis = analyse(district)
    picture = flow_picture(district, analysis, *TABLOID_WIDE)
    goal_boxes = {
        key: box
        for key, box in picture.boxes.items()
        if key in analysis.resources.by_goal and analysis.resources.by_goal[key] > 0
    }
    ratios = []
    for key, (x, y, _w, h) in goal_boxes.items():
        thickness = sum(
            r.bottom1 - r.top1 for r in picture.ribbons if r.x1 == x and y <= r.top1 <= y + h
        )
        ratios.append(thickness / analysis.resources.by_goal[key])
    assert len(ratios) >= 2
    assert max(ratios) == pytest.approx(min(ratios), rel=1e-6)
