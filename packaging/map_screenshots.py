"""Screenshots of the coherence map on the sample district, as a cabinet sees it projected.

Run under a virtual display:  xvfb-run -a python packaging/map_screenshots.py [--out DIR]
Opens the sample, hides the side docks, shows the Map tab at 1920x1080 and 1366x768, and
writes map-whole.png (Fit) and map-focus-g1.png (focused on goal G1), with the size as a
suffix for the smaller screen. Settings are kept in a temporary folder, so the user's recent
files and window layout are not touched.
"""

from __future__ import annotations

from shots import screenshot_app, settle


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.ui.shell.main_window import MainWindow

        for width, height in ((1920, 1080), (1366, 768)):
            suffix = "" if width == 1920 else f"-{width}x{height}"
            window = MainWindow()
            window.resize(width, height)
            window.show()
            window.documents.open_sample()
            for dock in (window.browser_dock, window.inspector_dock, window.findings_dock):
                dock.hide()
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
            panel.focus.setCurrentIndex(panel.focus.findData("G1"))
            settle(app)
            window.grab().save(str(out / f"map-focus-g1{suffix}.png"))
            print(f"wrote map-focus-g1{suffix}.png at {panel.view.zoom:.0%}")
            window.close()
            settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
