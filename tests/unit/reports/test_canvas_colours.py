"""The canvas turns a colour given by name or hex string into reportlab's colour once, and
writes exactly what reportlab writes for it (issue 29: the map's cards set their colours by
hex string thousands of times, each through reportlab's slow toColor)."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.layout import style
from coherence_planner.reports import script_canvas
from coherence_planner.reports.script_canvas import ScriptCanvas


def _operators(canvas_class: type[Canvas], colour: object) -> list[str]:
    canvas = canvas_class(io.BytesIO())
    start = len(canvas._code)
    canvas.setFillColor(colour)
    canvas.setStrokeColor(colour)
    return list(canvas._code[start:])


@pytest.mark.parametrize("colour", [style.TEXT, style.MUTED_TEXT, "#CCCCCC", "red", "#80336699"])
def test_a_colour_by_string_writes_what_reportlab_writes(colour: str) -> None:
    ours = _operators(ScriptCanvas, colour)
    assert ours and ours == _operators(Canvas, colour)


def test_each_colour_string_is_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    script_canvas._colour.cache_clear()
    asked: list[object] = []
    real = script_canvas.toColor
    monkeypatch.setattr(script_canvas, "toColor", lambda c: asked.append(c) or real(c))
    canvas = ScriptCanvas(io.BytesIO())
    for _ in range(3):
        canvas.setFillColor("#123456")
        canvas.setStrokeColor("#123456")
    assert asked == ["#123456"]
