"""Screenshots of the coherence map on the sample district, at the screens cabinets have.

Run under a virtual display:  xvfb-run -a python packaging/map_screenshots.py [--out DIR]
Opens the sample and shows the Map tab (the side panels step aside for it) at 1280x720,
1366x768 and 1920x1080, and writes map-whole-WxH.png (Fit), map-legend-WxH.png (Fit with the
legend strip unfolded) and map-focus-g1-WxH.png (focused on goal G1). Settings are kept in a
temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from shots import screenshot_app, settle

SIZES = ((1280, 720), (1366, 768), (1920, 1080))


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.ui.shell.main_window import MainWindow

        for width, height in SIZES:
            suffix = f"-{width}x{height}"
            window = MainWindow()
            window.setWindowState(Qt.WindowState.WindowNoState)  # not the first run's maximised
            window.resize(width, height)
            window.show()
            window.documents.open_sample()
            window.show_view(window.map_panel)
            panel = window.map_panel
            for _ in range(200):
                settle(app, 5)
                if panel.scene.cards:
                    break
            settle(app)
            panel.view.fit()
            settle(app)
            window.grab().save(str(out / f"map-whole{suffix}.png"))
            print(f"wrote map-whole{suffix}.png at {panel.view.zoom:.0%}")
            panel.toolbar.legend_action.trigger()
            settle(app)
            panel.view.fit()
            settle(app)
            window.grab().save(str(out / f"map-legend{suffix}.png"))
            panel.toolbar.legend_action.trigger()
            settle(app)
            panel.toolbar.focus.setCurrentIndex(panel.toolbar.focus.findData("G1"))
            settle(app)
            window.grab().save(str(out / f"map-focus-g1{suffix}.png"))
            print(f"wrote map-focus-g1{suffix}.png at {panel.view.zoom:.0%}")
            window.close()
            settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
