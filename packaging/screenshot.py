"""Screenshots of the main window on the sample district, for the README and layout review.

Run under a virtual display:  xvfb-run -a python packaging/screenshot.py [--out packaging/screenshots]
Writes main-1366x768.png, main-1920x1080.png, main-dark-1366x768.png and start page shots. Settings are kept in
a temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from shots import screenshot_app, settle


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.ui import theme
        from coherence_planner.ui.shell.main_window import MainWindow

        for width, height in ((1366, 768), (1920, 1080)):
            window = MainWindow()
            window.setWindowState(Qt.WindowState.WindowNoState)  # not the first run's maximised
            window.resize(width, height)
            window.show()
            settle(app)
            window.grab().save(str(out / f"start-{width}x{height}.png"))
            window.documents.open_sample()
            settle(app)
            window.session.select(["P4"])  # a program with several findings
            settle(app)
            window.grab().save(str(out / f"main-{width}x{height}.png"))
            print(f"wrote {out}/main-{width}x{height}.png")
            if width == 1366:
                theme.apply(app, Qt.ColorScheme.Dark)
                window.refresh_icons()
                settle(app)
                window.grab().save(str(out / f"main-dark-{width}x{height}.png"))
                theme.apply(app, Qt.ColorScheme.Light)
                window.refresh_icons()
            window.close()
            settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
