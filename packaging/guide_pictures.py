"""The pictures of Help › Guide, made from the screenshots in packaging/screenshots: each
scaled to 560 px wide and written to resources/guide/ (which ships with the app).

Run after view_screenshots.py:  python packaging/guide_pictures.py
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "packaging" / "screenshots"
WIDTH = 560
# guide picture -> the screenshot it shows
SOURCES = {
    "guide-import.png": "import-preview.png",
    "guide-findings.png": "view-findings-1366x768.png",
    "guide-map.png": "view-map-coherence-map-1366x768.png",
    "guide-print.png": "pdf-export-dialog.png",
    "guide-retreat.png": "view-retreat-decisions-1366x768.png",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shots", default=str(SHOTS), type=Path, help="the screenshots folder")
    shots = parser.parse_args(argv).shots
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # only images: no display needed
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    target = ROOT / "resources" / "guide"
    target.mkdir(exist_ok=True)
    for name, source in SOURCES.items():
        image = QImage(str(shots / source))
        if image.isNull():
            raise SystemExit(f"missing screenshot {shots / source}: run view_screenshots.py first")
        small = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        small.save(str(target / name), "PNG")
        print(f"wrote {target / name} from {source}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
