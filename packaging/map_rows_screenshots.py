"""Screenshots of a 300-program district's map at Fit, its programs in rows (issue 26).

Run under a virtual display:  xvfb-run -a python packaging/map_rows_screenshots.py [--out DIR]
Writes benchmarks/generate_tree.py's 300-program district to a temporary plan, opens it,
shows the Map tab at 1280x720, 1366x768 and 1920x1080 (the window as maximised there:
1280x701, 1366x749 and 1920x1061), fits the whole map and writes
map-rows-300-programs-WxH.png. Settings are kept in a temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from shots import screenshot_app, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/

SIZES = ((1280, 720, 701), (1366, 768, 749), (1920, 1080, 1061))


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from benchmarks.generate_tree import generate_tree
        from coherence_planner.domain.model.codec import district_from_dict
        from coherence_planner.storage.document import Document
        from coherence_planner.ui.shell.main_window import MainWindow

        for width, height, room in SIZES:
            # A plan of its own for each window: the last one's lock may outlive its close.
            plan = env.temp / f"district-300-{width}.coherence"
            Document.create(plan, district_from_dict(generate_tree(300, 1))).close()
            name = f"map-rows-300-programs-{width}x{height}.png"
            window = MainWindow()
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.resize(width, room)
            window.show()
            window.documents.open_plan(plan)
            window.show_view(window.map_panel)
            panel = window.map_panel
            deadline = time.monotonic() + 120  # a busy machine lays it out slowly
            while time.monotonic() < deadline:
                settle(app, 5)
                laid = panel.layout_
                # The scene is built a slice at a time: wait for every card.
                if laid and not panel.runner.busy and len(panel.scene.cards) >= len(laid.cards):
                    break
            settle(app)
            panel.view.fit()
            settle(app)
            window.grab().save(str(out / name))
            print(f"wrote {name} at {panel.view.zoom:.0%}")
            window.close()
            settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
