"""`coherence-planner export FILE OUT.png` on a machine without a display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from coherence_planner.assets import read_sample_json

ROOT = Path(__file__).resolve().parents[3]


def _export(tmp_path: Path, *extra: str) -> QImage:
    source = tmp_path / "riverside.json"
    source.write_text(json.dumps(read_sample_json()))
    out = tmp_path / "map.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the exporter must choose offscreen by itself
    done = subprocess.run(
        [sys.executable, "-m", "coherence_planner", "export", str(source), str(out), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull()
    return image


def test_cli_png_is_written_headless_at_the_maps_proportions_and_focuses(tmp_path: Path) -> None:
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.layout.pipeline import layout_map
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.reports.map.svg import LEGEND_W, TITLE_H

    image = _export(tmp_path)
    district = district_from_dict(read_sample_json())
    layout = layout_map(district, analyse(district))
    ratio = (layout.width + LEGEND_W) / (layout.height + TITLE_H + 10)
    assert abs(image.width() / image.height() - ratio) < 0.01
    assert image.width() > 2 * layout.width  # twice the size in points
    # Not blank: many distinct colours (cards, flags, lines), white background.
    step = max(1, image.width() // 60)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    assert len(colours) > 8
    assert image.pixelColor(2, 2).name() == "#ffffff"
    focused = _export(tmp_path, "--goal", "G1")  # --goal dims what does not reach G1
    assert focused.size() == image.size()
    assert focused != image
