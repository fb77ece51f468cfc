"""A generated 150-program map in a bare MapView, and its pixels, for the tests that compare
what the map draws (test_link_overview.py, test_map_fields.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtGui import QImage

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model import codec
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.view import MapView


def small_map(qtbot: Any) -> MapView:
    district = codec.district_from_dict(generate(150, 2))
    analysis = analyse(district)
    scene = MapScene()
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    scene.build(district, analysis, layout_map(district, analysis))
    return view


def pixels(view: MapView) -> np.ndarray:
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())
